import type { Outbox } from '../messages/outbox';
import type { Table } from '../shared/store/table';
import type { BusinessRules } from '../staff/settings/business-rules';
import { loadBusinessRules } from '../staff/settings/settings';
import type { SettingsStore } from '../staff/settings/settings-store';
import type { StaffStore } from '../staff/store/staff-store';
import {
  firstContactKey,
  renderFirstContactOverdue,
  renderFirstContactReminder,
} from './mail/first-contact-notices';
import { firstContactClock } from './rules/first-contact';
import { firstContactsDueBy } from './store/first-contacts';
import { leadRecordPk } from './store/lead-keys';
import { leadStore } from './store/lead-store';

/**
 * The daily first-contact job for the business moment `asOf` (the schedule's time): each lead
 * awaiting first contact whose reminder day has come reminds its agent; one whose due day has
 * come tells the team's supervisor too. Every email goes through the outbox keyed by lead, step
 * and recipient: running the job twice, or on a later day, sends nothing twice.
 */

export interface ReminderRun {
  reminders: number;
  overdueNotices: number;
}

export interface FirstContactDeps {
  table: Table;
  staff: StaffStore;
  settings: SettingsStore;
  outbox: Outbox;
  sender: string;
  zone: string;
}

export type FirstContactCandidate = Awaited<ReturnType<typeof firstContactsDueBy>>[number];
type Candidate = FirstContactCandidate;
type LeadRules = BusinessRules['leads'];

export async function remindFirstContacts(
  deps: FirstContactDeps,
  asOf: Date,
  now: Date,
): Promise<ReminderRun> {
  const run: ReminderRun = { reminders: 0, overdueNotices: 0 };
  const { rules } = await loadBusinessRules(deps.settings);
  for (const item of await firstContactCandidates(deps, rules.leads, asOf)) {
    const sent = await remindFirstContact(deps, rules.leads, item, asOf, now);
    run.reminders += sent.reminders;
    run.overdueNotices += sent.overdueNotices;
  }
  return run;
}

/** The leads whose first contact may need a reminder or a notice as of `asOf` (an index read). */
export async function firstContactCandidates(
  deps: Pick<FirstContactDeps, 'table'>,
  leads: LeadRules,
  asOf: Date,
) {
  const { firstContactReminderDay, firstContactEscalationDay } = leads;
  // A reminder comes this long before the due date; a day more covers a daylight-saving shift.
  const headStart = (firstContactEscalationDay - firstContactReminderDay) * 86_400_000;
  return firstContactsDueBy(deps.table, new Date(asOf.getTime() + headStart + 86_400_000));
}

/** Reminds the agent of one lead, and tells the supervisor if it is overdue, as of `asOf`. */
export async function remindFirstContact(
  deps: FirstContactDeps,
  leads: LeadRules,
  item: Candidate,
  asOf: Date,
  now: Date,
): Promise<ReminderRun> {
  const run: ReminderRun = { reminders: 0, overdueNotices: 0 };
  if (!item.assignedAt || !item.ownerId) return run;
  // The index is read eventually consistent: a lead contacted, won or lost a moment ago may
  // still be on it. What the lead says now decides; only one awaiting first contact is chased.
  const current = await leadStore(deps.table).getLead(item.leadId);
  if (current?.status !== 'assigned') return run;
  const clock = firstContactClock(item.assignedAt, leads, deps.zone, asOf);
  if (clock.state === 'on-time') return run;
  const agent = await deps.staff.getMember(item.ownerId);
  const timelineOf = { timelineOf: leadRecordPk(item.leadId) };
  if (agent) {
    const outcome = await deps.outbox.deliver(
      firstContactKey(item, 'reminder', agent.email),
      deps.sender,
      renderFirstContactReminder(item),
      now,
      timelineOf,
    );
    if (outcome === 'sent') run.reminders++;
  }
  if (clock.state !== 'overdue' || !item.team) return run;
  const team = await deps.staff.getTeam(item.team);
  const supervisor = team ? await deps.staff.getMember(team.supervisorId) : undefined;
  if (!supervisor) return run;
  const outcome = await deps.outbox.deliver(
    firstContactKey(item, 'overdue', supervisor.email),
    deps.sender,
    renderFirstContactOverdue(item, supervisor.name),
    now,
    timelineOf,
  );
  if (outcome === 'sent') run.overdueNotices++;
  return run;
}
