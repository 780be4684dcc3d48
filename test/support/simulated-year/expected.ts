import type { Key } from './story';

/**
 * What the simulated year must produce, written out by hand from `story.ts` and DOMAIN.md:
 * invoices follow the billing plans (net: at the month end after the period; prepaid: at the
 * month end before it, the first at signing), reminders 3/14/30/45 days past due, renewals 30/7
 * days ahead (auto-renewing: a notice 30 days ahead, renewed on the last day), statements on the
 * 1st for the month before. A day the desk is off sends nothing; the next run sends it.
 *
 * Each email is [the simulated date it was sent on, its subject]. Receipt numbers carry a ULID,
 * so a receipt is matched on everything before it.
 */

export type ExpectedEmail = [date: string, subject: string | RegExp];

const literally = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A receipt subject: everything up to the receipt number's date. */
const receipt = (text: string, date: string) => new RegExp(`^${literally(text)} PAY-${date}-`);

export const customerEmails: Record<Key, ExpectedEmail[]> = {
  leap: [
    ['2032-03-31', 'Invoice INV-2032-000003 from Desk Test Trading Ltd'],
    ['2032-04-01', 'Your statement for March 2032'],
    ['2032-04-20', receipt('Payment received: €62.00 – receipt', '2032-04-20')],
    ['2032-04-28', 'Your Membership contract ends on May 28, 2032'],
    ['2032-04-30', 'Invoice INV-2032-000005 from Desk Test Trading Ltd'],
    ['2032-05-01', 'Your statement for April 2032'],
    ['2032-05-21', 'Your Membership contract ends on May 28, 2032'],
    ['2032-05-25', receipt('Payment received: €62.00 – receipt', '2032-05-25')],
    ['2032-05-28', 'Your Membership contract has ended'],
    ['2032-05-31', 'Invoice INV-2032-000007 from Desk Test Trading Ltd'],
    ['2032-06-01', 'Your statement for May 2032'],
    ['2032-06-25', receipt('Payment received: €62.00 – receipt', '2032-06-25')],
    ['2032-07-01', 'Your statement for June 2032'],
  ],
  quarterly: [
    ['2032-01-01', 'Rechnung INV-2032-000001 von Desk Test Trading Ltd'],
    ['2032-01-01', receipt(`Zahlung erhalten: 372,00 € – Quittung`, '2032-01-01')],
    ['2032-02-01', 'Ihr Kontoauszug für Januar 2032'],
    ['2032-03-31', 'Rechnung INV-2032-000004 von Desk Test Trading Ltd'],
    ['2032-04-01', receipt(`Zahlung erhalten: 372,00 € – Quittung`, '2032-04-01')],
    ['2032-04-01', 'Ihr Kontoauszug für März 2032'],
    ['2032-05-01', 'Ihr Kontoauszug für April 2032'],
    ['2032-05-31', 'Ihr Vertrag für Membership verlängert sich am 1. Juli 2032'],
    ['2032-06-30', 'Ihr Vertrag für Membership ist bis 31. Dezember 2032 verlängert'],
    ['2032-06-30', 'Rechnung INV-2032-000009 von Desk Test Trading Ltd'],
    ['2032-07-01', receipt(`Zahlung erhalten: 372,00 € – Quittung`, '2032-07-01')],
    ['2032-07-01', 'Ihr Kontoauszug für Juni 2032'],
    ['2032-08-04', 'Ihr Kontoauszug für Juli 2032'], // the 1st was a day off
    ['2032-09-30', 'Rechnung INV-2032-000014 von Desk Test Trading Ltd'],
    ['2032-10-01', receipt(`Zahlung erhalten: 372,00 € – Quittung`, '2032-10-01')],
    ['2032-10-01', 'Ihr Kontoauszug für September 2032'],
    ['2032-11-02', 'Ihr Kontoauszug für Oktober 2032'],
    ['2032-12-04', 'Ihr Vertrag für Membership verlängert sich am 1. Januar 2033'],
    ['2032-12-31', 'Ihr Vertrag für Membership ist bis 30. Juni 2033 verlängert'],
    ['2032-12-31', 'Rechnung INV-2032-000018 von Desk Test Trading Ltd'],
    ['2033-01-01', 'Ihr Kontoauszug für Dezember 2032'],
  ],
  annual: [
    ['2032-03-01', 'Τιμολόγιο INV-2032-000002 από Desk Test Trading Ltd'],
    ['2032-03-04', 'Φιλική υπενθύμιση: το τιμολόγιο INV-2032-000002 είναι ληξιπρόθεσμο'],
    ['2032-03-10', receipt(`Λάβαμε την πληρωμή σας: 1.488,00 € – απόδειξη`, '2032-03-10')],
    ['2032-04-01', 'Η κατάσταση λογαριασμού σας για Μάρτιος 2032'],
  ],
  hold: [
    ['2032-04-30', 'Desk Test Trading Ltd 청구서 INV-2032-000006'],
    ['2032-05-01', '2032년 4월 거래 명세서'],
    ['2032-05-31', 'Desk Test Trading Ltd 청구서 INV-2032-000008'],
    // On hold from 25 May: statements still go out; no reminder or notice until it is paid.
    ['2032-06-01', '2032년 5월 거래 명세서'],
    ['2032-06-30', 'Desk Test Trading Ltd 청구서 INV-2032-000010'],
    ['2032-07-01', '2032년 6월 거래 명세서'],
    ['2032-07-20', receipt('입금 확인: €198.40 – 영수증', '2032-07-20')],
    ['2032-07-28', receipt('입금 확인: €99.20 – 영수증', '2032-07-28')],
    ['2032-07-31', 'Desk Test Trading Ltd 청구서 INV-2032-000012'],
    ['2032-08-04', '2032년 7월 거래 명세서'],
    ['2032-08-28', receipt('입금 확인: €99.20 – 영수증', '2032-08-28')],
    ['2032-08-31', 'Desk Test Trading Ltd 청구서 INV-2032-000013'],
    ['2032-09-01', '2032년 8월 거래 명세서'],
    ['2032-09-28', receipt('입금 확인: €99.20 – 영수증', '2032-09-28')],
    ['2032-09-30', 'Desk Test Trading Ltd 청구서 INV-2032-000015'],
    ['2032-10-01', '2032년 9월 거래 명세서'],
    ['2032-10-28', receipt('입금 확인: €99.20 – 영수증', '2032-10-28')],
    ['2032-11-02', 'Desk Test Trading Ltd 청구서 INV-2032-000016'], // billed for 31 October, a day off
    ['2032-11-02', '2032년 10월 거래 명세서'],
    ['2032-11-28', receipt('입금 확인: €99.20 – 영수증', '2032-11-28')],
    ['2032-11-30', 'Desk Test Trading Ltd 청구서 INV-2032-000017'],
    ['2032-12-04', '2032년 11월 거래 명세서'],
    ['2032-12-28', receipt('입금 확인: €99.20 – 영수증', '2032-12-28')],
    ['2032-12-31', 'Desk Test Trading Ltd 청구서 INV-2032-000019'],
    ['2033-01-01', '2032년 12월 거래 명세서'],
  ],
  late: [
    ['2032-07-01', 'Desk Test Trading Ltd 发票 INV-2032-000011'],
    ['2032-08-04', '温馨提醒：发票 INV-2032-000011 已逾期'], // day 3 was a day off
    ['2032-08-04', '您的2032年7月对账单'],
    ['2032-08-14', '第二次通知：发票 INV-2032-000011 仍未支付'], // through the CLI
    ['2032-08-30', '最后通知：发票 INV-2032-000011'],
    ['2032-09-01', '您的2032年8月对账单'],
    ['2032-09-20', receipt('已收到付款：€620.00 – 收据', '2032-09-20')],
    ['2032-10-01', '您的2032年9月对账单'],
  ],
};

/** The staff's emails (English), all of the year's: the desk has no other customers. */
export const staffEmails: Record<'agent' | 'supervisor' | 'manager', ExpectedEmail[]> = {
  agent: [
    ['2032-04-28', 'Contract ending in 30 days: Leap Day Ltd on 2032-05-28'],
    ['2032-05-31', 'Contract ending in 30 days: Quartal GmbH on 2032-06-30'],
    ['2032-08-14', 'Call task: Chidao Logistics is 14 days late on INV-2032-000011'],
    ['2032-12-04', 'Contract ending in 30 days: Quartal GmbH on 2032-12-31'],
  ],
  supervisor: [['2032-08-30', 'Final notice sent: Chidao Logistics, invoice INV-2032-000011']],
  manager: [['2032-09-14', 'Service suspended: Chidao Logistics, invoice INV-2032-000011']],
};

/** [number, account, period start, period end, total, issue date, due date] */
export type ExpectedInvoice = [string, Key, string, string, string, string, string];

export const invoices: ExpectedInvoice[] = [
  [
    'INV-2032-000001',
    'quarterly',
    '2032-01-01',
    '2032-03-31',
    '372.00',
    '2032-01-01',
    '2032-01-01',
  ],
  ['INV-2032-000002', 'annual', '2032-03-01', '2033-02-28', '1488.00', '2032-03-01', '2032-03-01'],
  ['INV-2032-000003', 'leap', '2032-02-29', '2032-03-28', '62.00', '2032-03-31', '2032-04-30'],
  [
    'INV-2032-000004',
    'quarterly',
    '2032-04-01',
    '2032-06-30',
    '372.00',
    '2032-03-31',
    '2032-04-01',
  ],
  ['INV-2032-000005', 'leap', '2032-03-29', '2032-04-28', '62.00', '2032-04-30', '2032-05-30'],
  ['INV-2032-000006', 'hold', '2032-04-01', '2032-04-30', '99.20', '2032-04-30', '2032-05-30'],
  ['INV-2032-000007', 'leap', '2032-04-29', '2032-05-28', '62.00', '2032-05-31', '2032-06-30'],
  ['INV-2032-000008', 'hold', '2032-05-01', '2032-05-31', '99.20', '2032-05-31', '2032-06-30'],
  [
    'INV-2032-000009',
    'quarterly',
    '2032-07-01',
    '2032-09-30',
    '372.00',
    '2032-06-30',
    '2032-07-01',
  ],
  ['INV-2032-000010', 'hold', '2032-06-01', '2032-06-30', '99.20', '2032-06-30', '2032-07-30'],
  ['INV-2032-000011', 'late', '2032-07-01', '2033-06-30', '620.00', '2032-07-01', '2032-07-31'],
  ['INV-2032-000012', 'hold', '2032-07-01', '2032-07-31', '99.20', '2032-07-31', '2032-08-30'],
  ['INV-2032-000013', 'hold', '2032-08-01', '2032-08-31', '99.20', '2032-08-31', '2032-09-30'],
  [
    'INV-2032-000014',
    'quarterly',
    '2032-10-01',
    '2032-12-31',
    '372.00',
    '2032-09-30',
    '2032-10-01',
  ],
  ['INV-2032-000015', 'hold', '2032-09-01', '2032-09-30', '99.20', '2032-09-30', '2032-10-30'],
  ['INV-2032-000016', 'hold', '2032-10-01', '2032-10-31', '99.20', '2032-10-31', '2032-11-30'],
  ['INV-2032-000017', 'hold', '2032-11-01', '2032-11-30', '99.20', '2032-11-30', '2032-12-30'],
  [
    'INV-2032-000018',
    'quarterly',
    '2033-01-01',
    '2033-03-31',
    '372.00',
    '2032-12-31',
    '2033-01-01',
  ],
  ['INV-2032-000019', 'hold', '2032-12-01', '2032-12-31', '99.20', '2032-12-31', '2033-01-30'],
];

/** Balances owed (EUR) at the end of chosen days. */
export const balances: Record<string, Partial<Record<Key, string>>> = {
  '2032-03-31': { quarterly: '372.00', annual: '0.00', leap: '62.00' },
  '2032-06-30': { leap: '0.00', quarterly: '372.00', annual: '0.00', hold: '297.60' },
  '2032-09-14': { hold: '99.20', late: '620.00' },
  '2032-12-31': {
    leap: '0.00',
    quarterly: '372.00',
    annual: '0.00',
    hold: '99.20',
    late: '0.00',
  },
};

/** [account, month, opening, closing]: every statement of the year, none other. */
export const statements: [Key, string, string, string][] = [
  ['quarterly', '2032-01', '0.00', '0.00'],
  ['quarterly', '2032-03', '0.00', '372.00'],
  ['leap', '2032-03', '0.00', '62.00'],
  ['annual', '2032-03', '0.00', '0.00'],
  ['quarterly', '2032-04', '372.00', '0.00'],
  ['leap', '2032-04', '62.00', '62.00'],
  ['hold', '2032-04', '0.00', '99.20'],
  ['leap', '2032-05', '62.00', '62.00'],
  ['hold', '2032-05', '99.20', '198.40'],
  ['quarterly', '2032-06', '0.00', '372.00'],
  ['leap', '2032-06', '62.00', '0.00'],
  ['hold', '2032-06', '198.40', '297.60'],
  ['quarterly', '2032-07', '372.00', '0.00'],
  ['hold', '2032-07', '297.60', '99.20'],
  ['late', '2032-07', '0.00', '620.00'],
  ['hold', '2032-08', '99.20', '99.20'],
  ['late', '2032-08', '620.00', '620.00'],
  ['quarterly', '2032-09', '0.00', '372.00'],
  ['hold', '2032-09', '99.20', '99.20'],
  ['late', '2032-09', '620.00', '0.00'],
  ['quarterly', '2032-10', '372.00', '0.00'],
  ['hold', '2032-10', '99.20', '99.20'],
  ['hold', '2032-11', '99.20', '99.20'],
  ['quarterly', '2032-12', '0.00', '372.00'],
  ['hold', '2032-12', '99.20', '99.20'],
];

/** Published on the bus, in order: [type, account, what the detail says]. */
export const events: [string, Key, Record<string, string>][] = [
  ['ContractLapsed', 'leap', { contractId: '01SY1000000000000000000000', lapsedOn: '2032-05-28' }],
  [
    'ContractRenewed',
    'quarterly',
    { contractId: '01SY2000000000000000000000', renewedOn: '2032-06-30', newEndDate: '2032-12-31' },
  ],
  ['AccountSuspended', 'late', { suspendedOn: '2032-09-14', reason: 'arrears' }],
  ['SuspensionLifted', 'late', { liftedOn: '2032-09-20', reason: 'paid' }],
  [
    'ContractRenewed',
    'quarterly',
    { contractId: '01SY2000000000000000000000', renewedOn: '2032-12-31', newEndDate: '2033-06-30' },
  ],
];
