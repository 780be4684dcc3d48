import { maySee, type OwnedRecord } from '../shared/access';
import { Conflict, Forbidden, NotFound, ValidationError } from '../shared/errors';
import type { StaffMember, StaffPrincipal } from '../shared/staff-member';
import type { StaffStore } from '../staff/store/staff-store';
import type { Lead } from './rules/lead';
import type { LeadScope } from './store/lead-lists';
import type { StaffLeadStore } from './store/lead-store';

/**
 * Leads as staff work them: which leads a list may hold for whom, opening one, assigning it.
 *
 * | role       | lists                                  | opens               | assigns to          |
 * |------------|----------------------------------------|---------------------|---------------------|
 * | agent      | their own leads                        | their own (else 404)| —                   |
 * | supervisor | their team's leads and unassigned ones | the same (else 404) | an agent of the team|
 * | manager    | every lead                             | every lead          | any active agent    |
 * | finance    | no lead access (the routes refuse)     | —                   | —                   |
 */

/** `''` = no owner filter; `'unassigned'`; or a staff id. */
export type OwnerFilter = string;
export const unassignedOwner = 'unassigned';

/** The leads a principal's list holds, narrowed by the owner filter; undefined: none at all. */
export function leadScopeFor(principal: StaffPrincipal, owner: OwnerFilter): LeadScope | undefined {
  switch (principal.role) {
    case 'agent':
      // An agent's list is their book; an owner filter cannot widen it.
      return owner === '' || owner === principal.staffId
        ? { kind: 'owner', staffId: principal.staffId }
        : undefined;
    case 'supervisor':
      if (owner === '') return { kind: 'team', team: principal.team, withUnassigned: true };
      if (owner === unassignedOwner) return { kind: 'unassigned' };
      return { kind: 'owner', staffId: owner, team: principal.team };
    case 'manager':
      if (owner === '') return { kind: 'all' };
      if (owner === unassignedOwner) return { kind: 'unassigned' };
      return { kind: 'owner', staffId: owner };
    case 'finance':
      return undefined;
  }
}

/**
 * A linked enquiry that follows the earlier record (`store/linked-enquiries.ts`): it went through
 * no intake (qualification marks those that did), so it is never assigned on its own.
 */
export const followsEarlierRecord = (lead: Lead) =>
  lead.linkedTo !== undefined && lead.qualification === undefined;

/**
 * Whose a lead is for access: its own owner; a linked enquiry not yet given one (stored before
 * enquiries took their owner, or in the moment before they do) is the earlier record's owner's.
 */
async function ownershipOf(
  leads: Pick<StaffLeadStore, 'earlierOwner'>,
  lead: Lead,
): Promise<OwnedRecord> {
  if (lead.ownerId || !lead.linkedTo || !followsEarlierRecord(lead)) return lead;
  const { owner } = await leads.earlierOwner(lead.linkedTo);
  return owner ? { ownerId: owner.staffId, team: owner.team } : lead;
}

/** A lead the principal may see; any other answers like a missing one, so nothing leaks. */
export async function openLead(
  leads: Pick<StaffLeadStore, 'getLead' | 'earlierOwner'>,
  principal: StaffPrincipal,
  leadId: string,
): Promise<Lead> {
  const lead = await leads.getLead(leadId);
  if (!lead || !maySee(principal, 'lead', await ownershipOf(leads, lead))) {
    throw new NotFound('There is no lead with this id, or it is not yours to see.');
  }
  return lead;
}

export function mayAssign(principal: StaffPrincipal, lead: Lead): boolean {
  if (followsEarlierRecord(lead)) return false;
  if (principal.role === 'manager') return true;
  return principal.role === 'supervisor' && maySee(principal, 'lead', lead);
}

/** The agents a principal may give a lead to, by name. */
export function assignableAgents(
  principal: StaffPrincipal,
  directory: readonly StaffMember[],
): StaffMember[] {
  return directory
    .filter((m) => m.role === 'agent' && m.active)
    .filter((m) => principal.role === 'manager' || m.team === principal.team)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Gives the lead to an agent. Refuses (naming the field) an agent the assigner may not choose,
 * and a lead that changed since the assigner saw `expectedVersion` (Conflict, nothing written).
 */
export async function assignLead(
  deps: { leads: StaffLeadStore; staff: StaffStore },
  principal: StaffPrincipal,
  leadId: string,
  agentId: string,
  expectedVersion: number,
  now: Date,
): Promise<Lead> {
  const lead = await openLead(deps.leads, principal, leadId);
  if (followsEarlierRecord(lead)) {
    const earlier = lead.linkedTo?.leadId
      ? `lead ${lead.linkedTo.leadId}`
      : `account ${lead.linkedTo?.accountId}`;
    throw new Conflict(
      `This enquiry belongs to whoever works ${earlier}: assign that one, and this follows it.`,
    );
  }
  if (!mayAssign(principal, lead))
    throw new Forbidden('Only a supervisor or a manager assigns leads.');
  if (agentId === '') {
    throw new ValidationError([
      { field: 'agentId', message: 'Choose the agent who gets the lead' },
    ]);
  }
  const agent = await deps.staff.getMember(agentId);
  const allowed = agent ? assignableAgents(principal, [agent]) : [];
  if (!agent || allowed.length === 0) {
    throw new ValidationError([
      {
        field: 'agentId',
        message:
          principal.role === 'supervisor'
            ? 'Choose an active agent of your team'
            : 'Choose an active agent',
      },
    ]);
  }
  if (lead.ownerId === agent.staffId) return lead;
  const assigned = await deps.leads.assignLead(leadId, {
    owner: { staffId: agent.staffId, name: agent.name, team: agent.team },
    by: { kind: 'staff', staffId: principal.staffId, name: principal.name },
    expectedVersion,
    at: now,
  });
  if (!assigned) {
    throw new Conflict(
      'Someone changed this lead while you were looking at it. Its page now shows the latest; ' +
        'please choose again.',
    );
  }
  return openLeadAfterAssign(deps.leads, leadId);
}

async function openLeadAfterAssign(leads: StaffLeadStore, leadId: string): Promise<Lead> {
  const lead = await leads.getLead(leadId);
  if (!lead) throw new Error(`Lead ${leadId} vanished right after it was assigned`);
  return lead;
}
