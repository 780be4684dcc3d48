import type { Locale } from '../../shared/locales';

/** Every label of an invoice or credit note PDF, in each language. `{days}` is replaced. */
export interface InvoicePdfText {
  invoiceTitle: string;
  creditNoteTitle: string;
  number: string;
  issueDate: string;
  dueDate: string;
  period: string;
  billTo: string;
  taxId: string;
  service: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  net: string;
  taxRate: string;
  tax: string;
  lineTotal: string;
  subtotal: string;
  totalDiscount: string;
  taxAt: string;
  total: string;
  amountDue: string;
  /** The account's credit that paid part or all of the invoice when it was issued. */
  creditApplied: string;
  paymentTerms: string;
  prepaid: string;
  netDays: string;
  thanks: string;
  /** A credit note's customer (it bills nobody). */
  creditTo: string;
  /** The invoice a credit note credits, and the mistake it corrects. */
  credits: string;
  reason: string;
  /** The one line of a partial credit note. `{invoice}` is replaced. */
  creditLine: string;
}

export const invoicePdfText: Record<Locale, InvoicePdfText> = {
  en: {
    invoiceTitle: 'Invoice',
    creditNoteTitle: 'Credit note',
    number: 'Number',
    issueDate: 'Issue date',
    dueDate: 'Due date',
    period: 'Service period',
    billTo: 'Bill to',
    taxId: 'Tax ID',
    service: 'Service',
    quantity: 'Qty',
    unitPrice: 'Unit price',
    discount: 'Discount',
    net: 'Net',
    taxRate: 'Tax %',
    tax: 'Tax',
    lineTotal: 'Total',
    subtotal: 'Net amount',
    totalDiscount: 'Discounts included',
    taxAt: 'Tax at',
    total: 'Total',
    amountDue: 'Amount due',
    creditApplied: 'Paid from your account credit',
    paymentTerms: 'Payment terms',
    prepaid: 'Payable in advance, before the service period starts',
    netDays: 'Net {days} days',
    thanks: 'Thank you for your business.',
    creditTo: 'Customer',
    credits: 'Credits invoice',
    reason: 'Reason',
    creditLine: 'Credit for invoice {invoice}',
  },
  de: {
    invoiceTitle: 'Rechnung',
    creditNoteTitle: 'Gutschrift',
    number: 'Nummer',
    issueDate: 'Rechnungsdatum',
    dueDate: 'Fällig am',
    period: 'Leistungszeitraum',
    billTo: 'Rechnungsempfänger',
    taxId: 'USt-IdNr.',
    service: 'Leistung',
    quantity: 'Menge',
    unitPrice: 'Einzelpreis',
    discount: 'Rabatt',
    net: 'Netto',
    taxRate: 'USt. %',
    tax: 'USt.',
    lineTotal: 'Gesamt',
    subtotal: 'Nettobetrag',
    totalDiscount: 'Enthaltene Rabatte',
    taxAt: 'USt. zu',
    total: 'Gesamtbetrag',
    amountDue: 'Zahlbetrag',
    creditApplied: 'Beglichen aus Ihrem Guthaben',
    paymentTerms: 'Zahlungsbedingungen',
    prepaid: 'Im Voraus zahlbar, vor Beginn des Leistungszeitraums',
    netDays: 'Zahlbar innerhalb von {days} Tagen netto',
    thanks: 'Vielen Dank für Ihren Auftrag.',
    creditTo: 'Kunde',
    credits: 'Zur Rechnung',
    reason: 'Grund',
    creditLine: 'Gutschrift zur Rechnung {invoice}',
  },
  el: {
    invoiceTitle: 'Τιμολόγιο',
    creditNoteTitle: 'Πιστωτικό σημείωμα',
    number: 'Αριθμός',
    issueDate: 'Ημερομηνία έκδοσης',
    dueDate: 'Ημερομηνία λήξης',
    period: 'Περίοδος υπηρεσίας',
    billTo: 'Χρέωση σε',
    taxId: 'ΑΦΜ',
    service: 'Υπηρεσία',
    quantity: 'Ποσότητα',
    unitPrice: 'Τιμή μονάδας',
    discount: 'Έκπτωση',
    net: 'Καθαρή αξία',
    taxRate: 'ΦΠΑ %',
    tax: 'ΦΠΑ',
    lineTotal: 'Σύνολο',
    subtotal: 'Καθαρό ποσό',
    totalDiscount: 'Εκπτώσεις που περιλαμβάνονται',
    taxAt: 'ΦΠΑ',
    total: 'Σύνολο',
    amountDue: 'Πληρωτέο ποσό',
    creditApplied: 'Εξοφλήθηκε από το πιστωτικό υπόλοιπό σας',
    paymentTerms: 'Όροι πληρωμής',
    prepaid: 'Προπληρωμή, πριν από την έναρξη της περιόδου υπηρεσίας',
    netDays: 'Πληρωμή εντός {days} ημερών',
    thanks: 'Σας ευχαριστούμε για τη συνεργασία.',
    creditTo: 'Πελάτης',
    credits: 'Για το τιμολόγιο',
    reason: 'Αιτία',
    creditLine: 'Πίστωση για το τιμολόγιο {invoice}',
  },
  ko: {
    invoiceTitle: '청구서',
    creditNoteTitle: '대변표',
    number: '번호',
    issueDate: '발행일',
    dueDate: '지급 기한',
    period: '서비스 기간',
    billTo: '청구 대상',
    taxId: '사업자등록번호',
    service: '서비스',
    quantity: '수량',
    unitPrice: '단가',
    discount: '할인',
    net: '공급가액',
    taxRate: '세율 %',
    tax: '세액',
    lineTotal: '합계',
    subtotal: '공급가액 합계',
    totalDiscount: '포함된 할인',
    taxAt: '부가세',
    total: '총액',
    amountDue: '청구 금액',
    creditApplied: '보유 크레딧으로 결제',
    paymentTerms: '결제 조건',
    prepaid: '서비스 기간 시작 전 선불',
    netDays: '발행일로부터 {days}일 이내 지급',
    thanks: '거래해 주셔서 감사합니다.',
    creditTo: '고객',
    credits: '대상 청구서',
    reason: '사유',
    creditLine: '청구서 {invoice}에 대한 대변',
  },
  zh: {
    invoiceTitle: '发票',
    creditNoteTitle: '贷项通知单',
    number: '编号',
    issueDate: '开票日期',
    dueDate: '到期日',
    period: '服务期间',
    billTo: '付款方',
    taxId: '税号',
    service: '服务',
    quantity: '数量',
    unitPrice: '单价',
    discount: '折扣',
    net: '净额',
    taxRate: '税率 %',
    tax: '税额',
    lineTotal: '合计',
    subtotal: '净额合计',
    totalDiscount: '已含折扣',
    taxAt: '税率',
    total: '总计',
    amountDue: '应付金额',
    creditApplied: '以账户余额抵扣',
    paymentTerms: '付款条件',
    prepaid: '服务期开始前预付',
    netDays: '开票后 {days} 天内付款',
    thanks: '感谢您的惠顾。',
    creditTo: '客户',
    credits: '对应发票',
    reason: '原因',
    creditLine: '发票 {invoice} 的贷记',
  },
};
