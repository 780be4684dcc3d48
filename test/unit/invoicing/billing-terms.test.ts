import { describe, expect, it } from 'vitest';
import { periodRequestKey } from '../../../functions/invoicing/recurring-billing';
import { periodsToBill } from '../../../functions/invoicing/rules/billing-periods';
import {
  type BillingTerm,
  billingTermWrite,
  nextBillingDayOf,
} from '../../../functions/invoicing/store/billing-terms';
import { businessDateOf } from '../../../functions/shared/rules/job-dates';

/**
 * A billing term's next billing day (what files it on the `billing-terms-due` index) and the
 * request keys of its periods: the day a period is billed must be the day `periodsToBill` bills
 * it, or a term would wait on the index for nothing or be billed late.
 */

const term = (over: Partial<BillingTerm>): BillingTerm => ({
  contractId: 'CON-1',
  accountId: 'ACC-1',
  startDate: '2036-01-31',
  endDate: '2037-01-30',
  billedThroughIndex: -1,
  ...over,
});
const monthlyNet = { billingPlan: 'monthly', paymentTerms: { kind: 'net', days: 30 } } as const;
const monthlyPrepaid = { billingPlan: 'monthly', paymentTerms: { kind: 'prepaid' } } as const;

describe('the next billing day of a term', () => {
  it('net: the month end after each period, across February of a leap year', () => {
    // 31 Jan → 28/29 Feb: periods 31 Jan–28 Feb 2036 (a leap year: ends the 28th), 29 Feb–30 Mar.
    expect(nextBillingDayOf(term({}), monthlyNet)).toBe('2036-02-29');
    expect(nextBillingDayOf(term({ billedThroughIndex: 0 }), monthlyNet)).toBe('2036-03-31');
    expect(nextBillingDayOf(term({ billedThroughIndex: 11 }), monthlyNet)).toBeUndefined();
  });

  it('prepaid: the month end before each period starts', () => {
    expect(nextBillingDayOf(term({ billedThroughIndex: 0 }), monthlyPrepaid)).toBe('2036-01-31');
    expect(nextBillingDayOf(term({ billedThroughIndex: 1 }), monthlyPrepaid)).toBe('2036-02-29');
  });

  it('a term started on 29 February bills quarterly on 31 May, 31 August, 30 November', () => {
    const leap = term({ startDate: '2036-02-29', endDate: '2037-02-27' });
    const quarterly = {
      billingPlan: 'quarterly',
      paymentTerms: { kind: 'net', days: 14 },
    } as const;
    const days = [-1, 0, 1, 2].map((i) =>
      nextBillingDayOf({ ...leap, billedThroughIndex: i }, quarterly),
    );
    expect(days).toEqual(['2036-05-31', '2036-08-31', '2036-11-30', '2037-02-28']);
  });

  it('annual prepaid: once, on the month end before the term; nothing after', () => {
    const annual = { billingPlan: 'annual', paymentTerms: { kind: 'prepaid' } } as const;
    const year = term({ startDate: '2036-03-01', endDate: '2037-02-28' });
    expect(nextBillingDayOf(year, annual)).toBe('2036-02-29');
    expect(nextBillingDayOf({ ...year, billedThroughIndex: 0 }, annual)).toBeUndefined();
  });

  it('is the day periodsToBill bills the next period, for every index', () => {
    for (const plan of [monthlyNet, monthlyPrepaid]) {
      for (let index = -1; index < 11; index++) {
        const t = term({ billedThroughIndex: index });
        const day = nextBillingDayOf(t, plan) ?? '';
        const contract = { ...plan, startDate: t.startDate, endDate: t.endDate };
        expect(periodsToBill(contract, index, day)[0]?.index).toBe(index + 1);
        const dayBefore = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
        expect(periodsToBill(contract, index, dayBefore)).toEqual([]);
      }
    }
  });
});

describe('a term record', () => {
  it('is written once (attribute_not_exists) and filed under its billing day', () => {
    const write = billingTermWrite('desk', term({ billedThroughIndex: 0 }), monthlyNet) as {
      Put: { Item: Record<string, unknown>; ConditionExpression: string };
    };
    expect(write.Put.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(write.Put.Item).toMatchObject({
      pk: 'BILLING-TERM#CON-1',
      sk: 'TERM#2036-01-31',
      nextBillingDay: '2036-03-31',
      billingDuePk: 'BILLING-DUE#2036',
      billingDueSk: '2036-03-31#CON-1#2036-01-31',
    });
  });

  it('without the plan is due as early as a prepaid plan bills, for the run to file it rightly', () => {
    const write = billingTermWrite('desk', term({ startDate: '2037-01-31' })) as {
      Put: { Item: Record<string, unknown> };
    };
    expect(write.Put.Item.nextBillingDay).toBe('2036-12-31');
  });

  it('refuses a date that is not a date, naming it', () => {
    expect(() => billingTermWrite('desk', term({ endDate: '2037-02-30' }))).toThrow(/endDate/);
  });

  it('period 0 of the first term is the first invoice; every other period has its own key', () => {
    const first = { ...term({ first: true }), nextBillingDay: '2036-02-29' };
    expect(periodRequestKey(first, 0)).toBe('first-invoice#CON-1');
    expect(periodRequestKey(first, 1)).toBe('recurring#CON-1#2036-01-31#1');
    const renewed = term({ startDate: '2037-01-31' });
    expect(periodRequestKey(renewed, 0)).toBe('recurring#CON-1#2037-01-31#0');
  });
});

describe('which business date a 06:30 run at 23:30 elsewhere stands for', () => {
  it('23:30 on 31 March in Seoul is the month-end run there (UTC 14:30)', () => {
    const at = new Date('2036-03-31T14:30:00Z');
    expect(businessDateOf(at, 'Asia/Seoul')).toBe('2036-03-31');
    const contract = { ...monthlyNet, startDate: '2036-03-01', endDate: '2037-02-28' };
    expect(periodsToBill(contract, -1, businessDateOf(at, 'Asia/Seoul'))).toHaveLength(1);
  });

  it('23:30 on 31 March in Los Angeles is still 31 March there, though UTC is in April', () => {
    const at = new Date('2036-04-01T06:30:00Z');
    expect(businessDateOf(at, 'America/Los_Angeles')).toBe('2036-03-31');
    expect(businessDateOf(at, 'Asia/Seoul')).toBe('2036-04-01');
  });
});
