import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessHours,
  type BusinessCalendar,
  businessCalendarSchema,
  isBusinessDay,
} from '../../../functions/shared/rules/business-calendar';

const athens = 'Europe/Athens';
const calendar: BusinessCalendar = {
  workingDays: [1, 2, 3, 4, 5],
  hours: { start: '09:00', end: '17:00' },
  holidays: { '2025': ['2025-12-25', '2025-12-26'], '2026': ['2026-01-01', '2026-01-06'] },
};
/** A wall-clock time in Athens as an instant. */
const at = (local: string) =>
  new Date(`${local}${local.length === 16 ? ':00' : ''}+0${offset(local)}:00`);
function offset(local: string): number {
  // Athens is UTC+2 in winter and UTC+3 in summer (last Sunday of March to last of October).
  return local >= '2026-03-29T04' && local < '2026-10-25T04' ? 3 : 2;
}

describe('the business calendar', () => {
  it('knows weekends and holidays, by the day in the company time zone', () => {
    expect(isBusinessDay(at('2026-01-05T10:00'), calendar, athens)).toBe(true); // Monday
    expect(isBusinessDay(at('2026-01-06T10:00'), calendar, athens)).toBe(false); // Epiphany
    expect(isBusinessDay(at('2026-01-10T10:00'), calendar, athens)).toBe(false); // Saturday
    // Friday 23:30 UTC is already Saturday in Athens.
    expect(isBusinessDay(new Date('2026-01-09T23:30:00Z'), calendar, athens)).toBe(false);
  });

  it('adds business days over a weekend, keeping the time of day', () => {
    expect(addBusinessDays(at('2026-01-09T15:00'), 1, calendar, athens)).toEqual(
      at('2026-01-12T15:00'),
    );
    expect(addBusinessDays(at('2026-01-09T15:00'), 0, calendar, athens)).toEqual(
      at('2026-01-09T15:00'),
    );
  });

  it('adds business days across the year end and its holidays', () => {
    // Wed 24 Dec 2025 + 3: skips 25, 26 (holidays), the weekend, 1 Jan (holiday).
    expect(addBusinessDays(at('2025-12-24T11:00'), 3, calendar, athens)).toEqual(
      at('2025-12-31T11:00'),
    );
    expect(addBusinessDays(at('2025-12-24T11:00'), 4, calendar, athens)).toEqual(
      at('2026-01-02T11:00'),
    );
  });

  it('keeps the wall-clock time across a DST change', () => {
    // Friday 27 March 2026 10:00 (UTC+2) + 1 business day = Monday 30 March 10:00 (UTC+3).
    const monday = addBusinessDays(at('2026-03-27T10:00'), 1, calendar, athens);
    expect(monday.toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('adds business hours inside the working day and across the night', () => {
    expect(addBusinessHours(at('2026-01-05T10:00'), 4, calendar, athens)).toEqual(
      at('2026-01-05T14:00'),
    );
    // Wednesday 16:00 + 2 hours: one today, one from Thursday's opening.
    expect(addBusinessHours(at('2026-01-07T16:00'), 2, calendar, athens)).toEqual(
      at('2026-01-08T10:00'),
    );
  });

  it('counts business hours from the next opening when asked outside them', () => {
    // Saturday evening + 4 hours: Monday 13:00; Friday before Epiphany week, evening.
    expect(addBusinessHours(at('2026-01-10T20:00'), 4, calendar, athens)).toEqual(
      at('2026-01-12T13:00'),
    );
    // Monday 5 Jan at 18:00 + 1 hour: Tuesday is a holiday, so Wednesday 10:00.
    expect(addBusinessHours(at('2026-01-05T18:00'), 1, calendar, athens)).toEqual(
      at('2026-01-07T10:00'),
    );
  });

  it('refuses a calendar with a holiday filed under the wrong year or bad hours', () => {
    const wrongYear = businessCalendarSchema.safeParse({
      ...calendar,
      holidays: { '2026': ['2025-12-25'] },
    });
    expect(wrongYear.success).toBe(false);
    expect(wrongYear.error?.issues[0]?.path).toEqual(['holidays', '2026', 0]);
    const backwards = businessCalendarSchema.safeParse({
      ...calendar,
      hours: { start: '17:00', end: '09:00' },
    });
    expect(backwards.success).toBe(false);
    expect(businessCalendarSchema.safeParse({ ...calendar, workingDays: [] }).success).toBe(false);
  });
});
