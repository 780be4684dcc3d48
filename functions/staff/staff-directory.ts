import { ulid } from 'ulidx';
import { maySee, staffRecord } from '../shared/access';
import { Conflict, NotFound, ValidationError } from '../shared/errors';
import type { StaffMember, StaffPrincipal, Team } from '../shared/staff-member';
import { checkTeamSupervisor, type StaffDetails } from './rules/staff';
import type { StaffStore } from './store/staff-store';

/**
 * The directory's use cases: who may read which entry, and the manager's edits with their
 * rules (unique email, a current version, a team's supervisor from that team).
 */

/** Entries the principal may see, by team then name. */
export async function visibleStaff(
  store: StaffStore,
  principal: StaffPrincipal,
  filter: { team?: string; role?: string },
): Promise<StaffMember[]> {
  const all = await store.listMembers();
  return all
    .filter((m) => maySee(principal, 'staff-member', staffRecord(m)))
    .filter(
      (m) => (!filter.team || m.team === filter.team) && (!filter.role || m.role === filter.role),
    )
    .sort((a, b) => a.team.localeCompare(b.team) || a.name.localeCompare(b.name));
}

/** One entry, or NotFound when it does not exist or the principal may not see it. */
export async function visibleMember(
  store: StaffStore,
  principal: StaffPrincipal,
  staffId: string,
): Promise<StaffMember> {
  const member = await store.getMember(staffId);
  if (!member || !maySee(principal, 'staff-member', staffRecord(member))) {
    throw new NotFound('There is no staff member with this id');
  }
  return member;
}

export async function addStaffMember(
  store: StaffStore,
  details: StaffDetails,
  now: Date,
): Promise<StaffMember> {
  const member: StaffMember = { staffId: ulid(now.getTime()), ...details, version: 1 };
  const outcome = await store.createMember(member);
  if (outcome === 'email-taken') throw emailTaken();
  return member;
}

export async function editStaffMember(
  store: StaffStore,
  staffId: string,
  details: StaffDetails,
  version: number,
): Promise<StaffMember> {
  const current = await store.getMember(staffId);
  if (!current) throw new NotFound('There is no staff member with this id');
  const outcome = await store.updateMember(staffId, details, version, current.email);
  if (outcome === 'missing') throw new NotFound('There is no staff member with this id');
  if (outcome === 'email-taken') throw emailTaken();
  if (outcome === 'stale') {
    throw new Conflict(
      `This entry changed since version ${version} was read; reload it and apply the edit again`,
    );
  }
  const saved = await store.getMember(staffId);
  if (!saved) throw new Error(`Staff member ${staffId} vanished right after it was saved`);
  return saved;
}

export async function setTeamSupervisor(
  store: StaffStore,
  team: string,
  supervisorId: string,
  version: number | undefined,
): Promise<Team & { version: number }> {
  checkTeamSupervisor(team, await store.getMember(supervisorId));
  const outcome = await store.putTeam(team, supervisorId, version);
  if (outcome === 'exists') {
    throw new Conflict(`Team ${team} exists already: send the version you read to change it`);
  }
  if (outcome === 'stale') {
    throw new Conflict(`Team ${team} changed since version ${version} was read, or does not exist`);
  }
  return { team, supervisorId, version: (version ?? 0) + 1 };
}

const emailTaken = () =>
  new ValidationError([{ field: 'email', message: 'another staff member has this email address' }]);
