import type { RenewalType, RenewingContract } from '../../renewals/rules/renewals';
import { addDays } from '../../shared/rules/job-dates';
import type { BusinessRules } from '../../staff/settings/business-rules';
import type { Contract } from './contract';

/**
 * A contract as the renewals job sees it: its renewal type, the term it serves now, and the
 * window of end dates a daily run reads. Pure.
 */

/** Auto-renewing when the quote said so; otherwise by what is sold (memberships by default). */
export function renewalTypeOf(contract: Pick<Contract, 'renewal' | 'serviceKind'>): RenewalType {
  if (contract.renewal === 'auto') return 'auto-renewing';
  return contract.serviceKind ?? 'membership';
}

export function currentTermOf(contract: Pick<Contract, 'startDate' | 'endDate' | 'currentTerm'>) {
  return contract.currentTerm ?? { startDate: contract.startDate, endDate: contract.endDate };
}

export function renewingContract(contract: Contract): RenewingContract {
  const term = currentTermOf(contract);
  return {
    renewalType: renewalTypeOf(contract),
    startDate: term.startDate,
    endDate: term.endDate,
    renewedByCustomer: contract.renewalState?.renewedByCustomer !== undefined,
    actionsDone: contract.renewalState?.actionsDone ?? [],
  };
}

/** The month partition of an end date on the contracts-by-end index. */
export const endMonthOf = (endDate: string) => endDate.slice(0, 7);

/**
 * How far back a run looks for contracts past their end and still active: a run failing for
 * weeks still lapses or renews them; older ones are left to staff.
 */
export const catchUpDaysPastEnd = 62;

export interface EndDateWindow {
  /** Earliest end date read (catch-up of contracts left active past their end). */
  from: string;
  /** Latest end date read: the widest reminder or notice ahead of `date`. */
  to: string;
}

/** The end dates a run for business date `date` must read. */
export function endDateWindow(date: string, rules: BusinessRules['renewals']): EndDateWindow {
  const ahead = Math.max(
    ...rules.membershipReminderDaysBeforeEnd,
    ...rules.advertisingReminderDaysBeforeEnd,
    rules.autoRenewNoticeDaysBeforeEnd,
    rules.agentNoticeDaysBeforeEnd,
  );
  return { from: addDays(date, -catchUpDaysPastEnd), to: addDays(date, ahead) };
}
