import { describe, expect, it } from 'vitest';
import {
  billingPeriod,
  type ContractBilling,
  dueDate,
  firstInvoice,
  formatInvoiceNumber,
} from '../../../functions/invoicing/rules/invoice';

const contract = (over: Partial<ContractBilling> = {}): ContractBilling => ({
  contractId: 'CON-1',
  accountId: 'ACC-1',
  customer: { name: 'Παπαδόπουλος Α.Ε.', addressLines: ['Ερμού 1', 'Αθήνα'] },
  language: 'el',
  currency: 'EUR',
  lines: [
    {
      service: 'Membership',
      quantity: 1,
      unitPriceMinor: 5000,
      discountPercent: 0,
      taxRatePercent: 24,
    },
  ],
  billingPlan: 'monthly',
  paymentTerms: { kind: 'net', days: 30 },
  startDate: '2026-04-01',
  endDate: '2027-03-31',
  ...over,
});

describe('billing periods', () => {
  it('run from the start date by the plan, cut at the end date', () => {
    expect(billingPeriod('monthly', '2026-01-31', '2026-12-31', 0)).toEqual({
      start: '2026-01-31',
      end: '2026-02-27',
    });
    expect(billingPeriod('monthly', '2026-01-31', '2026-12-31', 1)).toEqual({
      start: '2026-02-28',
      end: '2026-03-30',
    });
    expect(billingPeriod('quarterly', '2026-04-01', '2026-08-15', 1)).toEqual({
      start: '2026-07-01',
      end: '2026-08-15',
    });
    expect(billingPeriod('quarterly', '2026-04-01', '2026-08-15', 2)).toBeUndefined();
    expect(billingPeriod('annual', '2026-04-01', '2028-03-31', 0)).toEqual({
      start: '2026-04-01',
      end: '2027-03-31',
    });
    expect(billingPeriod('one-off', '2026-04-01', '2026-04-30', 0)).toEqual({
      start: '2026-04-01',
      end: '2026-04-30',
    });
    expect(() => billingPeriod('monthly', '2026-04-01', '2026-03-01', 0)).toThrow('before');
  });
});

describe('due dates', () => {
  it('are the issue date plus the net days', () => {
    expect(dueDate('2026-12-15', { kind: 'net', days: 30 })).toBe('2027-01-14');
    expect(dueDate('2026-12-15', { kind: 'net', days: 0 })).toBe('2026-12-15');
  });

  it('are the period start when prepaid, never before the issue date', () => {
    const period = { start: '2026-05-01', end: '2026-05-31' };
    expect(dueDate('2026-04-20', { kind: 'prepaid' }, period)).toBe('2026-05-01');
    expect(dueDate('2026-05-03', { kind: 'prepaid' }, period)).toBe('2026-05-03');
  });
});

describe('the first invoice', () => {
  it('of a prepaid contract is issued at once, before the period starts', () => {
    const plan = firstInvoice(
      contract({ paymentTerms: { kind: 'prepaid' } }),
      new Date('2026-03-20T09:00:00Z'),
      'Europe/Athens',
    );
    expect(plan.issueOn).toBe('2026-03-20');
    expect(plan.draft.period).toEqual({ start: '2026-04-01', end: '2026-04-30' });
    expect(dueDate(plan.issueOn, plan.draft.paymentTerms, plan.draft.period)).toBe('2026-04-01');
    expect(plan.draft.totals.total.amountMinor).toBe(6200);
  });

  it('of a net-terms monthly contract is issued at the end of its first period', () => {
    const plan = firstInvoice(contract(), new Date('2026-03-20T09:00:00Z'), 'Europe/Athens');
    expect(plan.issueOn).toBe('2026-04-30');
    expect(dueDate(plan.issueOn, plan.draft.paymentTerms)).toBe('2026-05-30');
  });

  it('of a one-off is issued today in the company’s zone', () => {
    const plan = firstInvoice(
      contract({ billingPlan: 'one-off' }),
      new Date('2026-03-20T22:30:00Z'), // already 21 March in Seoul
      'Asia/Seoul',
    );
    expect(plan.issueOn).toBe('2026-03-21');
    expect(plan.draft.series).toBe('INV');
  });
});

describe('invoice numbers', () => {
  it('are series, year and six digits', () => {
    expect(formatInvoiceNumber('INV', 2026, 1)).toBe('INV-2026-000001');
    expect(formatInvoiceNumber('CN', 2026, 123_456)).toBe('CN-2026-123456');
    expect(() => formatInvoiceNumber('INV', 2026, 0)).toThrow(RangeError);
    expect(() => formatInvoiceNumber('INV', 2026, 1_000_000)).toThrow(RangeError);
  });
});
