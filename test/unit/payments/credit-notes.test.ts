import { describe, expect, it } from 'vitest';
import { type ContractBilling, invoiceDraft } from '../../../functions/invoicing/rules/invoice';
import type { StoredInvoice } from '../../../functions/invoicing/store/invoice-numbers';
import { creditCompanions, creditNoteDraft } from '../../../functions/payments/credit-notes';
import { ValidationError } from '../../../functions/shared/errors';

const billing: ContractBilling = {
  contractId: 'CON-1',
  accountId: 'ACC-1',
  customer: { name: 'Payer GmbH', addressLines: ['1 Hauptstraße'] },
  language: 'de',
  currency: 'EUR',
  lines: [
    {
      service: 'Membership',
      quantity: 1,
      unitPriceMinor: 10_000,
      discountPercent: 0,
      taxRatePercent: 19,
    },
  ],
  billingPlan: 'one-off',
  paymentTerms: { kind: 'net', days: 30 },
  startDate: '2026-01-01',
  endDate: '2026-12-31',
};

const invoice = (openMinor: number, creditedMinor?: number): StoredInvoice =>
  ({
    ...invoiceDraft(billing, undefined),
    number: 'INV-2026-000007',
    year: 2026,
    sequence: 7,
    issuedAt: '2026-01-02T10:00:00.000Z',
    issueDate: '2026-01-02',
    dueDate: '2026-02-01',
    openMinor,
    ...(creditedMinor !== undefined ? { creditedMinor } : {}),
  }) as StoredInvoice;

describe('a credit note', () => {
  it('in full repeats the invoice, in the CN series, naming the invoice and the mistake', () => {
    const draft = creditNoteDraft(invoice(11_900), { kind: 'full', reason: 'Wrong price' });
    expect(draft.series).toBe('CN');
    expect(draft.totals.total.amountMinor).toBe(11_900);
    expect(draft.lines[0]?.service).toBe('Membership');
    expect(draft.credits).toEqual({ invoiceNumber: 'INV-2026-000007', reason: 'Wrong price' });
  });

  it('in part is a net amount at the invoice’s tax rate, rounded half-up', () => {
    const draft = creditNoteDraft(invoice(11_900), {
      kind: 'partial',
      netMinor: 1_005,
      reason: 'x',
    });
    expect(draft.lines).toHaveLength(1);
    expect(draft.totals.tax.amountMinor).toBe(191);
    expect(draft.totals.total.amountMinor).toBe(1_196);
  });

  it('never credits beyond the invoice’s total, counting earlier credit notes', () => {
    expect(() => creditNoteDraft(invoice(0, 10_000), { kind: 'full', reason: 'x' })).toThrow(
      ValidationError,
    );
    expect(() =>
      creditNoteDraft(invoice(0, 10_000), { kind: 'partial', netMinor: 1_600, reason: 'x' }),
    ).toThrow(ValidationError);
    expect(() => creditNoteDraft(invoice(11_900), { kind: 'full', reason: ' ' })).toThrow(
      ValidationError,
    );
    // A net whose tax would not even fit the ledger is refused on the field, not as a crash.
    expect(() =>
      creditNoteDraft(invoice(11_900), {
        kind: 'partial',
        netMinor: Number.MAX_SAFE_INTEGER,
        reason: 'x',
      }),
    ).toThrow("amount: credits more than the invoice's total");
  });

  it('takes what it credits off the unpaid amount; the excess of a paid invoice becomes credit', () => {
    const open = creditCompanions('desk', invoice(5_000), 8_000);
    expect(open.ledger).toEqual({ currency: 'EUR', balanceMinor: -5_000, creditMinor: 3_000 });
    const update = (
      open.items[0] as {
        Update: { UpdateExpression: string; ExpressionAttributeValues: Record<string, unknown> };
      }
    ).Update;
    expect(update.UpdateExpression).toContain('REMOVE openPk, openSk, dunningPk, dunningSk');
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':after': 0,
      ':before': 5_000,
      ':credited': 8_000,
    });
    const unpaid = creditCompanions('desk', invoice(11_900), 1_190);
    expect(unpaid.ledger).toEqual({ currency: 'EUR', balanceMinor: -1_190, creditMinor: 0 });
  });
});
