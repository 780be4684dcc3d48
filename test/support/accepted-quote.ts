import type { AcceptedQuote } from '../../functions/contracts/rules/contract';
import { priceQuote } from '../../functions/quotes/rules/quote';
import { defaultBusinessRules } from '../../functions/staff/settings/business-rules';

/** When the unit tests' quote was priced and accepted. */
export const asOf = new Date('2026-03-10T10:00:00Z');

/**
 * An accepted quote for the unit tests of contracts, as the quote workflow leaves it: two lines in
 * euros, a customer whose name and address carry stray spaces the draft must trim.
 */
export function quote(overrides: Partial<AcceptedQuote> = {}): AcceptedQuote {
  return {
    quoteId: 'Q1',
    leadId: '01JLEAD0000000000000000000',
    status: 'accepted',
    quote: priceQuote(
      {
        currency: 'EUR',
        lines: [
          {
            service: 'Cleaning',
            quantity: 3,
            unitPriceMinor: 1999,
            discountPercent: 12.5,
            taxRatePercent: 24,
          },
          {
            service: 'Windows',
            quantity: '1.5',
            unitPriceMinor: 4000,
            discountPercent: 0,
            taxRatePercent: 13,
          },
        ],
        overallDiscountPercent: 3,
        paymentTermsDays: 14,
      },
      defaultBusinessRules,
      asOf,
      'Europe/Athens',
    ),
    customer: {
      legalName: ' Acme Trading S.A. ',
      contactName: 'Dana',
      email: 'dana@example.org',
      addressLines: ['1 Road', ' ', 'Athens'],
      country: 'GR',
      language: 'el',
    },
    service: { name: 'Cleaning', needsOperatingPermit: false },
    billingPlan: 'monthly',
    startDate: '2026-04-01',
    termMonths: 12,
    renewal: 'auto',
    agentId: 'agent-1',
    team: 'north',
    prepaid: false,
    ...overrides,
  };
}
