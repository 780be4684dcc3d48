import type { StaffMember } from '../../shared/staff-member';
import type { StaffStore } from '../store/staff-store';
import type { StaffIdentity } from './staff-token';

/**
 * The directory entry of a signed-in identity. An entry is linked to its identity on the first
 * sign-in, by the verified email the manager entered; after that the link (the token's `sub`)
 * decides, so changing an email at the sign-in service does not move anyone's access.
 */
export type DirectoryMatch =
  | { kind: 'staff'; member: StaffMember }
  | { kind: 'refused'; reason: string };

export async function staffMemberOf(
  store: StaffStore,
  identity: StaffIdentity,
): Promise<DirectoryMatch> {
  const linked = await store.findByIdentity(identity.subject);
  if (linked) return checkActive(linked);
  if (!identity.email || !identity.emailVerified) {
    return { kind: 'refused', reason: 'no linked entry and no verified email to link by' };
  }
  const byEmail = await store.findByEmail(identity.email);
  if (!byEmail) return { kind: 'refused', reason: 'no directory entry for this email' };
  if (byEmail.identitySubject && byEmail.identitySubject !== identity.subject) {
    return { kind: 'refused', reason: 'the entry is linked to another identity' };
  }
  if (!byEmail.identitySubject && !(await store.linkIdentity(byEmail.staffId, identity.subject))) {
    // A concurrent first request may have linked it: whatever is stored now decides.
    const now = await store.findByIdentity(identity.subject);
    if (now?.staffId !== byEmail.staffId) {
      return { kind: 'refused', reason: 'the entry was linked to another identity meanwhile' };
    }
  }
  return checkActive({ ...byEmail, identitySubject: identity.subject });
}

function checkActive(member: StaffMember): DirectoryMatch {
  return member.active
    ? { kind: 'staff', member }
    : { kind: 'refused', reason: 'the directory entry is not active' };
}
