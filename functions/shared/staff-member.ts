import type { Locale } from './locales';
import type { StaffRole } from './staff-roles';

/**
 * The staff member a request comes from. The staff authorizer checks the sign-in token, finds the
 * directory entry linked to it and hands these fields to the handler (on AWS as the Lambda
 * authorizer's context, locally the gateway does the same); handlers never trust anything else.
 */
export interface StaffPrincipal {
  staffId: string;
  name: string;
  email: string;
  role: StaffRole;
  team: string;
}

/** One entry of the staff directory. */
export interface StaffMember {
  staffId: string;
  name: string;
  email: string;
  role: StaffRole;
  team: string;
  /** How many open leads and accounts this person can carry; assignment weighs by it. */
  capacity: number;
  language: Locale;
  /** Working hours in the company's time zone, `HH:MM`. */
  workingHours: { start: string; end: string };
  active: boolean;
  /** The sign-in identity (`sub` of the token) linked to this entry, once known. */
  identitySubject?: string;
  version: number;
}

/** A team and the supervisor who answers for it. */
export interface Team {
  team: string;
  supervisorId: string;
}
