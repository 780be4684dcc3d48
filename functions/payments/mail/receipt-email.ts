import Handlebars from 'handlebars';
import type { Account } from '../../accounts/store/accounts';
import type { CompanyDetails } from '../../invoicing/pdf/invoice-pdf';
import { formatDate } from '../../invoicing/pdf/invoice-pdf';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import { formatMoney, type Money } from '../../shared/rules/money';
import type { Payment } from '../payment-model';
import { receiptText } from './receipt-text';

/**
 * The receipt for a payment, in the account's language: the amount, date, method and reference,
 * what it paid of each invoice and what is still open, and any credit kept. Values are escaped in
 * the HTML part (a reference `<b>` stays text); the text part is plain.
 */

const handlebars = Handlebars.create();
const escapeText = (value: string) => handlebars.escapeExpression(value);

/** A payment's receipt is emailed once, to the account's address. */
export function receiptEmailKey(payment: Pick<Payment, 'paymentId'>, recipient: string): OutboxKey {
  return {
    kind: 'payment-receipt',
    subject: `payment#${payment.paymentId}`,
    recipient,
    period: '-',
  };
}

export function renderReceiptEmail(
  payment: Payment,
  account: Pick<Account, 'contactName' | 'legalName' | 'language'>,
  company: CompanyDetails,
): EmailContent {
  const locale = account.language;
  const words = receiptText[locale];
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: payment.amount.currency } satisfies Money, locale);
  const values = {
    name: account.contactName || account.legalName,
    receiptNumber: payment.paymentId,
    amount: formatMoney(payment.amount, locale),
    date: formatDate(payment.date, locale),
    method: words.methods[payment.method],
    reference: payment.reference,
    credit: money(payment.creditMinor),
    company: company.legalName,
  };
  const fill = (source: string, asHtml: boolean) =>
    handlebars.compile(source, { strict: true, noEscape: !asHtml })(values);

  const facts: [string, string][] = [
    [words.receiptNumber, payment.paymentId],
    [words.date, values.date],
    [words.method, values.method],
    [words.reference, payment.reference],
  ];
  const rows = payment.allocations.map((a) => [
    a.invoiceNumber,
    money(a.amountMinor),
    a.openAfterMinor === 0 ? words.fullyPaid : money(a.openAfterMinor),
  ]);
  const head = [words.invoice, words.paid, words.stillOpen];
  const cell = (value: string, tag = 'td') => `<${tag}>${escapeText(value)}</${tag}>`;

  const htmlBody = [
    `<p>${fill(words.greeting, true)}</p>`,
    `<p>${fill(words.received, true)} ${fill(words.details, true)}</p>`,
    `<table>${facts.map(([k, v]) => `<tr>${cell(k, 'th')}${cell(v)}</tr>`).join('')}</table>`,
    ...(rows.length > 0
      ? [
          '<table cellpadding="4" style="border-collapse:collapse">',
          `<tr>${head.map((h) => cell(h, 'th')).join('')}</tr>`,
          ...rows.map((row) => `<tr>${row.map((v) => cell(v)).join('')}</tr>`),
          '</table>',
        ]
      : []),
    ...(payment.creditMinor > 0 ? [`<p>${fill(words.credit, true)}</p>`] : []),
    `<p>${fill(words.thanks, true)}</p>`,
    `<p>${fill(words.signOff, true)}<br>\n${escapeText(company.legalName)}</p>`,
  ].join('\n');

  const textBody = [
    fill(words.greeting, false),
    `${fill(words.received, false)} ${fill(words.details, false)}`,
    facts.map(([k, v]) => `${k}: ${v}`).join('\n'),
    ...(rows.length > 0
      ? [
          rows
            .map(([n, paid, open]) => `${n}: ${words.paid} ${paid} · ${words.stillOpen}: ${open}`)
            .join('\n'),
        ]
      : []),
    ...(payment.creditMinor > 0 ? [fill(words.credit, false)] : []),
    fill(words.thanks, false),
    `${fill(words.signOff, false)}\n${company.legalName}`,
  ].join('\n\n');

  const subject = subjectLine(fill(words.subject, false));
  const html =
    `<!doctype html>\n<html lang="${locale}">\n<head><meta charset="utf-8">` +
    `<title>${escapeText(subject)}</title></head>\n<body>\n${htmlBody}\n</body>\n</html>\n`;
  return { subjectLine: subject, html, text: `${textBody}\n` };
}
