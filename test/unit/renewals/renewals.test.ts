import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nextRenewalActionOn,
  type RenewalAction,
  type RenewingContract,
  renewalActionsDue,
  renewedTerm,
} from '../../../functions/renewals/rules/renewals';
import { addDays, jobCatchUp } from '../../../functions/shared/rules/job-dates';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';

const rules = defaultBusinessRules.renewals;
const contract = (renewalType: RenewingContract['renewalType'], done: string[] = []) => ({
  renewalType,
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  renewedByCustomer: false,
  actionsDone: done,
});

/** Every action a daily run does from `from` to `to`, with the date it happened. */
function runDaily(c: RenewingContract, from: string, to: string) {
  const done = [...c.actionsDone];
  const happened: string[] = [];
  for (const date of jobCatchUp(from, to)) {
    const { due, skipped } = renewalActionsDue({ ...c, actionsDone: done }, date, rules);
    done.push(...skipped.map((a) => a.key), ...due.map((a) => a.key));
    happened.push(...due.map((a: RenewalAction) => `${date} ${a.kind} ${a.key}`));
  }
  return happened;
}

describe('renewal windows', () => {
  it('membership: 30 and 7 day reminders, the agent told 30 days ahead, lapsed at the end', () => {
    expect(runDaily(contract('membership'), '2026-11-01', '2027-01-05')).toEqual([
      '2026-12-01 customer-reminder customer-reminder-30',
      '2026-12-01 agent-notice agent-notice-30',
      '2026-12-24 customer-reminder customer-reminder-7',
      '2026-12-31 lapse lapse',
    ]);
  });

  it('advertising: 15 and 3 day reminders, then lapse', () => {
    expect(runDaily(contract('placement'), '2026-11-01', '2027-01-05')).toEqual([
      '2026-12-01 agent-notice agent-notice-30',
      '2026-12-16 customer-reminder customer-reminder-15',
      '2026-12-28 customer-reminder customer-reminder-3',
      '2026-12-31 lapse lapse',
    ]);
  });

  it('auto-renewing: a 30 day notice, then renewed for the same term', () => {
    const happened = runDaily(contract('auto-renewing'), '2026-11-01', '2027-01-05');
    expect(happened).toEqual([
      '2026-12-01 auto-renewal-notice auto-renewal-notice-30',
      '2026-12-01 agent-notice agent-notice-30',
      '2026-12-31 renew renew-2026-12-31',
    ]);
    const { due } = renewalActionsDue(contract('auto-renewing'), '2026-12-31', rules);
    expect(due).toContainEqual({
      kind: 'renew',
      key: 'renew-2026-12-31',
      newTerm: { startDate: '2027-01-01', endDate: '2027-12-31' },
    });
  });

  it('a run that missed the 30 day reminder sends only the 7 day one', () => {
    const { due, skipped } = renewalActionsDue(contract('membership'), '2026-12-25', rules);
    expect(due.map((a) => a.key)).toEqual(['customer-reminder-7', 'agent-notice-30']);
    expect(skipped.map((a) => a.key)).toEqual(['customer-reminder-30']);
  });

  it('a run after the end lapses without sending late reminders', () => {
    const { due, skipped } = renewalActionsDue(contract('membership'), '2027-01-02', rules);
    expect(due.map((a) => a.kind)).toEqual(['lapse']);
    expect(skipped.map((a) => a.key)).toEqual(['customer-reminder-30', 'customer-reminder-7']);
  });

  it('reruns of a day repeat nothing, and a contract renewed by the customer gets nothing', () => {
    expect(
      renewalActionsDue(
        contract('membership', ['customer-reminder-30', 'agent-notice-30']),
        '2026-12-01',
        rules,
      ).due,
    ).toEqual([]);
    const renewed = { ...contract('membership'), renewedByCustomer: true };
    expect(renewalActionsDue(renewed, '2026-12-31', rules)).toEqual({ due: [], skipped: [] });
  });
});

describe('the renewed term', () => {
  it('a year stays a year, and the next year too', () => {
    const next = renewedTerm({ startDate: '2026-03-01', endDate: '2027-02-28' });
    expect(next).toEqual({ startDate: '2027-03-01', endDate: '2028-02-29' });
  });

  it('a term from 29 February is a year (ending 28 February) and renews as one', () => {
    expect(renewedTerm({ startDate: '2024-02-29', endDate: '2025-02-28' })).toEqual({
      startDate: '2025-03-01',
      endDate: '2026-02-28',
    });
    expect(renewedTerm({ startDate: '2024-02-29', endDate: '2025-02-27' })).toEqual({
      startDate: '2025-02-28',
      endDate: '2026-02-27',
    });
  });

  it('a month from 31 January ending at February end renews for March', () => {
    expect(renewedTerm({ startDate: '2026-01-31', endDate: '2026-02-28' })).toEqual({
      startDate: '2026-03-01',
      endDate: '2026-03-31',
    });
  });

  it('a term that is not whole months keeps its number of days', () => {
    const next = renewedTerm({ startDate: '2026-01-01', endDate: '2026-01-30' });
    expect(next).toEqual({ startDate: '2026-01-31', endDate: addDays('2026-01-31', 29) });
  });
});

describe('the day the renewals run next reads a contract', () => {
  it('is the nearest reminder, notice or end still ahead', () => {
    expect(nextRenewalActionOn(contract('membership'), '2026-11-01', rules)).toBe('2026-12-01');
    const told = contract('membership', ['customer-reminder-30', 'agent-notice-30']);
    expect(nextRenewalActionOn(told, '2026-12-01', rules)).toBe('2026-12-24');
    const reminded = contract('advertising', ['customer-reminder-15', 'agent-notice-30']);
    expect(nextRenewalActionOn(reminded, '2026-12-16', rules)).toBe('2026-12-28');
    expect(nextRenewalActionOn({ ...told, renewedByCustomer: true }, '2026-12-05', rules)).toBe(
      '2026-12-31',
    );
    // Past its end and not lapsed (a failed run): the next day.
    expect(nextRenewalActionOn(told, '2027-01-02', rules)).toBe('2027-01-03');
  });

  it('property: reading a contract only on its listed days does what reading it daily does', () => {
    const types: RenewingContract['renewalType'][] = ['membership', 'advertising', 'auto-renewing'];
    const widest = Math.max(
      ...rules.membershipReminderDaysBeforeEnd,
      ...rules.advertisingReminderDaysBeforeEnd,
      rules.autoRenewNoticeDaysBeforeEnd,
      rules.agentNoticeDaysBeforeEnd,
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...types),
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 12 }),
        (type, gaps) => {
          const runDays: string[] = [];
          let date = '2026-11-15';
          for (const gap of [...gaps, 60]) {
            date = addDays(date, gap);
            runDays.push(date);
          }
          const walk = (listedOnly: boolean) => {
            const done: string[] = [];
            let listedOn: string | undefined; // not read yet: listed by its end date
            const happened: string[] = [];
            for (const day of runDays) {
              const c = { ...contract(type), actionsDone: done };
              const listed = listedOn ?? addDays(c.endDate, -widest);
              if (listedOnly && listed > day) continue;
              const { due, skipped } = renewalActionsDue(c, day, rules);
              done.push(...skipped.map((a) => a.key), ...due.map((a) => a.key));
              happened.push(...due.map((a) => `${day} ${a.key}`));
              if (due.some((a) => a.kind === 'lapse' || a.kind === 'renew')) break;
              listedOn = nextRenewalActionOn({ ...c, actionsDone: done }, day, rules);
            }
            return happened;
          };
          expect(walk(true)).toEqual(walk(false));
        },
      ),
    );
  });
});
