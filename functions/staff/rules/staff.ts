import { z } from 'zod';
import { ValidationError } from '../../shared/errors';
import { locales } from '../../shared/locales';
import { emailAddressField } from '../../shared/rules/email-address';
import { textField } from '../../shared/rules/text-fields';
import type { StaffMember } from '../../shared/staff-member';
import { staffRoles } from '../../shared/staff-roles';
import { parseInput } from '../../shared/validation';

/**
 * The staff directory's rules: what a manager may write into an entry or a team. Problems name
 * the field (`workingHours.start`), so the API and the back office can show them next to it.
 */

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
  error: 'use HH:MM, for example 09:00',
});

/** Team names are short slugs: `north`, `key-accounts`. */
export const teamNameSchema = z
  .string({ error: 'a team name is required' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
    error: 'use 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit',
  });

export const staffDetailsSchema = z.object({
  name: textField({
    max: 200,
    messages: {
      required: 'a name is required',
      'not-text': 'a name is required',
      'too-long': 'use at most 200 characters',
      'control-characters': 'remove the control characters',
    },
  }),
  // Staff addresses are sign-in names too: kept lower-case, so one person has one entry.
  email: emailAddressField({
    required: 'an email address is required',
    'too-long': 'use at most 254 characters',
    'invalid-email': 'enter an email address like name@example.com',
  }).transform((address) => address.toLowerCase()),
  role: z.enum(staffRoles, { error: `one of ${staffRoles.join(', ')}` }),
  team: teamNameSchema,
  capacity: z
    .number({ error: 'a whole number of open leads and accounts' })
    .int({ error: 'a whole number of open leads and accounts' })
    .min(0, { error: 'at least 0' })
    .max(1000, { error: 'at most 1000' }),
  language: z.enum(locales, { error: `one of ${locales.join(', ')}` }),
  workingHours: z
    .object({ start: clockTime, end: clockTime }, { error: 'give start and end, as HH:MM' })
    .refine((h) => h.start < h.end, { error: 'the working day must end after it starts' }),
  active: z.boolean({ error: 'true or false' }).default(true),
});

export type StaffDetails = z.infer<typeof staffDetailsSchema>;

const versionSchema = z
  .number({ error: 'the version you read is required, to detect concurrent edits' })
  .int()
  .min(1);

/** A new directory entry as a manager gives it; throws a ValidationError naming each field. */
export function parseNewStaffMember(input: unknown): StaffDetails {
  return parseInput(staffDetailsSchema.strict(), input);
}

/** An edit of an entry: every field again, plus the version the editor read. */
export function parseStaffEdit(input: unknown): { details: StaffDetails; version: number } {
  const { version, ...details } = parseInput(
    staffDetailsSchema.extend({ version: versionSchema }).strict(),
    input,
  );
  return { details, version };
}

/** A team's name as a path gives it (`north`); throws a ValidationError naming `team`. */
export function parseTeamName(team: unknown): string {
  return parseInput(z.object({ team: teamNameSchema }), { team }).team;
}

/** A team's supervisor; `version` when changing an existing team, absent when creating one. */
export function parseTeamEdit(input: unknown): { supervisorId: string; version?: number } {
  return parseInput(
    z
      .object({
        supervisorId: z.string({ error: 'the staff id of the supervisor is required' }).min(1),
        version: versionSchema.optional(),
      })
      .strict(),
    input,
  );
}

/** A team is answered for by one of its own supervisors, who is active. */
export function checkTeamSupervisor(team: string, supervisor: StaffMember | undefined): void {
  const problem = !supervisor
    ? 'there is no staff member with this id'
    : supervisor.role !== 'supervisor'
      ? `${supervisor.name} is a ${supervisor.role}, not a supervisor`
      : supervisor.team !== team
        ? `${supervisor.name} belongs to team ${supervisor.team}, not ${team}`
        : !supervisor.active
          ? `${supervisor.name} is not active`
          : undefined;
  if (problem) throw new ValidationError([{ field: 'supervisorId', message: problem }]);
}
