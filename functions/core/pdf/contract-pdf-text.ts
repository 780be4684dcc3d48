import type { Locale } from '../locales';

/** The words of the signed contract PDF, in each language. `{days}` is the payment term. */
export interface ContractPdfText {
  title: string;
  contractNumber: string;
  customer: string;
  taxId: string;
  contact: string;
  service: string;
  lines: string;
  total: string;
  term: string;
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
    customer: 'Customer',
    taxId: 'Tax ID',
    contact: 'Contact',
    service: 'Service',
    lines: 'Services and prices',
    total: 'Total per billing period',
    term: 'Term',
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
    customer: 'Kunde',
    taxId: 'Steuernummer',
    contact: 'Ansprechpartner',
    service: 'Leistung',
    lines: 'Leistungen und Preise',
    total: 'Summe je Abrechnungszeitraum',
    term: 'Laufzeit',
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
    customer: 'Πελάτης',
    taxId: 'ΑΦΜ',
    contact: 'Υπεύθυνος επικοινωνίας',
    service: 'Υπηρεσία',
    lines: 'Υπηρεσίες και τιμές',
    total: 'Σύνολο ανά περίοδο χρέωσης',
    term: 'Διάρκεια',
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
    customer: '고객',
    taxId: '사업자 번호',
    contact: '담당자',
    service: '서비스',
    lines: '서비스 및 가격',
    total: '청구 기간별 합계',
    term: '계약 기간',
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
    customer: '客户',
    taxId: '税号',
    contact: '联系人',
    service: '服务',
    lines: '服务与价格',
    total: '每个计费周期合计',
    term: '期限',
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
