import Handlebars from 'handlebars';
import { invoiceAttachment } from '../../invoicing/mail/invoice-email';
import type { CompanyDetails } from '../../invoicing/pdf/invoice-pdf';
import { formatDate } from '../../invoicing/pdf/invoice-pdf';
import type { Invoice } from '../../invoicing/rules/invoice';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import type { Locale } from '../../shared/locales';
import { formatMoney } from '../../shared/rules/money';

/**
 * The email that sends a credit note (with its PDF) to the customer, in the invoice's language.
 * Placeholders: `name`, `number`, `invoice`, `issueDate`, `total`, `company`.
 */

interface CreditNoteText {
  subject: string;
  greeting: string;
  attached: string;
  credited: string;
  signOff: string;
}

export const creditNoteText: Record<Locale, CreditNoteText> = {
  en: {
    subject: 'Credit note {{number}} for invoice {{invoice}} from {{company}}',
    greeting: 'Dear {{name}},',
    attached:
      'Please find attached our credit note {{number}} of {{issueDate}} for invoice {{invoice}} as a PDF.',
    credited: 'We have credited {{total}} to your account. We apologise for the error.',
    signOff: 'Kind regards,',
  },
  de: {
    subject: 'Gutschrift {{number}} zur Rechnung {{invoice}} von {{company}}',
    greeting: 'Guten Tag {{name}},',
    attached:
      'anbei erhalten Sie unsere Gutschrift {{number}} vom {{issueDate}} zur Rechnung {{invoice}} als PDF.',
    credited: 'Wir haben Ihrem Konto {{total}} gutgeschrieben. Bitte entschuldigen Sie den Fehler.',
    signOff: 'Mit freundlichen Grüßen',
  },
  el: {
    subject: 'Πιστωτικό σημείωμα {{number}} για το τιμολόγιο {{invoice}} από {{company}}',
    greeting: 'Αγαπητέ/ή {{name}},',
    attached:
      'Σας επισυνάπτουμε το πιστωτικό σημείωμα {{number}} της {{issueDate}} για το τιμολόγιο {{invoice}} σε μορφή PDF.',
    credited: 'Πιστώσαμε τον λογαριασμό σας με {{total}}. Ζητούμε συγγνώμη για το λάθος.',
    signOff: 'Με εκτίμηση,',
  },
  ko: {
    subject: '{{company}} 청구서 {{invoice}}에 대한 대변표 {{number}}',
    greeting: '{{name}}님, 안녕하세요.',
    attached:
      '청구서 {{invoice}}에 대한 {{issueDate}}자 대변표 {{number}}를 PDF로 첨부해 드립니다.',
    credited: '고객님 계정에 {{total}}을(를) 적립했습니다. 오류에 대해 사과드립니다.',
    signOff: '감사합니다.',
  },
  zh: {
    subject: '{{company}} 发票 {{invoice}} 的贷项通知单 {{number}}',
    greeting: '{{name}}，您好：',
    attached:
      '随函附上我们于 {{issueDate}} 就发票 {{invoice}} 开具的贷项通知单 {{number}}（PDF）。',
    credited: '我们已将 {{total}} 记入您的账户。对于此错误，我们深表歉意。',
    signOff: '此致敬礼',
  },
};

const handlebars = Handlebars.create();
const escapeText = (value: string) => handlebars.escapeExpression(value);

/** A credit note is emailed once, to the address of the invoice it credits. */
export function creditNoteEmailKey(
  creditNote: Pick<Invoice, 'number'>,
  recipient: string,
): OutboxKey {
  return {
    kind: 'credit-note',
    subject: `credit-note#${creditNote.number}`,
    recipient,
    period: '-',
  };
}

export function renderCreditNoteEmail(
  creditNote: Invoice,
  creditedInvoice: string,
  company: CompanyDetails,
): EmailContent {
  const locale = creditNote.language;
  const words = creditNoteText[locale];
  const values = {
    name: creditNote.customer.name,
    number: creditNote.number,
    invoice: creditedInvoice,
    issueDate: formatDate(creditNote.issueDate, locale),
    total: formatMoney(creditNote.totals.total, locale),
    company: company.legalName,
  };
  const fill = (source: string, asHtml: boolean) =>
    handlebars.compile(source, { strict: true, noEscape: !asHtml })(values);
  const parts = ['greeting', 'attached', 'credited'] as const;
  const subject = subjectLine(fill(words.subject, false));
  const html =
    `<!doctype html>\n<html lang="${locale}">\n<head><meta charset="utf-8">` +
    `<title>${escapeText(subject)}</title></head>\n<body>\n` +
    parts.map((k) => `<p>${fill(words[k], true)}</p>`).join('\n') +
    `\n<p>${fill(words.signOff, true)}<br>\n${escapeText(company.legalName)}</p>\n</body>\n</html>\n`;
  const text = `${[...parts.map((k) => fill(words[k], false)), `${fill(words.signOff, false)}\n${company.legalName}`].join('\n\n')}\n`;
  return { subjectLine: subject, html, text, attachments: [invoiceAttachment(creditNote)] };
}
