import { describe, expect, it } from 'vitest';
import { contractPage } from '../../../functions/contracts/pages/contract-pages';
import {
  type AcceptedQuote,
  draftContractFromQuote,
} from '../../../functions/contracts/rules/contract';
import { quoteFormPage } from '../../../functions/quotes/pages/quote-form-page';
import { priceQuote } from '../../../functions/quotes/rules/quote';
import type { Frame } from '../../../functions/shared/office/layout';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';

/** The contract's renewal type in the back office: asked on the quote form, shown on the contract. */

const asOf = new Date('2026-03-10T10:00:00Z');
const frame: Frame = {
  principal: {
    staffId: 'manager-1',
    name: 'Pat',
    email: 'pat@desk.local',
    role: 'manager',
    team: 'north',
  },
  base: '',
  csrf: 'token-1',
} as Frame;

function accepted(overrides: Partial<AcceptedQuote>): AcceptedQuote {
  return {
    quoteId: 'Q1',
    leadId: 'L1',
    status: 'accepted',
    quote: priceQuote(
      {
        currency: 'EUR',
        lines: [
          {
            service: 'Listing',
            quantity: 1,
            unitPriceMinor: 10_000,
            discountPercent: 0,
            taxRatePercent: 24,
          },
        ],
      },
      defaultBusinessRules,
      asOf,
      'Europe/Athens',
    ),
    customer: {
      legalName: 'Acme',
      contactName: 'Dana',
      email: 'dana@example.org',
      addressLines: ['1 Road'],
      country: 'GR',
      language: 'en',
    },
    service: { name: 'Listing', needsOperatingPermit: false },
    billingPlan: 'annual',
    startDate: '2037-04-01',
    termMonths: 12,
    renewal: 'manual',
    agentId: 'agent-1',
    team: 'north',
    prepaid: false,
    ...overrides,
  };
}

const render = (contract: ReturnType<typeof draftContractFromQuote>) =>
  contractPage({
    frame,
    zone: 'Europe/Athens',
    contract,
    timeline: [],
    mayUpload: false,
    mayResubmit: false,
  });

describe('the renewal type in the back office', () => {
  it('offers the four kinds of service on the quote form, membership first', () => {
    const page = quoteFormPage({
      frame,
      lead: { leadId: 'L1', name: 'Dana' },
      entryKey: 'k',
      values: { serviceKind: 'membership' },
      problems: [],
    });
    expect(page).toContain('name="serviceKind"');
    for (const kind of ['membership', 'network-service', 'advertising', 'placement']) {
      expect(page).toContain(`value="${kind}"`);
    }
  });

  it('shows the renewal type and the current term on the contract page', () => {
    const placement = draftContractFromQuote(accepted({ serviceKind: 'placement' }), 'C1', asOf);
    const page = render(placement);
    expect(page).toContain('Placement (reminders 15 and 3 days before the end');
    expect(page).toContain('2037-04-01 to 2038-03-31');

    const auto = draftContractFromQuote(accepted({ renewal: 'auto' }), 'C2', asOf);
    const renewed = {
      ...auto,
      status: 'active' as const,
      currentTerm: { startDate: '2038-04-01', endDate: '2039-03-31' },
    };
    expect(render(renewed)).toContain('Auto-renewing (notice 30 days before the end');
    expect(render(renewed)).toContain('2038-04-01 to 2039-03-31');

    const lapsed = {
      ...draftContractFromQuote(accepted({}), 'C3', asOf),
      status: 'lapsed' as const,
      renewalState: { actionsDone: ['lapse'], lapsedOn: '2038-03-31' },
    };
    const lapsedPage = render(lapsed);
    expect(lapsedPage).toContain('Membership (reminders 30 and 7 days');
    expect(lapsedPage).toContain('Lapsed');
    expect(lapsedPage).toContain('lapsed on 2038-03-31');
  });
});
