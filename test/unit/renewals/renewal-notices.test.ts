import { describe, expect, it } from 'vitest';
import {
  currentTermOf,
  endDateWindow,
  renewalTypeOf,
  renewingContract,
} from '../../../functions/contracts/rules/contract-terms';
import {
  type CustomerRenewalNotice,
  renderAgentRenewal,
  renderCustomerRenewal,
} from '../../../functions/renewals/mail/renewal-notices';
import {
  type RenewPageOutcome,
  renewPageText,
} from '../../../functions/renewals/mail/renewal-text';
import { renewOutcomePage, renewPage } from '../../../functions/renewals/pages/renewal-pages';
import { readRenewChoice } from '../../../functions/renewals/renewal-answers';
import { locales } from '../../../functions/shared/locales';
import { monthsFrom } from '../../../functions/shared/rules/job-dates';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';

const rules = defaultBusinessRules.renewals;
const notices: CustomerRenewalNotice[] = ['reminder', 'notice', 'lapsed', 'renewed', 'confirmed'];
const customer = (language: (typeof locales)[number]) => ({
  legalName: 'Acme <Harbour> Ltd',
  contactName: 'Dana',
  email: 'dana@example.org',
  addressLines: ['1 Quay'],
  country: 'GR',
  language,
});
const contract = (language: (typeof locales)[number]) => ({
  contractId: 'CON-1',
  customer: customer(language),
  service: { name: 'Listing', needsOperatingPermit: false },
});
const newTerm = { startDate: '2038-03-01', endDate: '2039-02-28' };

describe('renewal emails', () => {
  it.each(locales)('renders every notice in %s, every placeholder filled', (locale) => {
    for (const notice of notices) {
      const email = renderCustomerRenewal(notice, {
        contract: contract(locale),
        endDate: '2038-02-28',
        newTerm,
        daysBeforeEnd: 7,
        link: 'https://desk.example/renewals/v1.abc.def',
        company: 'Desk & Co',
      });
      expect(email.subjectLine.length).toBeGreaterThan(5);
      expect(email.text).not.toContain('{{');
      expect(email.text).toContain('Listing');
      expect(email.html).toContain(`lang="${locale}"`);
      expect(email.html).toContain('Desk &amp; Co');
      if (notice === 'reminder') {
        expect(email.text).toContain('https://desk.example/renewals/v1.abc.def');
        expect(email.text).toContain('7');
      }
    }
  });

  it('fails loudly rather than send a reminder without its link', () => {
    expect(() =>
      renderCustomerRenewal('reminder', {
        contract: contract('en'),
        endDate: '2038-02-28',
        daysBeforeEnd: 7,
        company: 'Desk',
      }),
    ).toThrow(/link/);
  });

  it('tells the agent in English, escaping the customer’s name in HTML', () => {
    const email = renderAgentRenewal('ending', {
      contract: { ...contract('ko'), renewal: 'manual' },
      endDate: '2038-02-28',
      daysBeforeEnd: 30,
      agentName: 'Alex',
      autoRenewing: false,
    });
    expect(email.subjectLine).toBe('Contract ending in 30 days: Acme <Harbour> Ltd on 2038-02-28');
    expect(email.html).toContain('Acme &lt;Harbour&gt; Ltd');
    expect(email.text).toContain('renew link');
  });
});

describe('renew link pages', () => {
  it.each(locales)('shows the page and every outcome in %s', (locale) => {
    const shown = renewPage(
      {
        contractId: 'CON-1',
        service: { name: 'Listing', needsOperatingPermit: false },
        totals: { total: { amountMinor: 12_400, currency: 'EUR' } } as never,
      },
      { startDate: '2037-03-01', endDate: '2038-02-28' },
      newTerm,
      locale,
      '/renewals/t',
    );
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain('name="choice" value="renew"');
    expect(shown.body).toContain('name="choice" value="new-quote"');
    expect(shown.body).not.toContain('{{');
    for (const outcome of Object.keys(renewPageText[locale].outcomes) as RenewPageOutcome[]) {
      const answer = renewOutcomePage(outcome, locale, newTerm);
      expect(answer.body).toContain(renewPageText[locale].outcomes[outcome].title);
      expect(answer.body).not.toContain('{{');
    }
  });

  it('reads the choice, naming the field when it is missing or wrong', () => {
    expect(readRenewChoice({ choice: 'renew' })).toBe('renew');
    expect(readRenewChoice({ choice: 'new-quote' })).toBe('new-quote');
    expect(() => readRenewChoice({ choice: 'maybe' })).toThrow(/^choice: /);
    expect(() => readRenewChoice({})).toThrow(/^choice: /);
  });
});

describe('a contract’s renewal type and term', () => {
  it('is auto-renewing when the quote said so, else by service kind (membership by default)', () => {
    expect(renewalTypeOf({ renewal: 'auto', serviceKind: 'advertising' })).toBe('auto-renewing');
    expect(renewalTypeOf({ renewal: 'manual', serviceKind: 'placement' })).toBe('placement');
    expect(renewalTypeOf({ renewal: 'manual' })).toBe('membership');
  });

  it('serves the renewed term once there is one', () => {
    const first = { startDate: '2037-03-01', endDate: '2038-02-28' };
    expect(currentTermOf(first)).toEqual(first);
    expect(currentTermOf({ ...first, currentTerm: newTerm })).toEqual(newTerm);
  });

  it('counts a booked renewal as renewed by the customer', () => {
    const base = {
      renewal: 'manual' as const,
      startDate: '2037-03-01',
      endDate: '2038-02-28',
      renewalState: {
        actionsDone: ['customer-reminder-30'],
        renewedByCustomer: { ...newTerm, at: 'x' },
      },
    };
    expect(renewingContract(base as never)).toMatchObject({
      renewalType: 'membership',
      renewedByCustomer: true,
      actionsDone: ['customer-reminder-30'],
    });
  });
});

describe('the end-date window of a run', () => {
  it('reads 30 days ahead (the widest notice) and 62 back (catch-up), by month', () => {
    expect(endDateWindow('2037-03-01', rules)).toEqual({ from: '2036-12-29', to: '2037-03-31' });
  });

  it('crosses a leap February and a year end, month by month', () => {
    const window = endDateWindow('2036-02-01', rules);
    expect(window.to).toBe('2036-03-02');
    expect(monthsFrom(window.from, window.to)).toEqual([
      '2035-12',
      '2036-01',
      '2036-02',
      '2036-03',
    ]);
  });

  it('follows wider reminder settings', () => {
    const wide = { ...rules, membershipReminderDaysBeforeEnd: [60, 7] };
    expect(endDateWindow('2037-03-01', wide).to).toBe('2037-04-30');
  });
});
