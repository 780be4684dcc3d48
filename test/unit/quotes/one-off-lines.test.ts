import { describe, expect, it } from 'vitest';
import {
  contractBilling,
  draftContractFromQuote,
} from '../../../functions/contracts/rules/contract';
import { parseBillingPayload } from '../../../functions/invoicing/invoice-billing-input';
import {
  billingForPeriod,
  type ContractBilling,
  firstInvoice,
  invoiceDraft,
} from '../../../functions/invoicing/rules/invoice';
import { renderQuoteEmail } from '../../../functions/quotes/mail/quote-email';
import { readQuoteForm } from '../../../functions/quotes/quote-form';
import { priceQuote, recurringTotals } from '../../../functions/quotes/rules/quote';
import { InvalidPayload, ValidationError } from '../../../functions/shared/errors';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';

/**
 * One-off lines on a recurring contract (a setup fee billed once, not every month): chosen per
 * line on the quote, kept by the contract, billed on the first invoice only.
 */

const membership = {
  service: 'Membership',
  quantity: 1,
  unitPriceMinor: 10_000,
  discountPercent: 0,
  taxRatePercent: 24,
};
const setup = { ...membership, service: 'Setup', unitPriceMinor: 5_000, oneOff: true };

const billing = (lines: ContractBilling['lines'], plan: ContractBilling['billingPlan']) =>
  ({
    contractId: 'CON-1',
    accountId: 'ACC-1',
    customer: { name: 'Harbour Ltd', addressLines: ['1 Road'], email: 'a@example.org' },
    language: 'en',
    currency: 'EUR',
    lines,
    billingPlan: plan,
    paymentTerms: { kind: 'prepaid' },
    startDate: '2026-04-01',
    endDate: '2027-03-31',
  }) satisfies ContractBilling;

describe('a one-off line', () => {
  it('is billed on the first invoice, with the first period', () => {
    const plan = firstInvoice(
      billing([membership, setup], 'monthly'),
      new Date('2026-03-20T10:00:00Z'),
      'Europe/Athens',
    );
    expect(plan.draft.lines.map((l) => l.service)).toEqual(['Membership', 'Setup']);
    expect(plan.draft.totals.total.amountMinor).toBe(18_600);
  });

  it('is left off every later period and every renewed term', () => {
    const later = billingForPeriod(billing([membership, setup], 'monthly'), false);
    const draft = invoiceDraft(later, { start: '2026-05-01', end: '2026-05-31' });
    expect(draft.lines.map((l) => l.service)).toEqual(['Membership']);
    expect(draft.totals.total.amountMinor).toBe(12_400);
    expect(billingForPeriod(billing([membership, setup], 'monthly'), true).lines).toHaveLength(2);
  });

  it('on a one-off plan changes nothing: every line is billed once anyway', () => {
    const once = billing([membership, setup], 'one-off');
    expect(billingForPeriod(once, false)).toBe(once);
  });

  it('reads as recurring when stored before the choice existed', () => {
    const stored = { ...membership };
    expect(billingForPeriod(billing([stored], 'annual'), false).lines).toEqual([stored]);
  });

  it('is kept from the quote to the contract and the billing, and the later total is said', () => {
    const asOf = new Date('2026-03-10T10:00:00Z');
    const quote = priceQuote(
      { currency: 'EUR', lines: [membership, setup] },
      defaultBusinessRules,
      asOf,
      'Europe/Athens',
    );
    expect(quote.lines.map((l) => l.oneOff)).toEqual([undefined, true]);
    expect(recurringTotals(quote.lines, 'EUR')?.total.amountMinor).toBe(12_400);
    expect(recurringTotals([quote.lines[0]] as never, 'EUR')).toBeUndefined();
    const contract = draftContractFromQuote(
      {
        quoteId: 'Q1',
        leadId: 'L1',
        status: 'accepted',
        quote,
        customer: {
          legalName: 'Harbour Ltd',
          contactName: 'Dana',
          email: 'dana@example.org',
          addressLines: ['1 Road'],
          country: 'GR',
          language: 'en',
        },
        service: { name: 'Membership', needsOperatingPermit: false },
        billingPlan: 'monthly',
        startDate: '2026-04-01',
        termMonths: 12,
        renewal: 'manual',
        agentId: 'a',
        team: 'north',
        prepaid: true,
      },
      'CON-1',
      asOf,
    );
    const toBill = contractBilling(contract, 'ACC-1');
    expect(toBill.lines.map((l) => l.oneOff)).toEqual([undefined, true]);
    // The workflow hands the billing to `issue-first-invoice`, whose payload check keeps it.
    expect(parseBillingPayload({ billing: toBill }).lines[1]?.oneOff).toBe(true);

    const email = renderQuoteEmail(
      {
        quoteId: 'Q1',
        quote,
        customer: contract.customer,
        billingPlan: 'monthly',
        prepaid: true,
        startDate: '2026-04-01',
        termMonths: 12,
      },
      'https://desk.example/q',
    );
    expect(email.text).toContain('- Setup (one-off): 1 × €50.00');
    expect(email.text).toContain('after that €124.00 a month');
    expect(email.html).toContain('<td>Setup (one-off)</td>');
  });

  it('cannot be the only kind of line of a recurring plan', () => {
    expect(() => parseBillingPayload({ billing: billing([setup], 'monthly') })).toThrowError(
      InvalidPayload,
    );
    expect(parseBillingPayload({ billing: billing([setup], 'one-off') }).lines).toHaveLength(1);
  });
});

describe('the New quote form', () => {
  const form: Record<string, string> = {
    currency: 'EUR',
    service1: 'Membership',
    quantity1: '1',
    unitPrice1: '100.00',
    taxRate1: '24',
    service2: 'Setup',
    quantity2: '1',
    unitPrice2: '50.00',
    taxRate2: '24',
    billing2: 'one-off',
    paymentTerms: 'prepaid',
    billingPlan: 'monthly',
    startDate: '2026-12-01',
    termMonths: '12',
    renewal: 'manual',
    serviceKind: 'membership',
    serviceName: 'Membership',
    needsOperatingPermit: 'no',
    legalName: 'Acme GmbH',
    contactName: 'Ada Example',
    email: 'ada@example.org',
    address: 'Main Street 1',
    country: 'DE',
    language: 'de',
  };

  it('marks a line one-off; a line not marked is billed every period', () => {
    const lines = readQuoteForm(form).input.lines;
    expect(lines.map((l) => [l.service, l.oneOff])).toEqual([
      ['Membership', undefined],
      ['Setup', true],
    ]);
  });

  it('on a one-off plan bills every line once: nothing to mark', () => {
    const lines = readQuoteForm({ ...form, billingPlan: 'one-off' }).input.lines;
    expect(lines.every((l) => l.oneOff === undefined)).toBe(true);
  });

  it('refuses a recurring plan whose every line is one-off, naming the line', () => {
    try {
      readQuoteForm({ ...form, billing1: 'one-off' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems).toContainEqual({
        field: 'billing1',
        message: 'A monthly plan needs at least one line billed every period',
      });
    }
  });
});
