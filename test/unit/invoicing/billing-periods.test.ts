import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessDateOf,
  isMonthEnd,
  periodsToBill,
  type RecurringContract,
  usageMonthsToBill,
} from '../../../functions/invoicing/rules/billing-periods';
import { addDays, jobCatchUp } from '../../../functions/shared/rules/job-dates';

const net30 = { kind: 'net', days: 30 } as const;
const prepaid = { kind: 'prepaid' } as const;
const monthly = (start: string, terms: RecurringContract['paymentTerms'] = net30) => ({
  billingPlan: 'monthly' as const,
  paymentTerms: terms,
  startDate: start,
  endDate: '2028-12-31',
});
const starts = (periods: { start: string }[]) => periods.map((p) => p.start);

describe('billing periods', () => {
  it('are month-end anchored: 31 January, 29 February, 31 March in a leap year', () => {
    const periods = periodsToBill(monthly('2028-01-31'), -1, '2028-05-31');
    expect(starts(periods)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
    expect(periods[0]?.end).toBe('2028-02-28');
    expect(starts(periodsToBill(monthly('2027-01-31'), -1, '2027-03-31'))).toEqual([
      '2027-01-31',
      '2027-02-28',
    ]);
  });

  it('net terms: the month-end run bills the periods that ended, in arrears', () => {
    const c = monthly('2026-01-01');
    expect(periodsToBill(c, 0, '2026-02-27')).toEqual([]);
    expect(periodsToBill(c, 0, '2026-02-28')).toEqual([
      { index: 1, start: '2026-02-01', end: '2026-02-28', billOn: '2026-02-28' },
    ]);
  });

  it('prepaid: billed on the month end before the period starts', () => {
    const c = monthly('2026-01-15', prepaid);
    expect(periodsToBill(c, 0, '2026-01-30')).toEqual([]);
    expect(periodsToBill(c, 0, '2026-01-31')).toEqual([
      { index: 1, start: '2026-02-15', end: '2026-03-14', billOn: '2026-01-31' },
    ]);
  });

  it('quarterly and annual plans bill on their dates', () => {
    const quarterly = { ...monthly('2026-01-01'), billingPlan: 'quarterly' as const };
    expect(starts(periodsToBill(quarterly, 0, '2026-05-31'))).toEqual([]);
    expect(starts(periodsToBill(quarterly, 0, '2026-06-30'))).toEqual(['2026-04-01']);
    const annual = { ...monthly('2024-02-29', prepaid), billingPlan: 'annual' as const };
    expect(periodsToBill(annual, 0, '2025-01-31')).toEqual([
      { index: 1, start: '2025-02-28', end: '2026-02-27', billOn: '2025-01-31' },
    ]);
  });

  it('a missed month-end is caught up by the next run, and nothing past the contract end', () => {
    const c = { ...monthly('2026-01-01'), endDate: '2026-04-15' };
    expect(starts(periodsToBill(c, 0, '2026-04-01'))).toEqual(['2026-02-01', '2026-03-01']);
    expect(periodsToBill(c, 2, '2026-04-30')).toEqual([
      { index: 3, start: '2026-04-01', end: '2026-04-15', billOn: '2026-04-30' },
    ]);
    expect(periodsToBill(c, 3, '2027-01-31')).toEqual([]);
    expect(periodsToBill({ ...c, billingPlan: 'one-off' }, 0, '2026-12-31')).toEqual([]);
  });

  it('property: daily runs with gaps bill every period once, in order, none skipped', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2024-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }),
        fc.constantFrom('monthly', 'quarterly', 'annual'),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 70 }), { minLength: 1, maxLength: 30 }),
        (startAt, plan, isPrepaid, gaps) => {
          const startDate = startAt.toISOString().slice(0, 10);
          const c: RecurringContract = {
            billingPlan: plan as RecurringContract['billingPlan'],
            paymentTerms: isPrepaid ? prepaid : net30,
            startDate,
            endDate: addDays(startDate, 900),
          };
          let last = 0;
          const billed: number[] = [];
          let date = startDate;
          for (const gap of gaps) {
            date = addDays(date, gap);
            for (const p of periodsToBill(c, last, date)) {
              billed.push(p.index);
              last = p.index;
            }
          }
          expect(billed).toEqual(billed.map((_, i) => i + 1));
          expect(periodsToBill(c, last, date)).toEqual([]);
        },
      ),
    );
  });
});

describe('usage charges', () => {
  it("the run on the 13th bills last month's usage, and catches up missed months", () => {
    expect(usageMonthsToBill('2026-01', '2026-03-12', 13)).toEqual([]);
    expect(usageMonthsToBill('2026-01', '2026-03-13', 13)).toEqual(['2026-02']);
    expect(usageMonthsToBill('2025-11', '2026-03-13', 13)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(usageMonthsToBill('2026-02', '2026-03-31', 13)).toEqual([]);
  });
});

describe('the business date of now', () => {
  it('23:30 on 31 January in Seoul is the month-end run there, though UTC says 14:30', () => {
    const seoul = new Date('2026-01-31T23:30:00+09:00');
    expect(businessDateOf(seoul, 'Asia/Seoul')).toBe('2026-01-31');
    expect(isMonthEnd(businessDateOf(seoul, 'Asia/Seoul'))).toBe(true);
  });

  it('23:30 on 31 January in Los Angeles is still 31 January, though UTC is in February', () => {
    const la = new Date('2026-01-31T23:30:00-08:00');
    expect(la.toISOString().slice(0, 10)).toBe('2026-02-01');
    expect(businessDateOf(la, 'America/Los_Angeles')).toBe('2026-01-31');
    expect(businessDateOf(la, 'Asia/Seoul')).toBe('2026-02-01');
  });

  it('on 29 February of a leap year at 23:30 in both zones', () => {
    expect(businessDateOf(new Date('2028-02-29T23:30:00+09:00'), 'Asia/Seoul')).toBe('2028-02-29');
    expect(businessDateOf(new Date('2028-02-29T23:30:00-08:00'), 'America/Los_Angeles')).toBe(
      '2028-02-29',
    );
    expect(isMonthEnd('2028-02-29')).toBe(true);
    expect(isMonthEnd('2028-02-28')).toBe(false);
  });
});

describe('job catch-up', () => {
  it('processes every date since the last completed one, in order', () => {
    expect(jobCatchUp('2028-02-27', '2028-03-01')).toEqual([
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(jobCatchUp('2026-03-01', '2026-03-01')).toEqual([]);
    expect(jobCatchUp(undefined, '2026-03-01')).toEqual(['2026-03-01']);
    expect(() => jobCatchUp('2026-02-30', '2026-03-01')).toThrow(/lastCompletedDate/);
  });
});
