import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocatePayment,
  type OpenInvoice,
} from '../../../functions/payments/rules/payment-allocation';
import { money } from '../../../functions/shared/rules/money';

const eur = (minor: number) => money(minor, 'EUR');
const open: OpenInvoice[] = [
  { number: 'INV-2026-000003', dueDate: '2026-03-01', openAmount: eur(3_000) },
  { number: 'INV-2026-000002', dueDate: '2026-02-01', openAmount: eur(2_000) },
  { number: 'INV-2026-000001', dueDate: '2026-02-01', openAmount: eur(1_000) },
];
const summary = (r: ReturnType<typeof allocatePayment>) => ({
  to: r.allocations.map((a) => [a.invoiceNumber, a.amount.amountMinor]),
  credit: r.credit.amountMinor,
});

describe('payment allocation', () => {
  it('pays the oldest open invoices first: by due date, then number', () => {
    expect(summary(allocatePayment(eur(2_500), open))).toEqual({
      to: [
        ['INV-2026-000001', 1_000],
        ['INV-2026-000002', 1_500],
      ],
      credit: 0,
    });
  });

  it('pays the named invoice first, the rest oldest-first, and keeps the over-payment as credit', () => {
    expect(summary(allocatePayment(eur(7_000), open, 'INV-2026-000003'))).toEqual({
      to: [
        ['INV-2026-000003', 3_000],
        ['INV-2026-000001', 1_000],
        ['INV-2026-000002', 2_000],
      ],
      credit: 1_000,
    });
  });

  it('refuses a named invoice that is not open, a payment of nothing and another currency', () => {
    expect(() => allocatePayment(eur(100), open, 'INV-2026-000009')).toThrow(/INV-2026-000009/);
    expect(() => allocatePayment(eur(0), open)).toThrow(/amount/);
    expect(() => allocatePayment(money(100, 'USD'), open)).toThrow(/currency/);
  });

  it('a payment with nothing open is all credit', () => {
    expect(summary(allocatePayment(eur(999), []))).toEqual({ to: [], credit: 999 });
  });

  it('property: allocations + credit = payment, no invoice over-paid, credit only when all paid', () => {
    const invoice = fc.record({
      number: fc
        .integer({ min: 1, max: 999_999 })
        .map((n) => `INV-2026-${String(n).padStart(6, '0')}`),
      dueDate: fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`),
      openAmount: fc.integer({ min: 0, max: 1_000_000 }).map(eur),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(invoice, { selector: (i) => i.number, maxLength: 8 }),
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.boolean(),
        (invoices, paid, name) => {
          const named = name ? invoices.find((i) => i.openAmount.amountMinor > 0) : undefined;
          const r = allocatePayment(eur(paid), invoices, named?.number);
          const allocated = r.allocations.reduce((t, a) => t + a.amount.amountMinor, 0);
          expect(allocated + r.credit.amountMinor).toBe(paid);
          for (const a of r.allocations) {
            const inv = invoices.find((i) => i.number === a.invoiceNumber);
            expect(a.amount.amountMinor).toBeGreaterThan(0);
            expect(a.amount.amountMinor).toBeLessThanOrEqual(inv?.openAmount.amountMinor ?? 0);
          }
          const owed = invoices.reduce((t, i) => t + i.openAmount.amountMinor, 0);
          expect(r.credit.amountMinor).toBe(Math.max(0, paid - owed));
          if (named) expect(r.allocations[0]?.invoiceNumber).toBe(named.number);
        },
      ),
    );
  });
});
