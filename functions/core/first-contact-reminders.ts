import { firstContactClock } from './domain/first-contact';
import {
  firstContactKey,
  renderFirstContactOverdue,
  renderFirstContactReminder,
} from './mail/first-contact-notices';
import type { Outbox } from './mail/outbox';
import { loadBusinessRules } from './settings';
import { firstContactsDueBy } from './store/first-contacts';
import { leadRecordPk } from './store/lead-keys';
import type { SettingsStore } from './store/settings-store';
import type { StaffStore } from './store/staff-store';
import type { Table } from './store/table';

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

export async function remindFirstContacts(
  deps: {
    table: Table;
    staff: StaffStore;
    settings: SettingsStore;
    outbox: Outbox;
    sender: string;
    zone: string;
  },
  asOf: Date,
  now: Date,
): Promise<ReminderRun> {
  const { rules } = await loadBusinessRules(deps.settings);
  const { firstContactReminderDay, firstContactEscalationDay } = rules.leads;
  // A reminder comes this long before the due date; a day more covers a daylight-saving shift.
  const headStart = (firstContactEscalationDay - firstContactReminderDay) * 86_400_000;
  const candidates = await firstContactsDueBy(
    deps.table,
    new Date(asOf.getTime() + headStart + 86_400_000),
  );
  const run: ReminderRun = { reminders: 0, overdueNotices: 0 };
  for (const item of candidates) {
    if (!item.assignedAt || !item.ownerId) continue;
    const clock = firstContactClock(item.assignedAt, rules.leads, deps.zone, asOf);
    if (clock.state === 'on-time') continue;
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
    if (clock.state !== 'overdue' || !item.team) continue;
    const team = await deps.staff.getTeam(item.team);
    const supervisor = team ? await deps.staff.getMember(team.supervisorId) : undefined;
    if (!supervisor) continue;
    const outcome = await deps.outbox.deliver(
      firstContactKey(item, 'overdue', supervisor.email),
      deps.sender,
      renderFirstContactOverdue(item, supervisor.name),
      now,
      timelineOf,
    );
    if (outcome === 'sent') run.overdueNotices++;
  }
  return run;
}
