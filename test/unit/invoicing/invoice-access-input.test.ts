import { describe, expect, it } from 'vitest';
import { mayReadInvoice } from '../../../functions/invoicing/invoice-access';
import { parseBillingPayload } from '../../../functions/invoicing/invoice-billing-input';
import { InvalidPayload } from '../../../functions/shared/errors';
import type { StaffPrincipal } from '../../../functions/shared/staff-member';
import type { StaffRole } from '../../../infra/declare';

const billing = {
  contractId: 'CON-1',
  accountId: 'ACC-1',
  customer: {
    name: 'Harbour Logistics Ltd',
    addressLines: ['1 Main Street'],
    email: 'ap@h.example',
  },
  language: 'de',
  currency: 'EUR',
  lines: [
    {
      service: 'Membership',
      quantity: '1.5',
      unitPriceMinor: 10_000,
      discountPercent: 0,
      taxRatePercent: 19,
    },
  ],
  billingPlan: 'quarterly',
  paymentTerms: { kind: 'net', days: 30 },
  startDate: '2026-03-15',
  endDate: '2027-03-14',
};

const who = (role: StaffRole, team: string, staffId: string): StaffPrincipal => ({
  role,
  team,
  staffId,
  name: staffId,
  email: `${staffId}@desk.local`,
});

describe('who may read an invoice', () => {
  const account = { ownerId: 'alex', team: 'north' };
  it.each([
    ['finance', 'finance', 'x', true],
    ['manager', 'management', 'x', true],
    ['supervisor', 'north', 'sam', true],
    ['supervisor', 'south', 'sue', false],
    ['agent', 'north', 'alex', true],
    ['agent', 'north', 'nora', false],
  ] as const)('%s of team %s (%s): %s', (role, team, staffId, allowed) => {
    expect(mayReadInvoice(who(role, team, staffId), account)).toBe(allowed);
  });

  it('keeps an invoice without an account profile for finance and managers', () => {
    expect(mayReadInvoice(who('finance', 'f', 'f'), undefined)).toBe(true);
    expect(mayReadInvoice(who('agent', 'north', 'alex'), undefined)).toBe(false);
    expect(mayReadInvoice(who('supervisor', 'north', 's'), undefined)).toBe(false);
  });
});

describe('the issue-first-invoice payload', () => {
  it('takes a contract’s billing as the workflow sends it', () => {
    expect(parseBillingPayload({ billing })).toEqual(billing);
    const discounted = { ...billing, overallDiscountPercent: '5' };
    expect(parseBillingPayload({ billing: discounted })).toEqual(discounted);
  });

  it.each([
    [{}, 'billing'],
    [{ billing: { ...billing, currency: 'euro' } }, 'billing.currency'],
    [{ billing: { ...billing, language: 'fr' } }, 'billing.language'],
    [{ billing: { ...billing, lines: [] } }, 'billing.lines'],
    [
      { billing: { ...billing, lines: [{ ...billing.lines[0], unitPriceMinor: 1.5 }] } },
      'billing.lines.0.unitPriceMinor',
    ],
    [{ billing: { ...billing, paymentTerms: { kind: 'net' } } }, 'billing.paymentTerms'],
    [{ billing: { ...billing, endDate: '2026-03-01' } }, 'billing.endDate'],
    [{ billing: { ...billing, startDate: '15.03.2026' } }, 'billing.startDate'],
    [{ billing: { ...billing, overallDiscountPercent: 'ten' } }, 'billing.overallDiscountPercent'],
    [{ billing: { ...billing, surcharge: 5 } }, 'surcharge'],
    [
      { billing: { ...billing, customer: { ...billing.customer, email: 'nobody' } } },
      'billing.customer.email',
    ],
  ])('refuses %j, naming %s', (payload, field) => {
    expect(() => parseBillingPayload(payload)).toThrow(InvalidPayload);
    expect(() => parseBillingPayload(payload)).toThrow(field);
  });
});
