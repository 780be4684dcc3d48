import type { Locale } from '../../shared/locales';
import type { PaymentMethod } from '../rules/bank-statement';

/**
 * The receipt for a payment, in each language. Handlebars placeholders: `name`, `receiptNumber`,
 * `amount`, `date`, `method`, `reference`, `credit`, `company`.
 */
export interface ReceiptText {
  subject: string;
  greeting: string;
  received: string;
  details: string;
  /** Column heads of the table of invoices paid. */
  invoice: string;
  paid: string;
  stillOpen: string;
  fullyPaid: string;
  credit: string;
  thanks: string;
  signOff: string;
  methods: Record<PaymentMethod, string>;
  /** Labels of the facts: receipt number, date, method, reference. */
  receiptNumber: string;
  date: string;
  method: string;
  reference: string;
}

export const receiptText: Record<Locale, ReceiptText> = {
  en: {
    subject: 'Payment received: {{amount}} – receipt {{receiptNumber}}',
    greeting: 'Dear {{name}},',
    received: 'Thank you: we received your payment of {{amount}} on {{date}}.',
    details: 'This is your receipt.',
    invoice: 'Invoice',
    paid: 'Paid',
    stillOpen: 'Still open',
    fullyPaid: 'paid in full',
    credit:
      '{{credit}} is more than your open invoices: it is kept as credit on your account and pays your next invoices.',
    thanks: 'Thank you for your business.',
    signOff: 'Kind regards,',
    methods: { 'bank-transfer': 'bank transfer', card: 'card', cash: 'cash', cheque: 'cheque' },
    receiptNumber: 'Receipt number',
    date: 'Date received',
    method: 'Method',
    reference: 'Reference',
  },
  de: {
    subject: 'Zahlung erhalten: {{amount}} – Quittung {{receiptNumber}}',
    greeting: 'Guten Tag {{name}},',
    received: 'vielen Dank: Ihre Zahlung über {{amount}} ist am {{date}} bei uns eingegangen.',
    details: 'Dies ist Ihre Quittung.',
    invoice: 'Rechnung',
    paid: 'Bezahlt',
    stillOpen: 'Noch offen',
    fullyPaid: 'vollständig bezahlt',
    credit:
      '{{credit}} übersteigen Ihre offenen Rechnungen: Der Betrag wird Ihrem Konto gutgeschrieben und mit Ihren nächsten Rechnungen verrechnet.',
    thanks: 'Vielen Dank für Ihr Vertrauen.',
    signOff: 'Mit freundlichen Grüßen',
    methods: {
      'bank-transfer': 'Überweisung',
      card: 'Karte',
      cash: 'Barzahlung',
      cheque: 'Scheck',
    },
    receiptNumber: 'Quittungsnummer',
    date: 'Eingangsdatum',
    method: 'Zahlungsart',
    reference: 'Referenz',
  },
  el: {
    subject: 'Λάβαμε την πληρωμή σας: {{amount}} – απόδειξη {{receiptNumber}}',
    greeting: 'Αγαπητέ/ή {{name}},',
    received: 'Σας ευχαριστούμε: λάβαμε την πληρωμή σας ύψους {{amount}} στις {{date}}.',
    details: 'Αυτή είναι η απόδειξή σας.',
    invoice: 'Τιμολόγιο',
    paid: 'Εξοφλήθηκε',
    stillOpen: 'Υπόλοιπο',
    fullyPaid: 'εξοφλήθηκε πλήρως',
    credit:
      'Το ποσό {{credit}} υπερβαίνει τα ανοιχτά τιμολόγιά σας: παραμένει ως πίστωση στον λογαριασμό σας και συμψηφίζεται με τα επόμενα τιμολόγιά σας.',
    thanks: 'Σας ευχαριστούμε για τη συνεργασία.',
    signOff: 'Με εκτίμηση,',
    methods: {
      'bank-transfer': 'τραπεζική μεταφορά',
      card: 'κάρτα',
      cash: 'μετρητά',
      cheque: 'επιταγή',
    },
    receiptNumber: 'Αριθμός απόδειξης',
    date: 'Ημερομηνία είσπραξης',
    method: 'Τρόπος πληρωμής',
    reference: 'Αιτιολογία',
  },
  ko: {
    subject: '입금 확인: {{amount}} – 영수증 {{receiptNumber}}',
    greeting: '{{name}}님, 안녕하세요.',
    received: '{{date}}에 {{amount}}을(를) 입금해 주셔서 감사합니다.',
    details: '아래는 영수증입니다.',
    invoice: '청구서',
    paid: '납부액',
    stillOpen: '미납액',
    fullyPaid: '완납',
    credit:
      '미납 청구서를 초과한 {{credit}}은(는) 고객님 계정에 크레딧으로 보관되며 다음 청구서 결제에 사용됩니다.',
    thanks: '거래해 주셔서 감사합니다.',
    signOff: '감사합니다.',
    methods: { 'bank-transfer': '계좌 이체', card: '카드', cash: '현금', cheque: '수표' },
    receiptNumber: '영수증 번호',
    date: '입금일',
    method: '결제 수단',
    reference: '참조',
  },
  zh: {
    subject: '已收到付款：{{amount}} – 收据 {{receiptNumber}}',
    greeting: '{{name}}，您好：',
    received: '感谢您：我们已于 {{date}} 收到您的付款 {{amount}}。',
    details: '以下是您的收据。',
    invoice: '发票',
    paid: '已付',
    stillOpen: '未付余额',
    fullyPaid: '已全额付清',
    credit: '超出未付发票的 {{credit}} 将作为余额保留在您的账户中，并用于支付您的下一张发票。',
    thanks: '感谢您的惠顾。',
    signOff: '此致敬礼',
    methods: { 'bank-transfer': '银行转账', card: '银行卡', cash: '现金', cheque: '支票' },
    receiptNumber: '收据编号',
    date: '收款日期',
    method: '付款方式',
    reference: '付款备注',
  },
};
