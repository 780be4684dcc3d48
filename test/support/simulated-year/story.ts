import type { Customer } from './customers';

/**
 * The simulated year 2032 (a leap year), company zone America/Los_Angeles: five customers, what
 * staff do on which day, and which days the desk is off. Written by hand; the expectations in
 * `expected.ts` follow from it and DOMAIN.md sections 4 to 7, never from the code under test.
 *
 * Prices: one line each, 24 % tax. Every action happens during the day (signing 10:00, payments
 * 12:00); the jobs run after it, at 23:30, so a payment on an invoice's 3rd day past due comes
 * before that day's reminder.
 */

export const zone = 'America/Los_Angeles';
export const firstDay = '2032-01-01';
export const lastDay = '2033-01-01';

export type Key = 'leap' | 'quarterly' | 'annual' | 'hold' | 'late';

export const customers: Record<Key, Customer> = {
  /** Monthly, net 30 in arrears, from the leap day; a membership of 3 months that lapses. */
  leap: {
    key: 'leap',
    contractId: '01SY1000000000000000000000',
    legalName: 'Leap Day Ltd',
    email: 'leap@simulated-year.example',
    language: 'en',
    billingPlan: 'monthly',
    prepaid: false,
    netDays: 30,
    startDate: '2032-02-29',
    termMonths: 3,
    renewal: 'manual',
    serviceKind: 'membership',
    unitPriceMinor: 5_000, // 62.00 with tax
  },
  /** Quarterly, prepaid, auto-renewing every 6 months. */
  quarterly: {
    key: 'quarterly',
    contractId: '01SY2000000000000000000000',
    legalName: 'Quartal GmbH',
    email: 'quartal@simulated-year.example',
    language: 'de',
    billingPlan: 'quarterly',
    prepaid: true,
    startDate: '2032-01-01',
    termMonths: 6,
    renewal: 'auto',
    unitPriceMinor: 30_000, // 372.00
  },
  /** Annual, prepaid: reminded once, then pays before the second notice. */
  annual: {
    key: 'annual',
    contractId: '01SY3000000000000000000000',
    legalName: 'Etisia AE',
    email: 'etisia@simulated-year.example',
    language: 'el',
    billingPlan: 'annual',
    prepaid: true,
    startDate: '2032-03-01',
    termMonths: 12,
    renewal: 'manual',
    unitPriceMinor: 120_000, // 1,488.00
  },
  /** Monthly, net 30; disputes its first invoices and is on hold for eight weeks. */
  hold: {
    key: 'hold',
    contractId: '01SY4000000000000000000000',
    legalName: 'Boryu Trading',
    email: 'boryu@simulated-year.example',
    language: 'ko',
    billingPlan: 'monthly',
    prepaid: false,
    netDays: 30,
    startDate: '2032-04-01',
    termMonths: 12,
    renewal: 'manual',
    unitPriceMinor: 8_000, // 99.20
  },
  /** One-off, net 30, never paid until suspended. */
  late: {
    key: 'late',
    contractId: '01SY5000000000000000000000',
    legalName: 'Chidao Logistics',
    email: 'chidao@simulated-year.example',
    language: 'zh',
    billingPlan: 'one-off',
    prepaid: false,
    netDays: 30,
    startDate: '2032-07-01',
    termMonths: 12,
    renewal: 'manual',
    unitPriceMinor: 50_000, // 620.00
  },
};

export type Action =
  | { sign: Key }
  | { pay: Key; amount: string }
  | { hold: Key; reason: string }
  | { release: Key };

/** What staff and customers do, by business date. */
export const story: Record<string, Action[]> = {
  '2032-01-01': [{ sign: 'quarterly' }, { pay: 'quarterly', amount: '372.00' }],
  '2032-02-29': [{ sign: 'leap' }],
  '2032-03-01': [{ sign: 'annual' }],
  '2032-03-10': [{ pay: 'annual', amount: '1488.00' }],
  '2032-04-01': [{ pay: 'quarterly', amount: '372.00' }, { sign: 'hold' }],
  '2032-04-20': [{ pay: 'leap', amount: '62.00' }],
  '2032-05-25': [
    { pay: 'leap', amount: '62.00' },
    { hold: 'hold', reason: 'Disputes the April and May invoices' },
  ],
  '2032-06-25': [{ pay: 'leap', amount: '62.00' }],
  '2032-07-01': [{ pay: 'quarterly', amount: '372.00' }, { sign: 'late' }],
  '2032-07-20': [{ pay: 'hold', amount: '198.40' }, { release: 'hold' }],
  '2032-07-28': [{ pay: 'hold', amount: '99.20' }],
  '2032-08-28': [{ pay: 'hold', amount: '99.20' }],
  '2032-09-20': [{ pay: 'late', amount: '620.00' }],
  '2032-09-28': [{ pay: 'hold', amount: '99.20' }],
  '2032-10-01': [{ pay: 'quarterly', amount: '372.00' }],
  '2032-10-28': [{ pay: 'hold', amount: '99.20' }],
  '2032-11-28': [{ pay: 'hold', amount: '99.20' }],
  '2032-12-28': [{ pay: 'hold', amount: '99.20' }],
};

/**
 * Days the desk is off (no job runs): the next run catches them up. Over a statement day and a
 * reminder (August), a month end's billing and a statement day (October/November), and a
 * renewal notice (December).
 */
export const offline = [
  '2032-08-01',
  '2032-08-02',
  '2032-08-03',
  '2032-10-31',
  '2032-11-01',
  '2032-12-01',
  '2032-12-02',
  '2032-12-03',
];

/** The arrears run of this date goes through `npm run job` (the CLI), as an operator would. */
export const cliArrearsDate = '2032-08-14';

/** The statement run of this date is killed after its second account, then run again. */
export const killedStatementsDate = '2032-10-01';
