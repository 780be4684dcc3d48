import { DateTime } from 'luxon';
import type { BusinessRules } from '../../staff/settings/business-rules';

/**
 * The first-contact clock of an assigned lead (DOMAIN.md, Leads): the agent is reminded on the
 * reminder day and must have made contact by the escalation day, counted in calendar days from
 * the assignment, in the company's time zone. `asOf` says where today is on that clock.
 */
export interface FirstContactClock {
  remindOn: Date;
  dueOn: Date;
  state: 'on-time' | 'reminder-due' | 'overdue';
}

export function firstContactClock(
  assignedAt: string,
  rules: BusinessRules['leads'],
  zone: string,
  asOf: Date,
): FirstContactClock {
  const assigned = DateTime.fromISO(assignedAt, { zone });
  const remindOn = assigned.plus({ days: rules.firstContactReminderDay }).toJSDate();
  const dueOn = assigned.plus({ days: rules.firstContactEscalationDay }).toJSDate();
  const state = asOf >= dueOn ? 'overdue' : asOf >= remindOn ? 'reminder-due' : 'on-time';
  return { remindOn, dueOn, state };
}
