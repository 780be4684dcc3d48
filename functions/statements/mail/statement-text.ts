import type { Locale } from '../../shared/locales';
import type { MoneyEventKind } from '../rules/ageing';

/**
 * The monthly statement, email and PDF, in each language. Handlebars placeholders: `name`,
 * `month` (the month as the customer reads it), `from`, `to`, `closing`, `company`; in the
 * ageing labels `from`, `to` and `days`.
 */
export interface StatementText {
  subject: string;
  greeting: string;
  intro: string;
  attached: string;
  title: string;
  accountLabel: string;
  periodLabel: string;
  opening: string;
  closing: string;
  /** Under the closing balance: what it means. */
  owed: string;
  inCredit: string;
  settled: string;
  noLines: string;
  columns: { date: string; kind: string; reference: string; amount: string; balance: string };
  kinds: Record<MoneyEventKind, string>;
  ageingTitle: string;
  current: string;
  /** A bucket of days past due: `{{from}}–{{to}} days`. */
  daysRange: string;
  /** The last, open-ended bucket: `over {{days}} days`. */
  over: string;
  questions: string;
  signOff: string;
}

export const statementText: Record<Locale, StatementText> = {
  en: {
    subject: 'Your statement for {{month}}',
    greeting: 'Dear {{name}},',
    intro: 'Here is the statement of your account for {{month}} ({{from}} – {{to}}).',
    attached: 'A PDF copy is attached.',
    title: 'Statement of account',
    accountLabel: 'Account',
    periodLabel: 'Period',
    opening: 'Opening balance',
    closing: 'Closing balance',
    owed: 'Amount owed at {{to}}: {{closing}}.',
    inCredit: 'Your account is in credit at {{to}}: {{closing}}.',
    settled: 'Nothing was owed at {{to}}.',
    noLines: 'No transactions this month.',
    columns: {
      date: 'Date',
      kind: 'Transaction',
      reference: 'Reference',
      amount: 'Amount',
      balance: 'Balance',
    },
    kinds: {
      invoice: 'Invoice',
      payment: 'Payment',
      'credit-note': 'Credit note',
      'write-off': 'Write-off',
      'payment-reversal': 'Payment reversed',
    },
    ageingTitle: 'Open invoices by days past due',
    current: 'Current',
    daysRange: '{{from}}–{{to}} days',
    over: 'Over {{days}} days',
    questions: 'If anything on this statement looks wrong, simply reply to this email.',
    signOff: 'Kind regards,',
  },
  de: {
    subject: 'Ihr Kontoauszug für {{month}}',
    greeting: 'Guten Tag {{name}},',
    intro: 'hier ist der Auszug Ihres Kontos für {{month}} ({{from}} – {{to}}).',
    attached: 'Eine PDF-Kopie liegt bei.',
    title: 'Kontoauszug',
    accountLabel: 'Konto',
    periodLabel: 'Zeitraum',
    opening: 'Anfangssaldo',
    closing: 'Endsaldo',
    owed: 'Offener Betrag am {{to}}: {{closing}}.',
    inCredit: 'Ihr Konto weist am {{to}} ein Guthaben auf: {{closing}}.',
    settled: 'Am {{to}} war nichts offen.',
    noLines: 'Keine Buchungen in diesem Monat.',
    columns: {
      date: 'Datum',
      kind: 'Buchung',
      reference: 'Referenz',
      amount: 'Betrag',
      balance: 'Saldo',
    },
    kinds: {
      invoice: 'Rechnung',
      payment: 'Zahlung',
      'credit-note': 'Gutschrift',
      'write-off': 'Abschreibung',
      'payment-reversal': 'Zahlung storniert',
    },
    ageingTitle: 'Offene Rechnungen nach Tagen überfällig',
    current: 'Nicht fällig',
    daysRange: '{{from}}–{{to}} Tage',
    over: 'Über {{days}} Tage',
    questions:
      'Wenn Ihnen etwas an diesem Auszug nicht stimmt, antworten Sie einfach auf diese E-Mail.',
    signOff: 'Mit freundlichen Grüßen',
  },
  el: {
    subject: 'Η κατάσταση λογαριασμού σας για {{month}}',
    greeting: 'Αγαπητέ/ή {{name}},',
    intro: 'Ακολουθεί η κατάσταση του λογαριασμού σας για {{month}} ({{from}} – {{to}}).',
    attached: 'Επισυνάπτεται αντίγραφο σε PDF.',
    title: 'Κατάσταση λογαριασμού',
    accountLabel: 'Λογαριασμός',
    periodLabel: 'Περίοδος',
    opening: 'Υπόλοιπο έναρξης',
    closing: 'Υπόλοιπο λήξης',
    owed: 'Οφειλόμενο ποσό στις {{to}}: {{closing}}.',
    inCredit: 'Ο λογαριασμός σας έχει πίστωση στις {{to}}: {{closing}}.',
    settled: 'Δεν υπήρχε οφειλή στις {{to}}.',
    noLines: 'Καμία κίνηση αυτόν τον μήνα.',
    columns: {
      date: 'Ημερομηνία',
      kind: 'Κίνηση',
      reference: 'Αναφορά',
      amount: 'Ποσό',
      balance: 'Υπόλοιπο',
    },
    kinds: {
      invoice: 'Τιμολόγιο',
      payment: 'Πληρωμή',
      'credit-note': 'Πιστωτικό σημείωμα',
      'write-off': 'Διαγραφή οφειλής',
      'payment-reversal': 'Αντιλογισμός πληρωμής',
    },
    ageingTitle: 'Ανοιχτά τιμολόγια ανά ημέρες καθυστέρησης',
    current: 'Εντός προθεσμίας',
    daysRange: '{{from}}–{{to}} ημέρες',
    over: 'Πάνω από {{days}} ημέρες',
    questions: 'Αν κάτι σε αυτή την κατάσταση δεν είναι σωστό, απαντήστε σε αυτό το email.',
    signOff: 'Με εκτίμηση,',
  },
  ko: {
    subject: '{{month}} 거래 명세서',
    greeting: '{{name}}님, 안녕하세요.',
    intro: '{{month}}({{from}} – {{to}}) 고객님 계정의 거래 명세서입니다.',
    attached: 'PDF 사본을 첨부합니다.',
    title: '거래 명세서',
    accountLabel: '계정',
    periodLabel: '기간',
    opening: '기초 잔액',
    closing: '기말 잔액',
    owed: '{{to}} 기준 미납액: {{closing}}',
    inCredit: '{{to}} 기준 고객님 계정에 크레딧이 있습니다: {{closing}}',
    settled: '{{to}} 기준 미납액이 없습니다.',
    noLines: '이번 달 거래가 없습니다.',
    columns: {
      date: '날짜',
      kind: '거래',
      reference: '참조',
      amount: '금액',
      balance: '잔액',
    },
    kinds: {
      invoice: '청구서',
      payment: '입금',
      'credit-note': '대변 전표',
      'write-off': '대손 처리',
      'payment-reversal': '입금 취소',
    },
    ageingTitle: '연체 일수별 미결 청구서',
    current: '기한 내',
    daysRange: '{{from}}–{{to}}일',
    over: '{{days}}일 초과',
    questions: '명세서에 잘못된 내용이 있으면 이 이메일에 회신해 주세요.',
    signOff: '감사합니다.',
  },
  zh: {
    subject: '您的{{month}}对账单',
    greeting: '{{name}}，您好：',
    intro: '以下是您账户{{month}}（{{from}} – {{to}}）的对账单。',
    attached: '附件为 PDF 副本。',
    title: '账户对账单',
    accountLabel: '账户',
    periodLabel: '期间',
    opening: '期初余额',
    closing: '期末余额',
    owed: '截至{{to}}应付金额：{{closing}}。',
    inCredit: '截至{{to}}您的账户有余额：{{closing}}。',
    settled: '截至{{to}}无应付款项。',
    noLines: '本月无交易。',
    columns: {
      date: '日期',
      kind: '交易',
      reference: '参考',
      amount: '金额',
      balance: '余额',
    },
    kinds: {
      invoice: '发票',
      payment: '付款',
      'credit-note': '贷项通知单',
      'write-off': '坏账核销',
      'payment-reversal': '付款冲回',
    },
    ageingTitle: '按逾期天数列出的未付发票',
    current: '未逾期',
    daysRange: '{{from}}–{{to}}天',
    over: '超过{{days}}天',
    questions: '如对本对账单有任何疑问，请直接回复此邮件。',
    signOff: '此致敬礼',
  },
};
