import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import type { StaffMember } from '../../../functions/shared/staff-member';
import { staffStore } from '../../../functions/staff/store/staff-store';
import type { LocalStaffUser } from './users';

/**
 * Puts the seeded sign-in users into the staff directory, and each team's supervisor, unless
 * they are there already (found by email): a restart changes nothing, and a manager's edits to
 * these entries stay. The link to the sign-in identity is made by the first real sign-in.
 */
export async function seedDirectory(
  client: DynamoDBClient,
  tableName: string,
  users: readonly LocalStaffUser[],
  now: Date,
): Promise<void> {
  const store = staffStore({
    client: DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    }),
    name: tableName,
  });
  const members = new Map<string, StaffMember>();
  for (const user of users) {
    let member = await store.findByEmail(user.email);
    if (!member) {
      member = {
        staffId: ulid(now.getTime()),
        name: user.name,
        email: user.email,
        role: user.role,
        team: user.team,
        capacity: user.role === 'agent' ? 40 : user.role === 'supervisor' ? 20 : 0,
        language: 'en',
        workingHours: { start: '09:00', end: '17:00' },
        active: true,
        version: 1,
      };
      // Another start racing this one may win; its entry is as good.
      if ((await store.createMember(member)) === 'email-taken') {
        member = await store.findByEmail(user.email);
      }
    }
    if (member) members.set(user.email, member);
  }
  for (const user of users.filter((u) => u.role === 'supervisor')) {
    const supervisor = members.get(user.email);
    if (supervisor && !(await store.getTeam(user.team))) {
      await store.putTeam(user.team, supervisor.staffId);
    }
  }
}
