import { DateTime } from 'luxon';

/**
 * Business dates (`YYYY-MM-DD`, a day in the company's time zone) and the daily jobs that walk
 * them. A date is a plain calendar day here: the zone was applied when "now" became a date.
 */

/** A business date as a luxon day (UTC midnight, so adding days never meets a DST change). */
export function parseBusinessDate(date: string, field = 'date'): DateTime {
  const parsed = DateTime.fromISO(date, { zone: 'UTC' });
  if (!/^\d{4}-\d\d-\d\d$/.test(date) || !parsed.isValid) {
    throw new RangeError(`${field} ${date} is not a date (YYYY-MM-DD)`);
  }
  return parsed;
}

export const isoDate = (day: DateTime): string => day.toISODate() ?? '';

export function addDays(date: string, days: number): string {
  return isoDate(parseBusinessDate(date).plus({ days }));
}

/** The months (`yyyy-mm`) from the month of date `from` to that of `to`, inclusive, in order. */
export function monthsFrom(from: string, to: string): string[] {
  const months: string[] = [];
  const last = parseBusinessDate(to, 'to').startOf('month');
  for (
    let m = parseBusinessDate(from, 'from').startOf('month');
    m <= last;
    m = m.plus({ months: 1 })
  )
    months.push(m.toFormat('yyyy-MM'));
  return months;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(parseBusinessDate(to).diff(parseBusinessDate(from), 'days').days);
}

/** The business date of an instant in the company's zone: 23:30 in Seoul is still Seoul's day. */
export function businessDateOf(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) throw new RangeError(`${zone} is not a time zone`);
  return isoDate(local);
}

/**
 * The business dates a daily job must process, oldest first: every date after the last one it
 * completed, up to and including today, so a missed day is caught up rather than skipped. A job
 * that never ran starts with today (it has no history to catch up on).
 */
export function jobCatchUp(lastCompletedDate: string | undefined, today: string): string[] {
  const end = parseBusinessDate(today, 'today');
  if (lastCompletedDate === undefined) return [today];
  const dates: string[] = [];
  for (
    let day = parseBusinessDate(lastCompletedDate, 'lastCompletedDate').plus({ days: 1 });
    day <= end;
    day = day.plus({ days: 1 })
  ) {
    dates.push(isoDate(day));
  }
  return dates;
}
