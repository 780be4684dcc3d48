import Handlebars from 'handlebars';
import { subjectLine } from '../../messages/ses';
import type { EmailAttachment, EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import type { Locale } from '../../shared/locales';
import { formatMoney, type Money } from '../../shared/rules/money';
import type { CompanyDetails } from '../pdf/invoice-pdf';
import { formatDate } from '../pdf/invoice-pdf';
import { invoicePdfText } from '../pdf/invoice-pdf-text';
import type { Invoice } from '../rules/invoice';
import { invoiceEmailText } from './invoice-email-text';

/**
 * The email that sends an invoice to the customer, in the invoice's language: number, dates,
 * the lines, tax by rate, totals, due date and how to pay, with the PDF attached. Every value is
 * escaped in the HTML part (a customer named `<b>` stays text); the text part is plain.
 */

const handlebars = Handlebars.create();
const escapeText = (value: string) => handlebars.escapeExpression(value);

type Compiled = Record<keyof (typeof invoiceEmailText)['en'], HandlebarsTemplateDelegate>;
const compiled = new Map<Locale, { html: Compiled; text: Compiled }>();

function templatesOf(locale: Locale) {
  let found = compiled.get(locale);
  if (!found) {
    const html = {} as Compiled;
    const text = {} as Compiled;
    for (const [key, source] of Object.entries(invoiceEmailText[locale])) {
      html[key as keyof Compiled] = handlebars.compile(source, { strict: true });
      text[key as keyof Compiled] = handlebars.compile(source, { strict: true, noEscape: true });
    }
    found = { html, text };
    compiled.set(locale, found);
  }
  return found;
}

/** Where the PDF of an invoice is kept in the documents bucket; written once, never replaced. */
export function invoiceDocumentKey(invoice: Pick<Invoice, 'number' | 'year'>): string {
  return `invoices/${invoice.year}/${invoice.number}.pdf`;
}

export function invoiceAttachment(invoice: Pick<Invoice, 'number' | 'year'>): EmailAttachment {
  return {
    filename: `${invoice.number}.pdf`,
    contentType: 'application/pdf',
    documentKey: invoiceDocumentKey(invoice),
  };
}

/** An invoice is emailed once, to the address the contract bills. */
export function invoiceEmailKey(invoice: Pick<Invoice, 'number'>, recipient: string): OutboxKey {
  return { kind: 'invoice', subject: `invoice#${invoice.number}`, recipient, period: '-' };
}

export function renderInvoiceEmail(
  invoice: Invoice & { creditAppliedMinor?: number },
  company: CompanyDetails,
): EmailContent {
  const locale = invoice.language;
  const labels = invoicePdfText[locale];
  const { html: h, text: t } = templatesOf(locale);
  const money = (m: Money) => formatMoney(m, locale);
  const credit = { amountMinor: invoice.creditAppliedMinor ?? 0, currency: invoice.currency };
  const due = {
    amountMinor: invoice.totals.total.amountMinor - credit.amountMinor,
    currency: invoice.currency,
  };
  const values = {
    name: invoice.customer.name,
    number: invoice.number,
    issueDate: formatDate(invoice.issueDate, locale),
    dueDate: formatDate(invoice.dueDate, locale),
    total: money(due),
    company: company.legalName,
    paymentDetails: company.paymentDetails ?? '',
  };
  const paying =
    due.amountMinor <= 0
      ? ([] as const)
      : company.paymentDetails
        ? (['howToPay', 'quoteNumber'] as const)
        : (['quoteNumber'] as const);

  const lineRows = invoice.lines.map((line) => [
    line.service,
    line.quantity,
    money(line.unitPrice),
    line.discount.amountMinor === 0 ? '' : `−${money(line.discount)}`,
    money(line.net),
    `${line.taxRatePercent} %`,
    money(line.tax),
    money(line.total),
  ]);
  const header = [
    labels.service,
    labels.quantity,
    labels.unitPrice,
    labels.discount,
    labels.net,
    labels.taxRate,
    labels.tax,
    labels.lineTotal,
  ];
  const totals: [string, string][] = [
    [labels.subtotal, money(invoice.totals.net)],
    ...invoice.taxByRate.map((rate): [string, string] => [
      `${labels.taxAt} ${rate.taxRatePercent} % (${money(rate.net)})`,
      money(rate.tax),
    ]),
    [labels.total, money(invoice.totals.total)],
    ...(credit.amountMinor > 0
      ? [
          [labels.creditApplied, `−${money(credit)}`] as [string, string],
          [labels.amountDue, money(due)] as [string, string],
        ]
      : []),
  ];
  // Paid in full by the account's credit: nothing to pay, so no "how to pay" either.
  const dueLine = due.amountMinor > 0 ? ('amountDue' as const) : ('paidByCredit' as const);
  const facts: [string, string][] = [
    [labels.number, invoice.number],
    [labels.issueDate, values.issueDate],
    [labels.dueDate, values.dueDate],
    ...(invoice.period
      ? [
          [
            labels.period,
            `${formatDate(invoice.period.start, locale)} – ${formatDate(invoice.period.end, locale)}`,
          ] as [string, string],
        ]
      : []),
  ];

  const cell = (value: string, tag = 'td', right = false) =>
    `<${tag}${right ? ' style="text-align:right"' : ''}>${escapeText(value)}</${tag}>`;
  const htmlBody = [
    `<p>${h.greeting(values)}</p>`,
    `<p>${h.attached(values)}</p>`,
    `<table>${facts.map(([k, v]) => `<tr>${cell(k, 'th')}${cell(v)}</tr>`).join('')}</table>`,
    `<table cellpadding="4" style="border-collapse:collapse">`,
    `<tr>${header.map((label, i) => cell(label, 'th', i > 0)).join('')}</tr>`,
    ...lineRows.map((row) => `<tr>${row.map((v, i) => cell(v, 'td', i > 0)).join('')}</tr>`),
    ...totals.map(
      ([label, value]) =>
        `<tr><td colspan="7" style="text-align:right">${escapeText(label)}</td>${cell(value, 'td', true)}</tr>`,
    ),
    '</table>',
    `<p><strong>${h[dueLine](values)}</strong></p>`,
    ...(paying.length > 0 ? [`<p>${paying.map((k) => h[k](values)).join('<br>\n')}</p>`] : []),
    `<p>${h.questions(values)}</p>`,
    `<p>${h.signOff(values)}<br>\n${escapeText(company.legalName)}</p>`,
  ].join('\n');

  const textBody = [
    t.greeting(values),
    t.attached(values),
    facts.map(([k, v]) => `${k}: ${v}`).join('\n'),
    lineRows
      .map(
        (row) =>
          `${row[0]}: ${row[1]} × ${row[2]}${row[3] ? ` ${row[3]}` : ''} = ${row[4]} + ${labels.tax} ${row[5]} ${row[6]} = ${row[7]}`,
      )
      .join('\n'),
    totals.map(([k, v]) => `${k}: ${v}`).join('\n'),
    t[dueLine](values),
    ...(paying.length > 0 ? [paying.map((k) => t[k](values)).join('\n')] : []),
    t.questions(values),
    `${t.signOff(values)}\n${company.legalName}`,
  ].join('\n\n');

  const subject = subjectLine(t.subject(values));
  const html =
    `<!doctype html>\n<html lang="${locale}">\n<head><meta charset="utf-8">` +
    `<title>${escapeText(subject)}</title></head>\n<body>\n${htmlBody}\n</body>\n</html>\n`;
  return {
    subjectLine: subject,
    html,
    text: `${textBody}\n`,
    attachments: [invoiceAttachment(invoice)],
  };
}
