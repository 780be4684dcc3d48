import { describe, expect, it } from 'vitest';
import { parseScheduleExpression } from '../../../infra/local/schedule-expression';
import { fireTimesBetween, nextFireTime } from '../../../infra/local/schedule-fire-times';

const next = (expression: string, after: string, zone: string, start?: string) =>
  nextFireTime(
    parseScheduleExpression(expression),
    new Date(after),
    zone,
    start ? new Date(start) : undefined,
  )?.toISOString();

const fires = (expression: string, after: string, until: string, zone: string) =>
  fireTimesBetween(parseScheduleExpression(expression), new Date(after), new Date(until), zone).map(
    (d) => d.toISOString(),
  );

describe('cron expressions in a time zone', () => {
  it('fires the outbox retry every 10 minutes on the tens', () => {
    expect(
      fires(
        'cron(0/10 * * * ? *)',
        '2026-05-04T10:03:00Z',
        '2026-05-04T10:35:00Z',
        'Europe/Athens',
      ),
    ).toEqual(['2026-05-04T10:10:00.000Z', '2026-05-04T10:20:00.000Z', '2026-05-04T10:30:00.000Z']);
  });

  it('reads hours in the company time zone, not UTC', () => {
    // 09:00 in Seoul (UTC+9, no daylight saving) is midnight UTC.
    expect(next('cron(0 9 * * ? *)', '2026-01-10T12:00:00Z', 'Asia/Seoul')).toBe(
      '2026-01-11T00:00:00.000Z',
    );
    // Athens is UTC+2 in winter and UTC+3 in summer.
    expect(next('cron(0 9 * * ? *)', '2026-01-10T12:00:00Z', 'Europe/Athens')).toBe(
      '2026-01-11T07:00:00.000Z',
    );
    expect(next('cron(0 9 * * ? *)', '2026-07-10T12:00:00Z', 'Europe/Athens')).toBe(
      '2026-07-11T06:00:00.000Z',
    );
  });

  it('uses AWS day-of-week numbers: 1 is Sunday, 2 Monday', () => {
    // 2026-05-02 is a Saturday; the next Monday is 05-04, the next Sunday 05-03.
    expect(next('cron(0 8 ? * 2 *)', '2026-05-02T00:00:00Z', 'UTC')).toBe(
      '2026-05-04T08:00:00.000Z',
    );
    expect(next('cron(0 8 ? * 1 *)', '2026-05-02T00:00:00Z', 'UTC')).toBe(
      '2026-05-03T08:00:00.000Z',
    );
    expect(next('cron(0 8 ? * MON-FRI *)', '2026-05-02T00:00:00Z', 'UTC')).toBe(
      '2026-05-04T08:00:00.000Z',
    );
    expect(next('cron(0 8 ? * SUN *)', '2026-05-02T00:00:00Z', 'UTC')).toBe(
      '2026-05-03T08:00:00.000Z',
    );
  });

  it('understands L, W and # in the day fields', () => {
    // Last day of February in a leap year.
    expect(next('cron(0 12 L * ? *)', '2028-02-01T00:00:00Z', 'UTC')).toBe(
      '2028-02-29T12:00:00.000Z',
    );
    // Third Friday of May 2026 (6 = FRI).
    expect(next('cron(0 9 ? * 6#3 *)', '2026-05-01T00:00:00Z', 'UTC')).toBe(
      '2026-05-15T09:00:00.000Z',
    );
    // Last Friday of May 2026.
    expect(next('cron(0 9 ? * FRIL *)', '2026-05-01T00:00:00Z', 'UTC')).toBe(
      '2026-05-29T09:00:00.000Z',
    );
    // 2026-08-01 is a Saturday: the weekday nearest to it within August is Monday the 3rd.
    expect(next('cron(0 9 1W * ? *)', '2026-07-15T00:00:00Z', 'UTC')).toBe(
      '2026-08-03T09:00:00.000Z',
    );
    // 2026-11-15 is a Sunday: nearest weekday is Monday the 16th.
    expect(next('cron(0 9 15W * ? *)', '2026-11-01T00:00:00Z', 'UTC')).toBe(
      '2026-11-16T09:00:00.000Z',
    );
    // Last weekday of May 2026 (the 31st is a Sunday).
    expect(next('cron(0 9 LW * ? *)', '2026-05-01T00:00:00Z', 'UTC')).toBe(
      '2026-05-29T09:00:00.000Z',
    );
  });

  it('honours months by name and a year field', () => {
    expect(next('cron(0 0 1 JAN,JUL ? *)', '2026-02-01T00:00:00Z', 'UTC')).toBe(
      '2026-07-01T00:00:00.000Z',
    );
    expect(next('cron(0 0 1 1 ? 2030)', '2026-02-01T00:00:00Z', 'UTC')).toBe(
      '2030-01-01T00:00:00.000Z',
    );
    expect(next('cron(0 0 1 1 ? 2020)', '2026-02-01T00:00:00Z', 'UTC')).toBeUndefined();
  });

  describe('daylight saving time', () => {
    it('skips a local time that does not exist (Athens, spring forward 03:00 → 04:00)', () => {
      // 2026-03-29 has no 03:30 in Athens: the fire moves to the next day, not to 04:30.
      expect(next('cron(30 3 * * ? *)', '2026-03-28T02:00:00Z', 'Europe/Athens')).toBe(
        '2026-03-30T00:30:00.000Z',
      );
    });

    it('fires a repeated local time once (Athens, fall back 04:00 → 03:00)', () => {
      const times = fires(
        'cron(30 3 * * ? *)',
        '2026-10-24T00:00:00Z',
        '2026-10-27T00:00:00Z',
        'Europe/Athens',
      );
      expect(times).toEqual([
        '2026-10-24T00:30:00.000Z', // UTC+3
        '2026-10-25T00:30:00.000Z', // first 03:30, still UTC+3; the second 03:30 does not fire
        '2026-10-26T01:30:00.000Z', // UTC+2
      ]);
    });

    it('keeps the 10-minute rhythm across the Athens spring-forward gap', () => {
      expect(
        fires(
          'cron(0/10 * * * ? *)',
          '2026-03-29T00:45:00Z',
          '2026-03-29T01:15:00Z',
          'Europe/Athens',
        ),
      ).toEqual([
        '2026-03-29T00:50:00.000Z', // 02:50 local
        '2026-03-29T01:00:00.000Z', // 04:00 local, right after the gap
        '2026-03-29T01:10:00.000Z',
      ]);
    });

    it('skips and does not repeat in Los Angeles', () => {
      // 2026-03-08: 02:00 → 03:00, so 02:30 is skipped that day.
      expect(next('cron(30 2 * * ? *)', '2026-03-07T12:00:00Z', 'America/Los_Angeles')).toBe(
        '2026-03-09T09:30:00.000Z',
      );
      // 2026-11-01: 01:30 happens twice; it fires at the first (PDT, UTC-7) only.
      const times = fires(
        'cron(30 1 * * ? *)',
        '2026-10-31T12:00:00Z',
        '2026-11-02T12:00:00Z',
        'America/Los_Angeles',
      );
      expect(times).toEqual(['2026-11-01T08:30:00.000Z', '2026-11-02T09:30:00.000Z']);
    });

    it('is unaffected in Seoul, which has no daylight saving', () => {
      expect(
        fires('cron(30 2 * * ? *)', '2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z', 'Asia/Seoul'),
      ).toEqual([
        '2026-03-28T17:30:00.000Z',
        '2026-03-29T17:30:00.000Z',
        '2026-03-30T17:30:00.000Z',
      ]);
    });
  });
});

describe('rate expressions', () => {
  it('fires at fixed durations from the start, whatever the time zone does', () => {
    const start = '2026-03-28T23:00:00Z';
    expect(next('rate(1 day)', '2026-03-29T01:00:00Z', 'Europe/Athens', start)).toBe(
      '2026-03-29T23:00:00.000Z',
    );
    expect(next('rate(5 minutes)', '2026-03-28T23:07:00Z', 'UTC', start)).toBe(
      '2026-03-28T23:10:00.000Z',
    );
    expect(next('rate(2 hours)', '2026-03-28T23:00:00Z', 'UTC', start)).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });
});

describe('bad expressions', () => {
  it.each([
    ['cron(0 9 * * * *)', 'exactly one of day-of-month and day-of-week must be ?'],
    ['cron(0 9 ? * ? *)', 'exactly one of day-of-month and day-of-week must be ?'],
    ['cron(0 9 * * ?)', '6 fields'],
    ['cron(60 9 * * ? *)', 'minutes value 60'],
    ['cron(0 9 ? * 8 *)', 'day-of-week value 8'],
    ['cron(0 9 ? * 2#1,3#2 *)', 'single day-of-week'],
    ['rate(1 minutes)', 'singular'],
    ['rate(5 minute)', 'plural'],
    ['rate(0 minutes)', 'at least 1'],
    ['every day', 'expected cron(...) or rate(...)'],
  ])('%s is refused: %s', (expression, message) => {
    expect(() => parseScheduleExpression(expression)).toThrow(message);
  });
});
