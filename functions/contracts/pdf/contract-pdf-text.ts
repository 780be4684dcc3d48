import type { Locale } from '../../shared/locales';

/**
 * The words of the signed contract PDF and the signing page, in each language. `{days}` is the
 * payment term, `{months}` the term's length; `termMonths` is chosen by the plural rules.
 */
export interface ContractPdfText {
  title: string;
  contractNumber: string;
  /** The company that supplies the service (the desk's own company details). */
  supplier: string;
  customer: string;
  taxId: string;
  contact: string;
  service: string;
  lines: string;
  columns: {
    service: string;
    quantity: string;
    unitPrice: string;
    amount: string;
    discount: string;
    tax: string;
    lineTotal: string;
  };
  subtotal: string;
  discount: string;
  tax: string;
  /** The total of a one-off plan. */
  total: string;
  /** The total of a recurring plan whose every line recurs. */
  totalPerPeriod: string;
  /** The total of a recurring plan with one-off lines: what the first invoice comes to. */
  totalFirstInvoice: string;
  term: string;
  termMonths: Record<'one' | 'other', string>;
  startDate: string;
  endDate: string;
  billingPlan: string;
  plans: Record<'one-off' | 'monthly' | 'quarterly' | 'annual', string>;
  paymentTerms: string;
  prepaid: string;
  net: string;
  renewal: string;
  renewals: Record<'manual' | 'auto', string>;
  signedBy: string;
  signedAt: string;
  signedFrom: string;
}

export const contractPdfText: Record<Locale, ContractPdfText> = {
  en: {
    title: 'Service contract',
    contractNumber: 'Contract',
    supplier: 'Supplier',
    customer: 'Customer',
    taxId: 'Tax ID',
    contact: 'Contact',
    service: 'Service',
    lines: 'Services and prices',
    columns: {
      service: 'Service',
      quantity: 'Quantity',
      unitPrice: 'Unit price',
      amount: 'Amount',
      discount: 'Discount',
      tax: 'Tax',
      lineTotal: 'Line total',
    },
    subtotal: 'Subtotal',
    discount: 'Discount',
    tax: 'Tax',
    total: 'Total',
    totalPerPeriod: 'Total per billing period',
    totalFirstInvoice: 'Total of the first invoice',
    term: 'Term',
    termMonths: { one: '{months} month', other: '{months} months' },
    startDate: 'Start date',
    endDate: 'End date',
    billingPlan: 'Billing',
    plans: { 'one-off': 'one-off', monthly: 'monthly', quarterly: 'quarterly', annual: 'annual' },
    paymentTerms: 'Payment terms',
    prepaid: 'prepaid',
    net: 'net {days} days',
    renewal: 'Renewal',
    renewals: { manual: 'by agreement', auto: 'automatic' },
    signedBy: 'Signed electronically by',
    signedAt: 'Signed at',
    signedFrom: 'From address',
  },
  de: {
    title: 'Dienstleistungsvertrag',
    contractNumber: 'Vertrag',
    supplier: 'Anbieter',
    customer: 'Kunde',
    taxId: 'Steuernummer',
    contact: 'Ansprechpartner',
    service: 'Leistung',
    lines: 'Leistungen und Preise',
    columns: {
      service: 'Leistung',
      quantity: 'Menge',
      unitPrice: 'Einzelpreis',
      amount: 'Betrag',
      discount: 'Rabatt',
      tax: 'Steuer',
      lineTotal: 'Positionssumme',
    },
    subtotal: 'Zwischensumme',
    discount: 'Rabatt',
    tax: 'Steuer',
    total: 'Gesamtbetrag',
    totalPerPeriod: 'Summe je Abrechnungszeitraum',
    totalFirstInvoice: 'Summe der ersten Rechnung',
    term: 'Laufzeit',
    termMonths: { one: '{months} Monat', other: '{months} Monate' },
    startDate: 'Beginn',
    endDate: 'Ende',
    billingPlan: 'Abrechnung',
    plans: {
      'one-off': 'einmalig',
      monthly: 'monatlich',
      quarterly: 'vierteljährlich',
      annual: 'jährlich',
    },
    paymentTerms: 'Zahlungsbedingungen',
    prepaid: 'Vorauszahlung',
    net: 'netto {days} Tage',
    renewal: 'Verlängerung',
    renewals: { manual: 'nach Vereinbarung', auto: 'automatisch' },
    signedBy: 'Elektronisch unterschrieben von',
    signedAt: 'Unterschrieben am',
    signedFrom: 'Von Adresse',
  },
  el: {
    title: 'Σύμβαση παροχής υπηρεσιών',
    contractNumber: 'Σύμβαση',
    supplier: 'Πάροχος',
    customer: 'Πελάτης',
    taxId: 'ΑΦΜ',
    contact: 'Υπεύθυνος επικοινωνίας',
    service: 'Υπηρεσία',
    lines: 'Υπηρεσίες και τιμές',
    columns: {
      service: 'Υπηρεσία',
      quantity: 'Ποσότητα',
      unitPrice: 'Τιμή μονάδας',
      amount: 'Ποσό',
      discount: 'Έκπτωση',
      tax: 'Φόρος',
      lineTotal: 'Σύνολο γραμμής',
    },
    subtotal: 'Μερικό σύνολο',
    discount: 'Έκπτωση',
    tax: 'Φόρος',
    total: 'Σύνολο',
    totalPerPeriod: 'Σύνολο ανά περίοδο χρέωσης',
    totalFirstInvoice: 'Σύνολο πρώτου τιμολογίου',
    term: 'Διάρκεια',
    termMonths: { one: '{months} μήνας', other: '{months} μήνες' },
    startDate: 'Έναρξη',
    endDate: 'Λήξη',
    billingPlan: 'Χρέωση',
    plans: { 'one-off': 'εφάπαξ', monthly: 'μηνιαία', quarterly: 'τριμηνιαία', annual: 'ετήσια' },
    paymentTerms: 'Όροι πληρωμής',
    prepaid: 'προπληρωμή',
    net: 'εντός {days} ημερών',
    renewal: 'Ανανέωση',
    renewals: { manual: 'κατόπιν συμφωνίας', auto: 'αυτόματη' },
    signedBy: 'Υπογράφηκε ηλεκτρονικά από',
    signedAt: 'Υπογράφηκε στις',
    signedFrom: 'Από διεύθυνση',
  },
  ko: {
    title: '서비스 계약서',
    contractNumber: '계약',
    supplier: '공급자',
    customer: '고객',
    taxId: '사업자 번호',
    contact: '담당자',
    service: '서비스',
    lines: '서비스 및 가격',
    columns: {
      service: '서비스',
      quantity: '수량',
      unitPrice: '단가',
      amount: '금액',
      discount: '할인',
      tax: '세액',
      lineTotal: '항목 합계',
    },
    subtotal: '소계',
    discount: '할인',
    tax: '세액',
    total: '합계',
    totalPerPeriod: '청구 기간별 합계',
    totalFirstInvoice: '첫 청구서 합계',
    term: '계약 기간',
    termMonths: { one: '{months}개월', other: '{months}개월' },
    startDate: '시작일',
    endDate: '종료일',
    billingPlan: '청구',
    plans: { 'one-off': '일회', monthly: '월별', quarterly: '분기별', annual: '연간' },
    paymentTerms: '결제 조건',
    prepaid: '선불',
    net: '{days}일 이내',
    renewal: '갱신',
    renewals: { manual: '합의에 따름', auto: '자동' },
    signedBy: '전자 서명자',
    signedAt: '서명 일시',
    signedFrom: '서명 주소',
  },
  zh: {
    title: '服务合同',
    contractNumber: '合同',
    supplier: '供应商',
    customer: '客户',
    taxId: '税号',
    contact: '联系人',
    service: '服务',
    lines: '服务与价格',
    columns: {
      service: '服务',
      quantity: '数量',
      unitPrice: '单价',
      amount: '金额',
      discount: '折扣',
      tax: '税额',
      lineTotal: '行合计',
    },
    subtotal: '小计',
    discount: '折扣',
    tax: '税额',
    total: '总计',
    totalPerPeriod: '每个计费周期合计',
    totalFirstInvoice: '首张发票合计',
    term: '期限',
    termMonths: { one: '{months}个月', other: '{months}个月' },
    startDate: '开始日期',
    endDate: '结束日期',
    billingPlan: '计费',
    plans: { 'one-off': '一次性', monthly: '按月', quarterly: '按季度', annual: '按年' },
    paymentTerms: '付款条件',
    prepaid: '预付',
    net: '{days} 天内付款',
    renewal: '续约',
    renewals: { manual: '经协商', auto: '自动' },
    signedBy: '电子签署人',
    signedAt: '签署时间',
    signedFrom: '签署地址',
  },
};
