import type { ArrearsStore } from '../collections/store/arrears';
import type { OutboxStore } from '../messages/store/outbox-store';
import { addDays } from '../shared/rules/job-dates';
import { add, type Money, zero } from '../shared/rules/money';
import { type AgeingBucket, ageing } from '../statements/rules/ageing';

/**
 * The money overview of the finance and manager dashboards: what is overdue, by age and currency,
 * and the outbox's messages waiting for a person. Overdue invoices come from the open-by-due index
 * (unpaid invoices only, never a scan), at most `limits.invoices` of them, oldest first, so a desk
 * with a great many still gets its page at once, and says the figures are partial.
 */

export interface OverdueInCurrency {
  currency: string;
  count: number;
  total: Money;
  /** 1–30, 31–60, 61–90 and over 90 days past due (the statements' bounds, current left out). */
  buckets: AgeingBucket[];
}

export interface MoneyOverview {
  /** The business date the figures are for. */
  today: string;
  /** Invoices due from this date on are counted (older ones are for the write-off review). */
  countedFrom: string;
  overdue: OverdueInCurrency[];
  /** More overdue invoices than were read: the figures are those of the oldest `overdueRead`. */
  overdueTruncated: boolean;
  overdueRead: number;
  /** Outbox messages for staff to confirm or send again; `more` when there are over `limit`. */
  attention: { uncertain: number; failed: number; more: boolean };
}

export interface MoneyOverviewDeps {
  arrears: Pick<ArrearsStore, 'overdueInvoices'>;
  outbox: Pick<OutboxStore, 'needingAttention'>;
}

/** Two years back: anything due before is long past the ladder and the write-off review's. */
export const overviewLookbackDays = 730;

export async function moneyOverview(
  deps: MoneyOverviewDeps,
  today: string,
  ageingBounds: readonly number[],
  limits = { invoices: 5_000, messages: 100 },
): Promise<MoneyOverview> {
  const countedFrom = addDays(today, -overviewLookbackDays);
  const open: { dueDate: string; openAmount: Money }[] = [];
  let overdueTruncated = false;
  for await (const page of deps.arrears.overdueInvoices(countedFrom, addDays(today, -1))) {
    for (const invoice of page) {
      if (open.length === limits.invoices) overdueTruncated = true;
      else {
        open.push({
          dueDate: invoice.dueDate,
          openAmount: { amountMinor: invoice.openMinor, currency: invoice.currency },
        });
      }
    }
    if (overdueTruncated) break;
  }
  const currencies = [...new Set(open.map((i) => i.openAmount.currency))].sort();
  const overdue = currencies.map((currency) => {
    const items = open.filter((i) => i.openAmount.currency === currency);
    return {
      currency,
      count: items.length,
      total: items.reduce((sum, i) => add(sum, i.openAmount), zero(currency)),
      // Every item is past due: the first, current bucket is always empty.
      buckets: ageing(items, today, currency, ageingBounds).slice(1),
    };
  });

  const messages = await deps.outbox.needingAttention(limits.messages + 1);
  const listed = messages.slice(0, limits.messages);
  return {
    today,
    countedFrom,
    overdue,
    overdueTruncated,
    overdueRead: open.length,
    attention: {
      uncertain: listed.filter((m) => m.state === 'uncertain').length,
      failed: listed.filter((m) => m.state === 'failed').length,
      more: messages.length > limits.messages,
    },
  };
}
