import { describe, expect, it } from 'vitest';
import {
  dunningPlaceOnReopen,
  planReversal,
  type ReversedInvoice,
} from '../../../functions/payments/rules/payment-reversal';

/** Which invoices a reversed payment opens again, and what comes off the account's credit. */

const invoice = (number: string, over: Partial<ReversedInvoice> = {}): ReversedInvoice => ({
  number,
  dueDate: '2026-03-01',
  totalMinor: 10_000,
  creditedMinor: 0,
  openMinor: 0,
  creditAppliedMinor: 0,
  creditReversedMinor: 0,
  ladderStepsDone: [],
  listedForDunning: false,
  ...over,
});

const ladder = [
  { daysPastDue: 7, actions: ['friendly-reminder-email'] },
  { daysPastDue: 14, actions: ['second-notice-email'] },
  { daysPastDue: 30, actions: ['final-notice-email'] },
] as never;

describe('a payment reversed', () => {
  it('opens each invoice it paid again by what it paid, and takes its credit back', () => {
    const payment = {
      amountMinor: 13_000,
      allocations: [
        { invoiceNumber: 'INV-1', amountMinor: 10_000 },
        { invoiceNumber: 'INV-2', amountMinor: 2_000 },
      ],
      creditMinor: 1_000,
    };
    const plan = planReversal(
      payment,
      [invoice('INV-1'), invoice('INV-2', { openMinor: 8_000 })],
      1_000,
      [],
    );
    expect(plan).toEqual({
      kind: 'plan',
      reopen: [
        { invoiceNumber: 'INV-1', openBefore: 0, openAfter: 10_000, fromCredit: false },
        { invoiceNumber: 'INV-2', openBefore: 8_000, openAfter: 10_000, fromCredit: false },
      ],
      creditTakenMinor: 1_000,
    });
  });

  it('takes a credit note issued since off what opens again: that part had become credit', () => {
    // Paid 10,000; then credited 4,000 (which became credit, the invoice being paid).
    const plan = planReversal(
      {
        amountMinor: 10_000,
        allocations: [{ invoiceNumber: 'INV-1', amountMinor: 10_000 }],
        creditMinor: 0,
      },
      [invoice('INV-1', { creditedMinor: 4_000 })],
      4_000,
      [],
    );
    expect(plan).toMatchObject({
      reopen: [{ invoiceNumber: 'INV-1', openBefore: 0, openAfter: 6_000 }],
      creditTakenMinor: 4_000,
    });
  });

  it('opens the invoices its credit paid since, newest first, when the credit is spent', () => {
    const payment = { amountMinor: 5_000, allocations: [], creditMinor: 5_000 };
    const newer = invoice('INV-3', { creditAppliedMinor: 3_000, openMinor: 7_000 });
    // Half of its credit was taken back by an earlier reversal already.
    const older = invoice('INV-2', {
      creditAppliedMinor: 3_000,
      creditReversedMinor: 1_500,
      openMinor: 1_500,
    });
    expect(planReversal(payment, [], 0, [])).toMatchObject({ kind: 'cannot' });
    expect(planReversal(payment, [], 500, [newer, older])).toEqual({
      kind: 'plan',
      reopen: [
        {
          invoiceNumber: 'INV-3',
          openBefore: 7_000,
          openAfter: 10_000,
          creditReversedAfter: 3_000,
          fromCredit: true,
        },
        {
          invoiceNumber: 'INV-2',
          openBefore: 1_500,
          openAfter: 3_000,
          creditReversedAfter: 3_000,
          fromCredit: true,
        },
      ],
      creditTakenMinor: 500,
    });
  });

  it('keeps the ledger whole: what opens again plus the credit taken is the payment', () => {
    for (const [paid, credited, held] of [
      [10_000, 0, 0],
      [10_000, 2_500, 2_500],
      [7_000, 7_000, 9_000],
    ] as const) {
      const plan = planReversal(
        {
          amountMinor: paid + 2_000,
          allocations: [{ invoiceNumber: 'INV-1', amountMinor: paid }],
          creditMinor: 2_000,
        },
        [
          invoice('INV-1', {
            creditedMinor: credited,
            totalMinor: 10_000,
            openMinor: 10_000 - paid - credited < 0 ? 0 : 10_000 - paid - credited,
          }),
        ],
        held + 2_000,
        [],
      );
      if (plan.kind !== 'plan') throw new Error('expected a plan');
      const reopened = plan.reopen.reduce((s, r) => s + r.openAfter - r.openBefore, 0);
      expect(reopened + plan.creditTakenMinor).toBe(paid + 2_000);
    }
  });

  it('puts an invoice open again back on the ladder’s list where its ladder says', () => {
    expect(dunningPlaceOnReopen(invoice('INV-1'), ladder)).toEqual({
      list: 'first-step',
      date: '2026-03-01',
    });
    expect(dunningPlaceOnReopen(invoice('INV-1', { ladderStepsDone: [7] }), ladder)).toEqual({
      list: 'next-step',
      date: '2026-03-15',
    });
    expect(dunningPlaceOnReopen(invoice('INV-1', { ladderStepsDone: [7, 14, 30] }), ladder)).toBe(
      'none',
    );
    expect(dunningPlaceOnReopen(invoice('INV-1', { listedForDunning: true }), ladder)).toBe(
      'stays',
    );
  });
});
