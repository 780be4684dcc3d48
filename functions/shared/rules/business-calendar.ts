import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * The company's business calendar: which weekdays are worked, the working hours, and the
 * holidays of each year. The one place in the product that answers "N business days / hours
 * from now": deadlines, escalations and reminders all ask here. Pure; time is an argument, and
 * days are counted in the company's time zone (a DST change moves no deadline's wall-clock time).
 */

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;
const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const businessCalendarSchema = z
  .object({
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    workingDays: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .refine((days) => new Set(days).size === days.length, { error: 'a weekday is listed twice' }),
    hours: z
      .object({
        start: z.string().regex(clockTime, { error: 'use HH:MM, for example 09:00' }),
        end: z.string().regex(clockTime, { error: 'use HH:MM, for example 17:00' }),
      })
      .refine((h) => h.start < h.end, { error: 'the working day must end after it starts' }),
    /** Holidays per year: `{"2026": ["2026-01-01", "2026-12-25"]}`. */
    holidays: z.record(
      z.string().regex(/^\d{4}$/, { error: 'a year like 2026' }),
      z.array(
        z
          .string()
          .regex(isoDate, { error: 'use YYYY-MM-DD' })
          .refine((d) => DateTime.fromISO(d).isValid, { error: 'no such date' }),
      ),
    ),
  })
  .superRefine((calendar, context) => {
    for (const [year, dates] of Object.entries(calendar.holidays)) {
      dates.forEach((date, i) => {
        if (!date.startsWith(`${year}-`)) {
          context.addIssue({
            code: 'custom',
            path: ['holidays', year, i],
            message: `${date} is not in ${year}`,
          });
        }
      });
    }
  });

export type BusinessCalendar = z.infer<typeof businessCalendarSchema>;

export const defaultBusinessCalendar: BusinessCalendar = {
  workingDays: [1, 2, 3, 4, 5],
  hours: { start: '09:00', end: '17:00' },
  holidays: {},
};

function localDay(moment: Date | DateTime, zone: string): DateTime {
  const time = moment instanceof Date ? DateTime.fromJSDate(moment) : moment;
  const local = time.setZone(zone);
  if (!local.isValid) throw new Error(`Unknown time zone ${zone}`);
  return local;
}

/** True when the day (in the company's zone) is a working weekday and no holiday. */
export function isBusinessDay(
  moment: Date | DateTime,
  calendar: BusinessCalendar,
  zone: string,
): boolean {
  const day = localDay(moment, zone);
  if (!calendar.workingDays.includes(day.weekday)) return false;
  const holidays = calendar.holidays[String(day.year)] ?? [];
  return !holidays.includes(day.toISODate() ?? '');
}

/**
 * The moment `n` business days after `start`, at the same wall-clock time: Friday 15:00 plus one
 * business day is Monday 15:00. Non-business days are skipped; `n = 0` is `start` itself.
 */
export function addBusinessDays(
  start: Date,
  n: number,
  calendar: BusinessCalendar,
  zone: string,
): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number, 0 or more');
  let day = localDay(start, zone);
  let left = n;
  while (left > 0) {
    day = day.plus({ days: 1 });
    if (isBusinessDay(day, calendar, zone)) left -= 1;
  }
  return day.toJSDate();
}

function atClock(day: DateTime, clock: string): DateTime {
  const [hour, minute] = clock.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/**
 * The moment `hours` of working time after `start`, counting only business hours on business
 * days: 16:00 plus 2 hours on a 09:00–17:00 day is 10:00 on the next business day. A start
 * outside working hours counts from the next opening.
 */
export function addBusinessHours(
  start: Date,
  hours: number,
  calendar: BusinessCalendar,
  zone: string,
): Date {
  if (!(hours >= 0) || !Number.isFinite(hours)) throw new RangeError('hours must be 0 or more');
  let leftMs = Math.round(hours * 3_600_000);
  let cursor = localDay(start, zone);
  // A bounded walk: ten years of days is far beyond any deadline.
  for (let guard = 0; guard < 3660; guard++) {
    const open = atClock(cursor, calendar.hours.start);
    const close = atClock(cursor, calendar.hours.end);
    if (isBusinessDay(cursor, calendar, zone) && cursor < close) {
      const from = DateTime.max(open, cursor);
      const available = close.toMillis() - from.toMillis();
      if (leftMs <= available) return from.plus({ milliseconds: leftMs }).toJSDate();
      leftMs -= available;
    }
    cursor = atClock(cursor.plus({ days: 1 }), '00:00');
  }
  throw new RangeError('No business hours within ten years: check the calendar');
}
