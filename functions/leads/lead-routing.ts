import type { ContactStore } from '../accounts/store/contacts';
import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import { InvalidPayload, RecordMissing } from '../shared/errors';
import { loadBusinessRules } from '../staff/settings/settings';
import type { SettingsStore } from '../staff/settings/settings-store';
import type { StaffStore } from '../staff/store/staff-store';
import { isLeadId } from './lead-intake';
import { reviewSeconds } from './lead-review';
import { leadAssignedNoticeKey, renderLeadAssignedNotice } from './mail/lead-assigned-notice';
import { type AgentLoad, pickAgent, teamForCountry } from './rules/assignment';
import { firstContactClock } from './rules/first-contact';
import type { Lead, LeadQualification } from './rules/lead';
import { qualifyLead } from './rules/lead-scoring';
import { leadRecordPk } from './store/lead-keys';
import type { StaffLeadStore } from './store/lead-store';

/**
 * The intake's steps after a lead is stored: qualify it, give it to an agent, tell the agent.
 * Each step is safe to rerun: qualification is kept once, an owned lead is not assigned again,
 * the agent's notice goes through the outbox on a key naming the lead and the agent.
 */

export interface QualifyResult {
  leadId: string;
  score: number;
  qualified: boolean;
  flags: string[];
  needsSupervisorReview: boolean;
  /** Seconds until a supervisor's review is overdue (3 business days): the review's timeout. */
  reviewSeconds: number;
}

async function requireLead(leads: StaffLeadStore, leadId: unknown): Promise<Lead> {
  if (!isLeadId(leadId)) throw new InvalidPayload('The payload must be {"leadId": "<ULID>"}');
  const lead = await leads.getLead(leadId);
  if (!lead) throw new RecordMissing(`Lead ${leadId} does not exist`);
  return lead;
}

/**
 * True when the prospect's email address or phone number belongs to an account that was written
 * off: such a prospect is flagged for a supervisor, whatever else their lead says.
 */
export async function hasWrittenOffAccount(
  contacts: Pick<ContactStore, 'lookup' | 'accountProfile'>,
  lead: Lead,
): Promise<boolean> {
  const { match } = await contacts.lookup(lead);
  const accountIds = new Set([lead.linkedTo?.accountId, match?.accountId]);
  for (const accountId of accountIds) {
    if (!accountId) continue;
    if ((await contacts.accountProfile(accountId))?.status === 'written-off') return true;
  }
  return false;
}

export async function qualifyStoredLead(
  deps: { leads: StaffLeadStore; settings: SettingsStore; contacts: ContactStore; zone: string },
  leadId: unknown,
  now: Date,
): Promise<QualifyResult> {
  const lead = await requireLead(deps.leads, leadId);
  const { rules } = await loadBusinessRules(deps.settings);
  // A rerun answers what was kept the first time, even if the rules changed since.
  let kept = lead.qualification;
  if (!kept) {
    const found = qualifyLead(
      { ...lead, earlierAccountWrittenOff: await hasWrittenOffAccount(deps.contacts, lead) },
      rules.qualification,
    );
    const qualification: LeadQualification = {
      score: found.score,
      qualified: found.qualified,
      flags: found.flags,
      breakdown: found.breakdown,
      at: now.toISOString(),
    };
    const recorded = await deps.leads.recordQualification(lead.leadId, qualification);
    kept = recorded ? qualification : (await requireLead(deps.leads, lead.leadId)).qualification;
    if (!kept) throw new Error(`Lead ${lead.leadId} was qualified but keeps no qualification`);
  }
  return {
    leadId: lead.leadId,
    score: kept.score,
    qualified: kept.qualified,
    flags: kept.flags,
    needsSupervisorReview: kept.flags.length > 0,
    reviewSeconds: reviewSeconds(now, rules.calendar, deps.zone),
  };
}

export interface AssignResult {
  leadId: string;
  ownerId: string;
  /** False when the lead had an owner already (a rerun, or staff were quicker). */
  assignedNow: boolean;
}

/**
 * Gives the lead to the least-loaded active agent of its team (by the prospect's country).
 * Throws NoAgentAvailable when the team has no active agent: the lead waits for a supervisor.
 */
export async function assignNewLead(
  deps: { leads: StaffLeadStore; staff: StaffStore; settings: SettingsStore; zone: string },
  leadId: unknown,
  now: Date,
): Promise<AssignResult> {
  const lead = await requireLead(deps.leads, leadId);
  if (lead.ownerId) return { leadId: lead.leadId, ownerId: lead.ownerId, assignedNow: false };
  const { rules } = await loadBusinessRules(deps.settings);
  const team = teamForCountry(lead.country, rules.assignment);
  const agents = (await deps.staff.listMembers()).filter(
    (m) => m.role === 'agent' && m.active && m.team === team,
  );
  // Accounts do not exist yet: an agent's load is their open leads for now.
  const loads: AgentLoad[] = await Promise.all(
    agents.map(async (member) => ({
      member,
      openLeads: await deps.leads.openLeadsOf(member.staffId),
      openAccounts: 0,
    })),
  );
  const agent = pickAgent(team, loads);
  const due = firstContactClock(now.toISOString(), rules.leads, deps.zone, now).dueOn;
  const assigned = await deps.leads.assignLead(lead.leadId, {
    owner: { staffId: agent.staffId, name: agent.name, team: agent.team },
    by: { kind: 'system' },
    expectedVersion: lead.version,
    at: now,
    firstContactDueAt: due,
  });
  if (assigned) return { leadId: lead.leadId, ownerId: agent.staffId, assignedNow: true };
  // Someone changed the lead meanwhile (a supervisor assigned it): theirs stands.
  const current = await requireLead(deps.leads, lead.leadId);
  if (!current.ownerId) throw new Error(`Lead ${lead.leadId} changed during assignment; retry`);
  return { leadId: lead.leadId, ownerId: current.ownerId, assignedNow: false };
}

/** Emails the lead's agent that it is theirs, once per lead and agent. */
export async function tellLeadAgent(
  deps: { leads: StaffLeadStore; staff: StaffStore; outbox: Outbox; sender: string },
  leadId: unknown,
  now: Date,
): Promise<{ outcome: DeliveryOutcome | 'no-owner' }> {
  const lead = await requireLead(deps.leads, leadId);
  if (!lead.ownerId) return { outcome: 'no-owner' };
  const agent = await deps.staff.getMember(lead.ownerId);
  if (!agent) throw new RecordMissing(`The owner ${lead.ownerId} of lead ${lead.leadId} is gone`);
  const outcome = await deps.outbox.deliver(
    leadAssignedNoticeKey(lead, agent),
    deps.sender,
    renderLeadAssignedNotice(lead, agent),
    now,
    { timelineOf: leadRecordPk(lead.leadId) },
  );
  return { outcome };
}
