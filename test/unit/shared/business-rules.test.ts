import { describe, expect, it } from 'vitest';
import { Conflict, ValidationError } from '../../../functions/shared/errors';
import {
  type BusinessRules,
  businessRulesSchema,
  defaultBusinessRules,
} from '../../../functions/staff/settings/business-rules';
import { loadBusinessRules, saveBusinessRules } from '../../../functions/staff/settings/settings';
import { memorySettings } from '../../support/memory-stores';

describe('business rule defaults', () => {
  it('are the numbers of DOMAIN.md', () => {
    const r = defaultBusinessRules;
    // Leads: first contact within 7 days, reminder on day 5.
    expect(r.leads).toEqual({ firstContactReminderDay: 5, firstContactEscalationDay: 7 });
    // Quotes: valid 30 days; discount over 15 % or terms over 30 days need approval.
    expect(r.quotes).toEqual({
      validityDays: 30,
      discountApprovalAbovePercent: 15,
      paymentTermsApprovalAboveDays: 30,
    });
    expect(r.approvals.escalationBusinessDays).toBe(3);
    // Invoices: net 30; usage billed by the 13th.
    expect(r.invoices).toEqual({ defaultPaymentTermsDays: 30, usageBillingByDayOfMonth: 13 });
    // The dunning ladder.
    expect(r.dunning.ladder).toEqual([
      { daysPastDue: 3, actions: ['friendly-reminder-email'] },
      { daysPastDue: 14, actions: ['second-notice-email', 'agent-call-task'] },
      {
        daysPastDue: 30,
        actions: ['final-notice-email', 'notify-supervisor', 'flag-service-for-suspension'],
      },
      { daysPastDue: 45, actions: ['suspend-service', 'hand-to-collections', 'notify-manager'] },
    ]);
    // Renewals.
    expect(r.renewals).toEqual({
      membershipReminderDaysBeforeEnd: [30, 7],
      advertisingReminderDaysBeforeEnd: [15, 3],
      autoRenewNoticeDaysBeforeEnd: 30,
      agentNoticeDaysBeforeEnd: 30,
    });
    // Statements on the 1st; ageing current, 1-30, 31-60, 61-90, over 90.
    expect(r.statements).toEqual({ dayOfMonth: 1, ageingBucketUpperBoundsDays: [0, 30, 60, 90] });
    expect(r.workOrders.deadlines).toEqual({
      urgent: { hours: 4 },
      high: { businessDays: 1 },
      normal: { businessDays: 3 },
    });
    expect(r.keepingInTouch.noContactListAfterDays).toBe(30);
    expect(r.reports).toEqual({ monthlyReportByDayOfMonth: 3, contractsTargetPerAgentPerMonth: 4 });
    expect(r.outbox.retryGraceMinutes).toBeGreaterThan(0);
    expect(r.publicForms.rateLimitPerAddressPerHour).toBeGreaterThan(0);
    // At most 3 lead acknowledgements per address a day (clarification #7).
    expect(r.publicForms.acknowledgementsPerAddressPerDay).toBe(3);
  });

  it('pass their own schema', () => {
    expect(businessRulesSchema.parse(defaultBusinessRules)).toEqual(defaultBusinessRules);
  });

  it('cannot be changed into nonsense', () => {
    const broken = (change: (r: BusinessRules) => void) => {
      const copy = structuredClone(defaultBusinessRules);
      change(copy);
      return businessRulesSchema.safeParse(copy).success;
    };
    expect(broken((r) => (r.quotes.validityDays = 0))).toBe(false);
    expect(broken((r) => (r.quotes.discountApprovalAbovePercent = 120))).toBe(false);
    expect(broken((r) => r.dunning.ladder.reverse())).toBe(false);
    expect(broken((r) => (r.renewals.membershipReminderDaysBeforeEnd = [7, 30]))).toBe(false);
    expect(broken((r) => (r.statements.dayOfMonth = 31))).toBe(false);
  });
});

describe('loading and saving the business rules', () => {
  const now = new Date('2026-03-14T09:00:00Z');

  it('seeds the defaults as version 1 on the first read', async () => {
    const store = memorySettings();
    expect(await loadBusinessRules(store)).toEqual({ rules: defaultBusinessRules, version: 1 });
    expect(store.item?.version).toBe(1);
  });

  it('keeps what was saved, with the next version', async () => {
    const store = memorySettings();
    const { rules, version } = await loadBusinessRules(store);
    const next = structuredClone(rules);
    next.quotes.validityDays = 45;
    await saveBusinessRules(store, next, version, now);
    expect(await loadBusinessRules(store)).toMatchObject({
      rules: { quotes: { validityDays: 45 } },
      version: 2,
    });
  });

  it('refuses a save based on an old version, changing nothing', async () => {
    const store = memorySettings();
    const first = await loadBusinessRules(store);
    await saveBusinessRules(store, first.rules, first.version, now);
    const stale = structuredClone(first.rules);
    stale.quotes.validityDays = 10;
    await expect(saveBusinessRules(store, stale, first.version, now)).rejects.toBeInstanceOf(
      Conflict,
    );
    expect((await loadBusinessRules(store)).rules.quotes.validityDays).toBe(30);
  });

  it('refuses invalid rules, naming the setting', async () => {
    const store = memorySettings();
    const { rules, version } = await loadBusinessRules(store);
    const bad = { ...rules, invoices: { ...rules.invoices, defaultPaymentTermsDays: -1 } };
    const error = await saveBusinessRules(store, bad, version, now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]?.field).toBe('invoices.defaultPaymentTermsDays');
  });

  it('fails loudly on a broken stored item instead of using defaults', async () => {
    const store = memorySettings();
    store.item = { rules: { leads: 'nonsense' }, version: 7 };
    await expect(loadBusinessRules(store)).rejects.toThrow(/version 7.*invalid/);
  });
});
