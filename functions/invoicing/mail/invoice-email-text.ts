import type { Locale } from '../../shared/locales';

/**
 * The email that carries an invoice, in each language. Handlebars placeholders: `name`,
 * `number`, `issueDate`, `dueDate`, `total` (what is due: the total less the account's credit it
 * spent), `company`, `paymentDetails`. The table of lines and
 * the totals use the PDF's labels (`pdf/invoice-pdf-text.ts`).
 */
export interface InvoiceEmailText {
  subject: string;
  greeting: string;
  attached: string;
  amountDue: string;
  /** Instead of the amount due, when the account's credit paid the whole invoice. */
  paidByCredit: string;
  howToPay: string;
  quoteNumber: string;
  questions: string;
  signOff: string;
}

export const invoiceEmailText: Record<Locale, InvoiceEmailText> = {
  en: {
    subject: 'Invoice {{number}} from {{company}}',
    greeting: 'Dear {{name}},',
    attached: 'Please find attached our invoice {{number}} of {{issueDate}} as a PDF.',
    amountDue: 'Amount due: {{total}}, payable by {{dueDate}}.',
    paidByCredit: 'Nothing is due: the credit on your account paid this invoice in full.',
    howToPay: 'Please pay by bank transfer to {{paymentDetails}}.',
    quoteNumber: 'Please quote the invoice number {{number}} with your payment.',
    questions: 'If you have any questions about this invoice, simply reply to this email.',
    signOff: 'Kind regards,',
  },
  de: {
    subject: 'Rechnung {{number}} von {{company}}',
    greeting: 'Guten Tag {{name}},',
    attached: 'anbei erhalten Sie unsere Rechnung {{number}} vom {{issueDate}} als PDF.',
    amountDue: 'Zu zahlender Betrag: {{total}}, fällig bis {{dueDate}}.',
    paidByCredit: 'Es ist nichts zu zahlen: Ihr Guthaben hat diese Rechnung vollständig beglichen.',
    howToPay: 'Bitte überweisen Sie den Betrag auf folgendes Konto: {{paymentDetails}}.',
    quoteNumber: 'Bitte geben Sie bei der Zahlung die Rechnungsnummer {{number}} an.',
    questions: 'Bei Fragen zu dieser Rechnung antworten Sie einfach auf diese E-Mail.',
    signOff: 'Mit freundlichen Grüßen',
  },
  el: {
    subject: 'Τιμολόγιο {{number}} από {{company}}',
    greeting: 'Αγαπητέ/ή {{name}},',
    attached: 'Σας επισυνάπτουμε το τιμολόγιο {{number}} της {{issueDate}} σε μορφή PDF.',
    amountDue: 'Πληρωτέο ποσό: {{total}}, έως τις {{dueDate}}.',
    paidByCredit:
      'Δεν οφείλετε τίποτα: το πιστωτικό υπόλοιπο του λογαριασμού σας εξόφλησε πλήρως αυτό το τιμολόγιο.',
    howToPay: 'Παρακαλούμε πληρώστε με τραπεζική μεταφορά στον λογαριασμό {{paymentDetails}}.',
    quoteNumber: 'Παρακαλούμε αναφέρετε τον αριθμό τιμολογίου {{number}} στην πληρωμή σας.',
    questions: 'Για οποιαδήποτε ερώτηση σχετικά με το τιμολόγιο, απαντήστε σε αυτό το μήνυμα.',
    signOff: 'Με εκτίμηση,',
  },
  ko: {
    subject: '{{company}} 청구서 {{number}}',
    greeting: '{{name}}님, 안녕하세요.',
    attached: '{{issueDate}}자 청구서 {{number}}를 PDF로 첨부해 드립니다.',
    amountDue: '청구 금액: {{total}}, 납부 기한: {{dueDate}}.',
    paidByCredit: '납부하실 금액이 없습니다. 계정의 크레딧으로 이 청구서가 전액 결제되었습니다.',
    howToPay: '다음 계좌로 송금해 주십시오: {{paymentDetails}}.',
    quoteNumber: '납부하실 때 청구서 번호 {{number}}를 기재해 주십시오.',
    questions: '이 청구서에 관해 궁금한 점이 있으시면 이 이메일에 회신해 주십시오.',
    signOff: '감사합니다.',
  },
  zh: {
    subject: '{{company}} 发票 {{number}}',
    greeting: '{{name}}，您好：',
    attached: '随函附上我们于 {{issueDate}} 开具的发票 {{number}}（PDF）。',
    amountDue: '应付金额：{{total}}，付款截止日期：{{dueDate}}。',
    paidByCredit: '无需付款：您账户中的余额已全额支付本发票。',
    howToPay: '请通过银行转账付款至：{{paymentDetails}}。',
    quoteNumber: '付款时请注明发票号码 {{number}}。',
    questions: '如对本发票有任何疑问，请直接回复此邮件。',
    signOff: '此致敬礼',
  },
};
