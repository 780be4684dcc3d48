import type { StaffMember, StaffPrincipal } from '../staff-member';

/**
 * A staff decision link (a contract approval, a lead review, a quote's special terms) acts as the
 * person it was emailed to, under the same rule as the back-office button: it is honoured only
 * while that person's directory entry is active and their role still decides the step, and the
 * decision is recorded in their name. A supervisor demoted, moved to another team or made
 * inactive after the email went out can no longer decide through it.
 */

export type LinkDecider =
  | { kind: 'allowed'; principal: StaffPrincipal }
  | { kind: 'refused'; reason: string; name?: string };

/** The fields the back office's rules read, from a directory entry. */
export function principalOf(member: StaffMember): StaffPrincipal {
  const { staffId, name, email, role, team } = member;
  return { staffId, name, email, role, team };
}

export async function linkDecider(
  staff: { getMember(staffId: string): Promise<StaffMember | undefined> },
  staffId: string | undefined,
  mayDecide: (principal: StaffPrincipal) => boolean | Promise<boolean>,
): Promise<LinkDecider> {
  const member = staffId ? await staff.getMember(staffId) : undefined;
  if (!member) return { kind: 'refused', reason: 'the link names no one in the directory' };
  if (!member.active) {
    return {
      kind: 'refused',
      reason: 'the person it was sent to is not active',
      name: member.name,
    };
  }
  const principal = principalOf(member);
  if (!(await mayDecide(principal))) {
    return {
      kind: 'refused',
      reason: `${member.name} (${member.role}, team ${member.team}) no longer decides this step`,
      name: member.name,
    };
  }
  return { kind: 'allowed', principal };
}

/** A link's subject with the person it was sent to: `<record>#<staff id>`. */
export const deciderSubject = (record: string, staffId: string) => `${record}#${staffId}`;

/** The record and the person of a subject; a link made before it named its person has none. */
export function parseDeciderSubject(subject: string): { record: string; staffId?: string } {
  const at = subject.lastIndexOf('#');
  return at > 0
    ? { record: subject.slice(0, at), staffId: subject.slice(at + 1) }
    : { record: subject };
}
