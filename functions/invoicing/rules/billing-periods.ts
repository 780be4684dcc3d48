import { isoDate, parseBusinessDate } from '../../shared/rules/job-dates';
import { type BillingPeriod, type BillingPlan, billingPeriod, type PaymentTerms } from './invoice';

export { businessDateOf } from '../../shared/rules/job-dates';

/**
 * Which recurring periods a billing run must invoice (DOMAIN.md section 4). Periods come from
 * `billingPeriod` (counted from the contract's start, month-end anchored: 31 January, 28/29
 * February, 31 March...). Recurring fees are invoiced by the month-end run:
 *  - net terms, in arrears: on the month end on or after the period's last day;
 *  - prepaid, before the period: on the last month end before the period's first day.
 * A run on any business date bills every period after the last billed one whose billing day has
 * come, in order, so a period is billed once and never skipped, even after missed runs. The first
 * period is billed when the contract is signed (`firstInvoice`), so `lastBilledIndex` starts at 0.
 *
 * Usage and miscellaneous charges of a month are billed by the run on the 13th of the next
 * (setting `invoices.usageBillingByDayOfMonth`).
 */

export interface RecurringContract {
  billingPlan: BillingPlan;
  paymentTerms: PaymentTerms;
  startDate: string;
  endDate: string;
}

export interface PeriodToBill extends BillingPeriod {
  index: number;
  /** The business date the month-end run bills it. */
  billOn: string;
}

const monthEnd = (date: string): string => isoDate(parseBusinessDate(date).endOf('month'));

/** True on the last day of a month: the day recurring fees are invoiced. */
export function isMonthEnd(date: string): boolean {
  return monthEnd(date) === date;
}

/** The business date the month-end run bills a period. */
export function billingDay(period: BillingPeriod, terms: PaymentTerms): string {
  if (terms.kind === 'net') return monthEnd(period.end);
  return isoDate(parseBusinessDate(period.start).startOf('month').minus({ days: 1 }));
}

/** The periods a run on business date `runDate` must bill, oldest first. */
export function periodsToBill(
  contract: RecurringContract,
  lastBilledIndex: number,
  runDate: string,
): PeriodToBill[] {
  parseBusinessDate(runDate, 'runDate');
  if (contract.billingPlan === 'one-off') return [];
  const due: PeriodToBill[] = [];
  for (let index = lastBilledIndex + 1; ; index += 1) {
    const period = billingPeriod(contract.billingPlan, contract.startDate, contract.endDate, index);
    if (!period) break;
    const billOn = billingDay(period, contract.paymentTerms);
    // Billing days only grow with the index, so the first one still to come ends the search.
    if (billOn > runDate) break;
    due.push({ ...period, index, billOn });
  }
  return due;
}

/**
 * The months (`YYYY-MM`) whose usage charges a run on `runDate` must bill: every month after the
 * last billed one whose billing day (the `byDayOfMonth` of the following month) has come.
 */
export function usageMonthsToBill(
  lastBilledMonth: string,
  runDate: string,
  byDayOfMonth: number,
): string[] {
  parseBusinessDate(runDate, 'runDate');
  if (!/^\d{4}-\d\d$/.test(lastBilledMonth)) {
    throw new RangeError(`lastBilledMonth ${lastBilledMonth} is not a month (YYYY-MM)`);
  }
  const months: string[] = [];
  for (
    let month = parseBusinessDate(`${lastBilledMonth}-01`).plus({ months: 1 });
    isoDate(month.plus({ months: 1, days: byDayOfMonth - 1 })) <= runDate;
    month = month.plus({ months: 1 })
  ) {
    months.push(isoDate(month).slice(0, 7));
  }
  return months;
}
