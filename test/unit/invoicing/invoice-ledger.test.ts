import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccountBalance,
  applyLedgerChange,
  CurrencyMismatch,
  issueWithCredit,
  ledgerChangeOf,
  openAmountAtIssue,
} from '../../../functions/invoicing/invoice-ledger';
import type { Invoice } from '../../../functions/invoicing/rules/invoice';

type Document = Pick<Invoice, 'series' | 'totals' | 'currency'>;

const money = (amountMinor: number, currency = 'EUR') => ({ amountMinor, currency });
const document = (series: Invoice['series'], total: number, currency = 'EUR'): Document => ({
  series,
  currency,
  totals: {
    gross: money(total, currency),
    discount: money(0, currency),
    net: money(total, currency),
    tax: money(0, currency),
    total: money(total, currency),
  },
});

describe('account ledger', () => {
  it('opens with the first invoice: its total is owed, nothing is credit', () => {
    const balance = applyLedgerChange('ACC-1', undefined, ledgerChangeOf(document('INV', 17_485)));
    expect(balance).toEqual({
      accountId: 'ACC-1',
      currency: 'EUR',
      balanceMinor: 17_485,
      creditMinor: 0,
      version: 1,
    });
  });

  it('adds invoices and takes credit notes off', () => {
    let balance: AccountBalance | undefined;
    for (const doc of [document('INV', 10_000), document('INV', 2_550), document('CN', 550)]) {
      balance = applyLedgerChange('ACC-1', balance, ledgerChangeOf(doc));
    }
    expect(balance?.balanceMinor).toBe(12_000);
    expect(balance?.version).toBe(3);
  });

  it('refuses a document in another currency than the account’s', () => {
    const euro = applyLedgerChange('ACC-1', undefined, ledgerChangeOf(document('INV', 100)));
    expect(() =>
      applyLedgerChange('ACC-1', euro, ledgerChangeOf(document('INV', 100, 'USD'))),
    ).toThrow(CurrencyMismatch);
  });

  it('leaves an invoice open for its total and a credit note open for nothing', () => {
    expect(openAmountAtIssue(document('INV', 17_485))).toBe(17_485);
    expect(openAmountAtIssue(document('CN', 500))).toBe(0);
    expect(openAmountAtIssue(document('INV', 0))).toBe(0);
  });

  it('always equals invoices minus credit notes, in any order', () => {
    const documents = fc.array(
      fc.record({
        series: fc.constantFrom<Invoice['series']>('INV', 'CN'),
        total: fc.integer({ min: 0, max: 10_000_000 }),
      }),
      { maxLength: 50 },
    );
    fc.assert(
      fc.property(documents, (docs) => {
        let balance: AccountBalance | undefined;
        for (const d of docs) {
          balance = applyLedgerChange(
            'ACC-1',
            balance,
            ledgerChangeOf(document(d.series, d.total)),
          );
        }
        const expected = docs.reduce(
          (sum, d) => sum + (d.series === 'INV' ? d.total : -d.total),
          0,
        );
        expect(balance?.balanceMinor ?? 0).toBe(expected);
        expect(balance?.version ?? 0).toBe(docs.length);
      }),
    );
  });

  it('spends the account’s credit on a new invoice, as far as it goes', () => {
    const held = { currency: 'EUR', creditMinor: 3_000 };
    expect(issueWithCredit(document('INV', 10_000), held)).toEqual({
      openMinor: 7_000,
      creditAppliedMinor: 3_000,
      change: { currency: 'EUR', balanceMinor: 7_000, creditMinor: -3_000 },
    });
    // More credit than the invoice: paid in full, the rest waits for the next one.
    expect(issueWithCredit(document('INV', 2_000), held)).toMatchObject({
      openMinor: 0,
      creditAppliedMinor: 2_000,
      change: { balanceMinor: 0, creditMinor: -2_000 },
    });
  });

  it('spends no credit on a credit note, in another currency, or without credit', () => {
    const held = { currency: 'EUR', creditMinor: 3_000 };
    expect(issueWithCredit(document('CN', 1_000), held).creditAppliedMinor).toBe(0);
    expect(issueWithCredit(document('INV', 1_000, 'USD'), held).creditAppliedMinor).toBe(0);
    expect(issueWithCredit(document('INV', 1_000), undefined)).toEqual({
      openMinor: 1_000,
      creditAppliedMinor: 0,
      change: { currency: 'EUR', balanceMinor: 1_000, creditMinor: 0 },
    });
  });

  it('keeps what is owed plus the credit spent equal to the invoice (property)', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (total, credit) => {
        const issued = issueWithCredit(document('INV', total), {
          currency: 'EUR',
          creditMinor: credit,
        });
        expect(issued.openMinor + issued.creditAppliedMinor).toBe(total);
        expect(issued.change.balanceMinor).toBe(issued.openMinor);
        expect(-issued.change.creditMinor).toBeLessThanOrEqual(credit);
      }),
    );
  });
});
