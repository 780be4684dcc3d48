import type { DateTime } from 'luxon';
import { addDays, isoDate, parseBusinessDate } from '../../shared/rules/job-dates';
import type { BusinessRules } from '../../staff/settings/business-rules';

/**
 * Renewals (DOMAIN.md section 6). A daily run, per business date, asks what each contract near
 * its end needs. Every action has a key; the caller records the keys done, so a rerun or a
 * catch-up never repeats one. When a run is late and two reminders are due together, only the
 * nearer one is sent (the earlier is skipped): one reminder saying "7 days left" helps the
 * customer, two in one morning do not. Reminders stop once the end date is reached.
 *
 * The lapse and the renewal happen on the run for the end date, the contract's last day of
 * service: the renewed term starts the next day.
 */

export const renewalTypes = [
  'membership',
  'network-service',
  'advertising',
  'placement',
  'auto-renewing',
] as const;
export type RenewalType = (typeof renewalTypes)[number];

export interface RenewingContract {
  renewalType: RenewalType;
  startDate: string;
  /** Last day of service, inclusive. */
  endDate: string;
  /** The customer renewed through the signed link: nothing more to chase or lapse. */
  renewedByCustomer: boolean;
  /** Keys of the actions already done (or skipped). */
  actionsDone: readonly string[];
}

export type RenewalAction =
  | { kind: 'customer-reminder'; key: string; daysBeforeEnd: number }
  | { kind: 'auto-renewal-notice'; key: string; daysBeforeEnd: number }
  | { kind: 'agent-notice'; key: string; daysBeforeEnd: number }
  | { kind: 'lapse'; key: string }
  | { kind: 'renew'; key: string; newTerm: Term };

export interface RenewalActions {
  due: RenewalAction[];
  /** Reminders passed over by a late run: record their keys, send nothing. */
  skipped: RenewalAction[];
}

export interface Term {
  startDate: string;
  endDate: string;
}

type RenewalRules = BusinessRules['renewals'];

function reminderDays(type: RenewalType, rules: RenewalRules): number[] {
  if (type === 'auto-renewing') return [rules.autoRenewNoticeDaysBeforeEnd];
  if (type === 'advertising' || type === 'placement') return rules.advertisingReminderDaysBeforeEnd;
  return rules.membershipReminderDaysBeforeEnd;
}

/** What a contract needs on business date `asOf`. */
export function renewalActionsDue(
  contract: RenewingContract,
  asOf: string,
  rules: RenewalRules,
): RenewalActions {
  parseBusinessDate(asOf, 'asOf');
  const nothing: RenewalActions = { due: [], skipped: [] };
  if (contract.renewedByCustomer) return nothing;
  const { endDate } = contract;
  const done = (key: string) => contract.actionsDone.includes(key);
  const reached = (daysBeforeEnd: number) => addDays(endDate, -daysBeforeEnd) <= asOf;
  const beforeEnd = asOf < endDate;

  const due: RenewalAction[] = [];
  const skipped: RenewalAction[] = [];

  const notice: 'auto-renewal-notice' | 'customer-reminder' =
    contract.renewalType === 'auto-renewing' ? 'auto-renewal-notice' : 'customer-reminder';
  // Days in decreasing order, so the last reached one is the nearest to the end.
  const reminders = reminderDays(contract.renewalType, rules)
    .filter((d) => reached(d))
    .map(
      (daysBeforeEnd): RenewalAction => ({
        kind: notice,
        key: `${notice}-${daysBeforeEnd}`,
        daysBeforeEnd,
      }),
    )
    .filter((r) => !done(r.key));
  const nearest = reminders.at(-1);
  if (nearest && beforeEnd) {
    due.push(nearest);
    skipped.push(...reminders.slice(0, -1));
  } else {
    skipped.push(...reminders);
  }

  const agentDays = rules.agentNoticeDaysBeforeEnd;
  const agentKey = `agent-notice-${agentDays}`;
  if (reached(agentDays) && beforeEnd && !done(agentKey)) {
    due.push({ kind: 'agent-notice', key: agentKey, daysBeforeEnd: agentDays });
  }

  if (asOf >= endDate) {
    if (contract.renewalType === 'auto-renewing') {
      // Keyed by the end date, so the renewed contract's own renewal gets a fresh key.
      const key = `renew-${endDate}`;
      if (!done(key)) due.push({ kind: 'renew', key, newTerm: renewedTerm(contract) });
    } else if (!done('lapse')) {
      due.push({ kind: 'lapse', key: 'lapse' });
    }
  }
  return { due, skipped };
}

/**
 * The business date the renewals run next acts on a contract, after a run for `asOf` did what was
 * due: its nearest reminder, notice or end still ahead (a booked term begins at the end). The run
 * reads the contract again on that day, not before; nothing it would do in between is missed, as
 * every action falls on one of these days.
 */
export function nextRenewalActionOn(
  contract: RenewingContract,
  asOf: string,
  rules: RenewalRules,
): string {
  const { endDate } = contract;
  const done = (key: string) => contract.actionsDone.includes(key);
  const notice =
    contract.renewalType === 'auto-renewing' ? 'auto-renewal-notice' : 'customer-reminder';
  const dates = contract.renewedByCustomer
    ? [endDate]
    : [
        ...reminderDays(contract.renewalType, rules)
          .filter((d) => !done(`${notice}-${d}`))
          .map((d) => addDays(endDate, -d)),
        ...(done(`agent-notice-${rules.agentNoticeDaysBeforeEnd}`)
          ? []
          : [addDays(endDate, -rules.agentNoticeDaysBeforeEnd)]),
        endDate,
      ];
  const ahead = dates.filter((date) => date > asOf).sort();
  // Past its end and still to lapse or renew (a run that failed): the next day's run.
  return ahead[0] ?? addDays(asOf, 1);
}

/**
 * The next term of an auto-renewing contract: the same length, starting the day after the end.
 * A term of whole months stays whole months (a year from 1 March is a year, whatever February
 * does); one that ran from a day a shorter month lacks (29 February, 31 January) counts the
 * clipped anniversary as whole too. Any other term keeps its number of days.
 */
export function renewedTerm(term: Term): Term {
  const start = parseBusinessDate(term.startDate, 'startDate');
  const end = parseBusinessDate(term.endDate, 'endDate');
  if (end < start) throw new RangeError(`The term ends (${term.endDate}) before it starts`);
  const nextStart = end.plus({ days: 1 });
  const months = wholeMonths(start, nextStart);
  const nextEnd =
    months === undefined
      ? nextStart.plus({ days: Math.round(nextStart.diff(start, 'days').days) - 1 })
      : nextStart.plus({ months }).minus({ days: 1 });
  return { startDate: isoDate(nextStart), endDate: isoDate(nextEnd) };
}

function wholeMonths(start: DateTime, nextStart: DateTime): number | undefined {
  const guess = Math.round(nextStart.diff(start, 'months').months);
  for (const months of [guess - 1, guess, guess + 1]) {
    if (months < 1) continue;
    const anniversary = start.plus({ months });
    if (+anniversary === +nextStart) return months;
    // 29 Feb + 12 months is 28 Feb: a term ending that day (next start 1 March) is a year.
    const clipped = anniversary.day < start.day;
    if (clipped && +anniversary.plus({ days: 1 }) === +nextStart) return months;
  }
  return undefined;
}
