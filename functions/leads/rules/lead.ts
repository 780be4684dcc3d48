import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type Locale, locales } from '../../shared/locales';
import { isCountryCode } from '../../shared/rules/countries';
import { emailAddressField } from '../../shared/rules/email-address';
import { textField } from '../../shared/rules/text-fields';

/**
 * A lead as a prospect gives it (the public form or the JSON API), validated and normalised.
 * Problems are codes, not sentences, so the form can show them in the prospect's language.
 */

export const leadFields = [
  'name',
  'company',
  'email',
  'phone',
  'country',
  'language',
  'interest',
  'message',
] as const;
export type LeadField = (typeof leadFields)[number];

export type LeadProblemCode =
  | 'required'
  | 'not-text'
  | 'too-long'
  | 'control-characters'
  | 'invalid-email'
  | 'invalid-phone'
  | 'invalid-country'
  | 'invalid-language';

export interface LeadProblem {
  field: LeadField;
  problem: LeadProblemCode;
  /** For `too-long`: the most characters the field takes. */
  limit?: number;
}

/** Longest text each field takes, in characters. */
export const leadFieldLimits: Record<LeadField, number> = {
  name: 200,
  company: 200,
  email: 254,
  phone: 30,
  country: 2,
  language: 2,
  interest: 200,
  message: 5000,
};

export interface LeadDetails {
  name: string;
  company?: string;
  email: string;
  phone?: string;
  country: string;
  language: Locale;
  interest: string;
  message?: string;
}

/** `web-form` and `api` come in by themselves; staff enter the others (and web enquiries). */
export type LeadSource = 'web-form' | 'api' | 'cold-call' | 'exhibition' | 'referral';

/**
 * Where a lead stands: `new` waits for an owner, `assigned` for first contact, `contacted` is
 * being worked; it ends `won` (its contract became active), `lost` (staff said so, with a reason)
 * or `rejected` (by a supervisor's review). Nothing chases a lead that ended.
 */
export const leadStatuses = ['new', 'assigned', 'contacted', 'won', 'lost', 'rejected'] as const;

export type LeadStatus = (typeof leadStatuses)[number];

export function isLeadStatus(value: unknown): value is LeadStatus {
  return typeof value === 'string' && (leadStatuses as readonly string[]).includes(value);
}

export const leadSources: readonly LeadSource[] = [
  'web-form',
  'api',
  'cold-call',
  'exhibition',
  'referral',
];

/** The sources a staff member chooses from when entering a lead by hand. */
export const staffEntrySources: readonly LeadSource[] = [
  'cold-call',
  'exhibition',
  'referral',
  'web-form',
];

export function isLeadSource(value: unknown): value is LeadSource {
  return typeof value === 'string' && (leadSources as readonly string[]).includes(value);
}

/** The agent who works a lead, and the team it belongs to through them. */
export interface LeadOwner {
  staffId: string;
  name: string;
  team: string;
}

/** What qualification found, kept on the lead so staff see why it scored what it did. */
export interface LeadQualification {
  score: number;
  qualified: boolean;
  flags: string[];
  breakdown: { factor: string; points: number }[];
  at: string;
}

/** A stored lead. */
export interface Lead extends LeadDetails {
  leadId: string;
  source: LeadSource;
  receivedAt: string;
  status: LeadStatus;
  /** The agent working the lead, their name and team; all absent while it is unassigned. */
  ownerId?: string;
  ownerName?: string;
  team?: string;
  assignedAt?: string;
  /** First contact is due by then (set by the intake's assignment). */
  firstContactDueAt?: string;
  /** Qualification as the intake found it (absent until the lead is qualified). */
  qualification?: LeadQualification;
  /** Why a supervisor rejected the lead (status `rejected`). */
  rejectionReason?: string;
  /** The contract whose activation won the lead (status `won`). */
  wonWith?: { contractId: string; at: string };
  /** Why, when and by whom the lead was lost (status `lost`). */
  lost?: { reason: string; at: string; by: { staffId: string; name: string } };
  /**
   * The same prospect (email or phone) wrote before: the earlier lead or their account. Such a
   * lead has no intake of its own; the earlier lead's agent (or the account's owner) works it.
   */
  linkedTo?: { leadId?: string; accountId?: string };
  /**
   * A linked enquiry takes its owner from the earlier record (`store/linked-enquiries.ts`): the
   * version of the earlier lead it was copied from, so an older copy never replaces a newer one.
   */
  linkedOwnerVersion?: number;
  /** Bumped by every staff change; a change names the version it was made on. */
  version: number;
}

const text = z.preprocess((v) => v ?? '', z.string({ error: 'not-text' }));

/**
 * One line of text (`text-fields.ts`): invisible characters removed, trimmed, inner whitespace
 * (line breaks included) collapsed to one space; problems are the codes the form translates.
 */
function singleLine(field: LeadField, required: boolean) {
  return textField({ max: leadFieldLimits[field], required }).transform((s) =>
    s === '' ? undefined : s,
  );
}

const required = (field: LeadField) => singleLine(field, true).transform((s) => s ?? '');

/** The desk's one address rule (`email-address.ts`): what it takes, the mailer sends to. */
const email = emailAddressField();

const phone = singleLine('phone', false).refine(
  (s) => {
    if (s === undefined) return true;
    const digits = s.replace(/\D/g, '').length;
    return /^\+?[0-9 ()./-]+$/.test(s) && digits >= 5 && digits <= 15;
  },
  { error: 'invalid-phone' },
);

const country = text
  .transform((s) => s.trim().toUpperCase())
  .pipe(
    z.string().min(1, { error: 'required' }).refine(isCountryCode, { error: 'invalid-country' }),
  );

/** Keeps paragraphs: line breaks stay (as `\n`), other control characters are refused. */
const message = textField({
  max: leadFieldLimits.message,
  required: false,
  multiline: true,
}).transform((s) => (s === '' ? undefined : s));

function leadSchema(defaultLanguage: Locale) {
  return z.object({
    name: required('name'),
    company: singleLine('company', false),
    email,
    phone,
    country,
    language: text
      .transform((s) => s.trim().toLowerCase() || defaultLanguage)
      .pipe(z.enum(locales, { error: 'invalid-language' })),
    interest: required('interest'),
    message,
  });
}

export type LeadValidation =
  | { ok: true; lead: LeadDetails }
  | { ok: false; problems: LeadProblem[] };

/**
 * Validates what a prospect sent. Unknown fields are ignored; a missing language becomes the
 * default one. Every field with a problem is reported (the first problem of each).
 */
export function validateLead(
  raw: Record<string, unknown>,
  defaultLanguage: Locale,
): LeadValidation {
  const parsed = leadSchema(defaultLanguage).safeParse(raw);
  if (parsed.success) {
    const lead: LeadDetails = {
      name: parsed.data.name,
      email: parsed.data.email,
      country: parsed.data.country,
      language: parsed.data.language,
      interest: parsed.data.interest,
    };
    // Optional fields are left out rather than stored empty.
    if (parsed.data.company) lead.company = parsed.data.company;
    if (parsed.data.phone) lead.phone = parsed.data.phone;
    if (parsed.data.message) lead.message = parsed.data.message;
    return { ok: true, lead };
  }
  const problems: LeadProblem[] = [];
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (!isLeadField(field) || problems.some((p) => p.field === field)) continue;
    const problem = isProblemCode(issue.message) ? issue.message : 'not-text';
    problems.push(
      problem === 'too-long'
        ? { field, problem, limit: leadFieldLimits[field] }
        : { field, problem },
    );
  }
  problems.sort((a, b) => leadFields.indexOf(a.field) - leadFields.indexOf(b.field));
  return { ok: false, problems };
}

/** A fingerprint of the details, to tell a true replay from a reused key with other content. */
export function leadFingerprint(details: LeadDetails): string {
  const ordered = leadFields.map((f) => details[f] ?? null);
  return createHash('sha256').update(JSON.stringify(ordered)).digest('base64url');
}

function isLeadField(value: unknown): value is LeadField {
  return typeof value === 'string' && (leadFields as readonly string[]).includes(value);
}

const problemCodes: readonly string[] = [
  'required',
  'not-text',
  'too-long',
  'control-characters',
  'invalid-email',
  'invalid-phone',
  'invalid-country',
  'invalid-language',
];
function isProblemCode(value: string): value is LeadProblemCode {
  return problemCodes.includes(value);
}
