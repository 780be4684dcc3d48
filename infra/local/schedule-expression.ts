/**
 * EventBridge Scheduler expressions, evaluated the way AWS documents them:
 * - `cron(min hour day-of-month month day-of-week year)` in a time zone; day-of-week 1–7 is
 *   SUN–SAT; one of day-of-month / day-of-week must be `?`.
 * - `rate(n minute|minutes|hour|hours|day|days)`: a fixed duration from the schedule's start.
 * Daylight saving time: a local time that does not exist (spring forward) is skipped; a local
 * time that occurs twice (fall back) fires once, at its first occurrence.
 */
export type ScheduleExpression =
  | { kind: 'cron'; text: string; cron: CronFields }
  | { kind: 'rate'; text: string; intervalMs: number };

export interface CronFields {
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: DayOfMonthRule;
  months: Set<number>;
  daysOfWeek: DayOfWeekRule;
  /** Undefined: every year. */
  years?: Set<number>;
}

type DayOfMonthRule =
  | { kind: 'any' }
  | { kind: 'days'; days: Set<number> }
  | { kind: 'last'; offset: number }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number };

/** Weekdays as luxon numbers (1 = Monday … 7 = Sunday). */
type DayOfWeekRule =
  | { kind: 'any' }
  | { kind: 'weekdays'; weekdays: Set<number> }
  | { kind: 'last'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

export class ScheduleExpressionError extends Error {
  override name = 'ScheduleExpressionError';
}

const monthNames = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export function parseScheduleExpression(text: string): ScheduleExpression {
  const trimmed = text.trim();
  const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/.exec(trimmed);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2] as string;
    if (value < 1) throw new ScheduleExpressionError(`${text}: the rate must be at least 1`);
    if (value === 1 && unit.endsWith('s')) {
      throw new ScheduleExpressionError(`${text}: a rate of 1 takes the singular unit`);
    }
    if (value > 1 && !unit.endsWith('s')) {
      throw new ScheduleExpressionError(`${text}: a rate above 1 takes the plural unit`);
    }
    const unitMs = unit.startsWith('minute')
      ? 60_000
      : unit.startsWith('hour')
        ? 3_600_000
        : 86_400_000;
    return { kind: 'rate', text: trimmed, intervalMs: value * unitMs };
  }
  const cron = /^cron\((.*)\)$/.exec(trimmed);
  if (!cron) throw new ScheduleExpressionError(`${text}: expected cron(...) or rate(...)`);
  return { kind: 'cron', text: trimmed, cron: parseCronFields(cron[1] as string, text) };
}

function parseCronFields(body: string, text: string): CronFields {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 6) {
    throw new ScheduleExpressionError(
      `${text}: a cron expression has 6 fields, found ${parts.length}`,
    );
  }
  const [minute, hour, dayOfMonth, month, dayOfWeek, year] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    throw new ScheduleExpressionError(
      `${text}: exactly one of day-of-month and day-of-week must be ?`,
    );
  }
  return {
    minutes: parseList(minute, 0, 59, [], text, 'minutes'),
    hours: parseList(hour, 0, 23, [], text, 'hours'),
    daysOfMonth: parseDayOfMonth(dayOfMonth, text),
    months: parseList(month, 1, 12, monthNames, text, 'month'),
    daysOfWeek: parseDayOfWeek(dayOfWeek, text),
    ...(year === '*' ? {} : { years: parseList(year, 1970, 2199, [], text, 'year') }),
  };
}

/** A list of values, ranges and increments: `1,5`, `MON-FRI`, `0/10`, `*`, `3-59/15`. */
function parseList(
  field: string,
  min: number,
  max: number,
  names: string[],
  text: string,
  what: string,
): Set<number> {
  const values = new Set<number>();
  for (const item of field.split(',')) {
    const [range, stepText] = item.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : parseNumber(stepText, 1, max, names, text, what);
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      from = parseNumber(a, min, max, names, text, what);
      to = parseNumber(b, min, max, names, text, what);
      if (to < from)
        throw new ScheduleExpressionError(`${text}: ${what} range ${range} is backwards`);
    } else {
      from = parseNumber(range, min, max, names, text, what);
      // `5/15` starts at 5 and runs to the end of the field.
      to = stepText === undefined ? from : max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function parseNumber(
  token: string,
  min: number,
  max: number,
  names: string[],
  text: string,
  what: string,
): number {
  const named = names.indexOf(token.toUpperCase());
  const value = named >= 0 ? named + min : /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (!(value >= min && value <= max)) {
    throw new ScheduleExpressionError(`${text}: ${what} value ${token} is not in ${min}-${max}`);
  }
  return value;
}

function parseDayOfMonth(field: string, text: string): DayOfMonthRule {
  if (field === '?' || field === '*') return { kind: 'any' };
  if (field === 'L') return { kind: 'last', offset: 0 };
  if (field === 'LW') return { kind: 'lastWeekday' };
  const lastOffset = /^L-(\d+)$/.exec(field);
  if (lastOffset)
    return {
      kind: 'last',
      offset: parseNumber(lastOffset[1] as string, 1, 30, [], text, 'day-of-month'),
    };
  const nearest = /^(\d+)W$/.exec(field);
  if (nearest) {
    return {
      kind: 'nearestWeekday',
      day: parseNumber(nearest[1] as string, 1, 31, [], text, 'day-of-month'),
    };
  }
  return { kind: 'days', days: parseList(field, 1, 31, [], text, 'day-of-month') };
}

/** AWS day-of-week (1 = SUN … 7 = SAT) to luxon's (1 = MON … 7 = SUN). */
function toLuxonWeekday(aws: number): number {
  return aws === 1 ? 7 : aws - 1;
}

function parseDayOfWeek(field: string, text: string): DayOfWeekRule {
  if (field === '?' || field === '*') return { kind: 'any' };
  // `L` alone is the last day of the week: Saturday.
  if (field === 'L') return { kind: 'weekdays', weekdays: new Set([6]) };
  const last = /^(\w+)L$/.exec(field);
  if (last) {
    return {
      kind: 'last',
      weekday: toLuxonWeekday(parseNumber(last[1] as string, 1, 7, dayNames, text, 'day-of-week')),
    };
  }
  const nth = /^(\w+)#(\d)$/.exec(field);
  if (nth) {
    return {
      kind: 'nth',
      weekday: toLuxonWeekday(parseNumber(nth[1] as string, 1, 7, dayNames, text, 'day-of-week')),
      nth: parseNumber(nth[2] as string, 1, 5, [], text, 'day-of-week occurrence'),
    };
  }
  if (field.includes('#')) {
    throw new ScheduleExpressionError(`${text}: # takes a single day-of-week expression`);
  }
  const aws = parseList(field, 1, 7, dayNames, text, 'day-of-week');
  return { kind: 'weekdays', weekdays: new Set([...aws].map(toLuxonWeekday)) };
}
