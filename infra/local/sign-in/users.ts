import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StaffRole } from '../../manifest';

/** A person who can sign in locally: one of each role, seeded on first start. */
export interface LocalStaffUser {
  /** The identity's stable id, as Cognito's `sub`. */
  subject: string;
  email: string;
  name: string;
  password: string;
  role: StaffRole;
  team: string;
}

/** Who the local desk starts with: a manager, two teams with a supervisor and an agent each, finance. */
export const seededStaff: readonly Omit<LocalStaffUser, 'subject' | 'password'>[] = [
  { email: 'maria.manager@desk.local', name: 'Maria Manager', role: 'manager', team: 'office' },
  { email: 'sam.supervisor@desk.local', name: 'Sam Supervisor', role: 'supervisor', team: 'north' },
  { email: 'sue.supervisor@desk.local', name: 'Sue Supervisor', role: 'supervisor', team: 'south' },
  { email: 'alex.agent@desk.local', name: 'Alex Agent', role: 'agent', team: 'north' },
  { email: 'bea.agent@desk.local', name: 'Bea Agent', role: 'agent', team: 'south' },
  { email: 'finn.finance@desk.local', name: 'Finn Finance', role: 'finance', team: 'office' },
];

/**
 * The local sign-in users, with passwords generated on first start and kept in the data folder
 * (printed at start: this is a developer's machine, the passwords guard nothing real).
 */
export function loadOrCreateStaffUsers(dataDir: string): LocalStaffUser[] {
  const file = join(dataDir, 'staff-users.json');
  const stored: LocalStaffUser[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  let changed = false;
  for (const seed of seededStaff) {
    if (stored.some((u) => u.email === seed.email)) continue;
    stored.push({
      ...seed,
      subject: randomUUID(),
      // Letters and digits only: easy to copy from the banner.
      password: randomBytes(12).toString('base64url').replace(/[-_]/g, 'x'),
    });
    changed = true;
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return stored;
}
