import { DateTime } from 'luxon';
import type { CronFields, ScheduleExpression } from './schedule-expression';

/**
 * When a parsed schedule expression fires, in a time zone, as EventBridge Scheduler documents it:
 * a local time that does not exist (spring forward) is skipped; one that occurs twice (fall back)
 * fires once, at its first occurrence; a rate counts fixed durations from the schedule's start.
 */

function dayMatches(cron: CronFields, day: DateTime): boolean {
  if (!cron.months.has(day.month)) return false;
  if (cron.years && !cron.years.has(day.year)) return false;
  const dom = cron.daysOfMonth;
  const daysInMonth = day.daysInMonth ?? 31;
  switch (dom.kind) {
    case 'days':
      if (!dom.days.has(day.day)) return false;
      break;
    case 'last':
      if (day.day !== daysInMonth - dom.offset) return false;
      break;
    case 'lastWeekday':
      if (day.day !== nearestWeekday(day, daysInMonth)) return false;
      break;
    case 'nearestWeekday':
      if (dom.day > daysInMonth || day.day !== nearestWeekday(day, dom.day)) return false;
      break;
  }
  const dow = cron.daysOfWeek;
  switch (dow.kind) {
    case 'weekdays':
      return dow.weekdays.has(day.weekday);
    case 'last':
      return day.weekday === dow.weekday && day.day + 7 > daysInMonth;
    case 'nth':
      return day.weekday === dow.weekday && Math.ceil(day.day / 7) === dow.nth;
    default:
      return true;
  }
}

/** The weekday (Mon–Fri) nearest to `target` in the month of `day`, never leaving the month. */
function nearestWeekday(day: DateTime, target: number): number {
  const date = day.set({ day: target });
  const daysInMonth = day.daysInMonth ?? 31;
  if (date.weekday === 6) return target === 1 ? 3 : target - 1;
  if (date.weekday === 7) return target === daysInMonth ? target - 2 : target + 1;
  return target;
}

/**
 * Luxon reads a local time that occurs twice (fall back) as its second occurrence; AWS fires at
 * the first one only. The earlier occurrence exists when the offset a few hours before is larger.
 */
function firstOccurrence(time: DateTime): DateTime {
  const before = DateTime.fromMillis(time.toMillis() - 6 * 3_600_000, { zone: time.zone });
  const shiftMinutes = before.offset - time.offset;
  if (shiftMinutes <= 0) return time;
  const earlier = DateTime.fromMillis(time.toMillis() - shiftMinutes * 60_000, { zone: time.zone });
  const sameLocalTime =
    earlier.day === time.day && earlier.hour === time.hour && earlier.minute === time.minute;
  return sameLocalTime ? earlier : time;
}

/** How far ahead to look before deciding a cron expression never fires again. */
const searchDays = 366 * 30;

/**
 * The first fire strictly after `after`. For a rate, fires are `start + k × interval`.
 * Returns undefined when the expression never fires again (a past year).
 */
export function nextFireTime(
  expression: ScheduleExpression,
  after: Date,
  timeZone: string,
  start: Date = after,
): Date | undefined {
  if (expression.kind === 'rate') {
    const elapsed = after.getTime() - start.getTime();
    const k = elapsed < 0 ? 0 : Math.floor(elapsed / expression.intervalMs) + 1;
    return new Date(start.getTime() + k * expression.intervalMs);
  }
  const cron = expression.cron;
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const afterMs = after.getTime();
  let day = DateTime.fromJSDate(after, { zone: timeZone }).startOf('day');
  for (let i = 0; i < searchDays; i++, day = day.plus({ days: 1 }).startOf('day')) {
    if (!dayMatches(cron, day)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const local = { year: day.year, month: day.month, day: day.day, hour, minute };
        const time = firstOccurrence(DateTime.fromObject(local, { zone: timeZone }));
        // Luxon moves a time that does not exist (spring forward) later: AWS skips it.
        if (time.hour !== hour || time.minute !== minute) continue;
        if (time.toMillis() > afterMs) return time.toJSDate();
      }
    }
  }
  return undefined;
}

/** Every fire in (after, until], oldest first, at most `limit` of them. */
export function fireTimesBetween(
  expression: ScheduleExpression,
  after: Date,
  until: Date,
  timeZone: string,
  start?: Date,
  limit = 10_000,
): Date[] {
  const fires: Date[] = [];
  let cursor = after;
  while (fires.length < limit) {
    const next = nextFireTime(expression, cursor, timeZone, start ?? after);
    if (!next || next > until) break;
    fires.push(next);
    cursor = next;
  }
  return fires;
}
