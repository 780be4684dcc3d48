import type { Customer } from './customers';
import type { ExpectedEmail } from './expected';

/**
 * The second zone, Asia/Seoul, on the same desk: a company zone is a deploy setting, so these
 * runs are kept under job names of their own (`<job>-seoul`) and in dates no run of the main year
 * reads (December 2030 to February 2031: their own invoice series, contracts ending long before
 * 2032). The jobs run at their schedule's times (renewals 06:00, billing 06:30, arrears 07:00,
 * statements 08:00), which in Seoul are the evening before in UTC: a date taken in UTC would put
 * every run a day early. Written by hand, like the main year.
 */

export const seoulZone = 'Asia/Seoul';

export const scheduleTimes = {
  renewals: '06:00',
  billing: '06:30',
  arrears: '07:00',
  statements: '08:00',
} as const;

/** Monthly, prepaid, two months from New Year's Day 2031; signed on New Year's Eve. */
export const seoulCustomer: Customer = {
  key: 'seoul',
  contractId: '01SY6000000000000000000000',
  legalName: 'Hangang Media',
  email: 'hangang@simulated-year.example',
  language: 'en',
  billingPlan: 'monthly',
  prepaid: true,
  startDate: '2031-01-01',
  termMonths: 2,
  renewal: 'manual',
  unitPriceMinor: 10_000, // 124.00
};

/** Signed 2030-12-31 at 18:00 Seoul time (09:00 UTC). */
export const seoulSignedOn = ['2030-12-31', '18:00'] as const;
export const seoulPayment = { date: '2031-01-10', amount: '124.00' };

/** The Seoul dates the jobs run on (the others are caught up by them). */
export const seoulRunDates = [
  '2030-12-31',
  '2031-01-01',
  '2031-01-03',
  '2031-01-04',
  '2031-01-10',
  '2031-01-31',
  '2031-02-01',
];
export const seoulLastDay = '2031-02-01';

export const seoulEmails: ExpectedEmail[] = [
  ['2030-12-31', 'Invoice INV-2030-000001 from Desk Test Trading Ltd'],
  // 08:00 on New Year's Day in Seoul is still 2030 in UTC: December's statement, not none.
  ['2031-01-01', 'Your statement for December 2030'],
  // Due 1 January: nothing on the 3rd (07:00, the 2nd in UTC), the reminder on the 4th.
  ['2031-01-04', 'Friendly reminder: invoice INV-2030-000001 is overdue'],
  ['2031-01-10', /^Payment received: €124\.00 – receipt PAY-2031-01-10-/],
  // A membership ending 28 February: its 30-day reminder was due on the 29th, a day the jobs did
  // not run; the 31st catches it up (renewals at 06:00, before billing).
  ['2031-01-31', 'Your Membership contract ends on February 28, 2031'],
  // The month end's run at 06:30 bills February, prepaid: numbered in 2031.
  ['2031-01-31', 'Invoice INV-2031-000001 from Desk Test Trading Ltd'],
  ['2031-02-01', 'Your statement for January 2031'],
];

/** [number, period start, period end, issue date, due date] */
export const seoulInvoices = [
  ['INV-2030-000001', '2031-01-01', '2031-01-31', '2030-12-31', '2031-01-01'],
  ['INV-2031-000001', '2031-02-01', '2031-02-28', '2031-01-31', '2031-02-01'],
];
