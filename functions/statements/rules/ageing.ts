import { DateTime } from 'luxon';
import {
  businessDateOf,
  daysBetween,
  isoDate,
  parseBusinessDate,
} from '../../shared/rules/job-dates';
import { add, type Money, subtract, zero } from '../../shared/rules/money';

/**
 * Statements (DOMAIN.md section 7): the ageing of what is open and the month's lines.
 * Bucket bounds are the setting `statements.ageingBucketUpperBoundsDays` ([0, 30, 60, 90]:
 * current, 1–30, 31–60, 61–90, over 90 days past due). Not yet due counts as current.
 */

export interface OpenItem {
  dueDate: string;
  openAmount: Money;
}

export interface AgeingBucket {
  /** Lowest days past due in the bucket; undefined for the first (current, incl. not yet due). */
  fromDays?: number;
  /** Highest days past due in the bucket; undefined for the last, open-ended one. */
  toDays?: number;
  amount: Money;
}

export function ageing(
  items: readonly OpenItem[],
  statementDate: string,
  currency: string,
  upperBounds: readonly number[] = [0, 30, 60, 90],
): AgeingBucket[] {
  parseBusinessDate(statementDate, 'statementDate');
  const buckets: AgeingBucket[] = [
    ...upperBounds.map((toDays, i) => ({
      ...(i === 0 ? {} : { fromDays: (upperBounds[i - 1] ?? 0) + 1 }),
      toDays,
      amount: zero(currency),
    })),
    { fromDays: (upperBounds.at(-1) ?? 0) + 1, amount: zero(currency) },
  ];
  for (const item of items) {
    const late = daysBetween(item.dueDate, statementDate);
    const bucket = buckets.find((b) => b.toDays === undefined || late <= b.toDays);
    if (bucket) bucket.amount = add(bucket.amount, item.openAmount);
  }
  return buckets;
}

export const moneyEventKinds = [
  'invoice',
  'payment',
  'credit-note',
  'write-off',
  'payment-reversal',
] as const;
export type MoneyEventKind = (typeof moneyEventKinds)[number];

export interface MoneyEvent {
  kind: MoneyEventKind;
  /** A business date (`YYYY-MM-DD`), or an instant (ISO with offset) placed in the company zone. */
  at: string;
  /** `INV-2026-000001`, a payment reference, `CN-2026-000001`... */
  reference: string;
  /** Always positive: the kind says which way it moves the balance. */
  amount: Money;
}

export interface StatementLine {
  date: string;
  kind: MoneyEventKind;
  reference: string;
  /** Signed: an invoice or a payment's reversal adds to what is owed, the others take away. */
  amount: Money;
  balance: Money;
}

export interface StatementLines {
  /** First and last day of the month. */
  from: string;
  to: string;
  opening: Money;
  lines: StatementLine[];
  /** What is owed at the end of the month; negative is the customer's credit. */
  closing: Money;
}

function eventDate(at: string, zone: string): string {
  if (/^\d{4}-\d\d-\d\d$/.test(at)) return isoDate(parseBusinessDate(at, 'at'));
  const instant = DateTime.fromISO(at, { setZone: true });
  if (!instant.isValid) throw new RangeError(`at ${at} is neither a date nor an instant`);
  return businessDateOf(instant.toJSDate(), zone);
}

/** An invoice, and a payment's reversal, add to what is owed; the others take away. */
const signed = (event: MoneyEvent): Money =>
  event.kind === 'invoice' || event.kind === 'payment-reversal'
    ? event.amount
    : subtract(zero(event.amount.currency), event.amount);

/** The statement of `month` (`YYYY-MM`): opening balance, the month's events in date order, closing. */
export function statementLines(
  events: readonly MoneyEvent[],
  month: string,
  zone: string,
  currency: string,
): StatementLines {
  const first = /^\d{4}-\d\d$/.test(month) ? parseBusinessDate(`${month}-01`, 'month') : undefined;
  if (!first) throw new RangeError(`month ${month} is not a month (YYYY-MM)`);
  const from = isoDate(first);
  const to = isoDate(first.endOf('month'));
  const dated = events
    .map((event, order) => ({ event, order, date: eventDate(event.at, zone) }))
    .filter((e) => e.date <= to)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));

  let balance = zero(currency);
  for (const e of dated) if (e.date < from) balance = add(balance, signed(e.event));
  const opening = balance;
  const lines: StatementLine[] = [];
  for (const { event, date } of dated) {
    if (date < from) continue;
    balance = add(balance, signed(event));
    lines.push({
      date,
      kind: event.kind,
      reference: event.reference,
      amount: signed(event),
      balance,
    });
  }
  return { from, to, opening, lines, closing: balance };
}
