import { z } from 'zod';
import { isCountryCode } from '../../shared/rules/countries';

/**
 * Qualification: how promising a lead is (a score from 0 to 100) and whether the prospect is
 * reliable enough to work without a supervisor's look. Every weight is a business rule.
 *
 * Score = completeness (company, phone, message given) + company size + served country + source,
 * cut to 0..100. Reliability: an email domain the company blocks, or an earlier account of the
 * prospect written off, flags the lead for a supervisor's review.
 */

export const companySizes = ['unknown', 'micro', 'small', 'medium', 'large'] as const;
/** Employees: micro 1–9, small 10–49, medium 50–249, large 250 and more. */
export type CompanySize = (typeof companySizes)[number];

const points = z.number().int().min(-100).max(100);
const domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: 'use domain names like example.com',
  });
const countryCode = z.string().refine(isCountryCode, { error: 'use ISO country codes like GR' });

export const qualificationRulesSchema = z.object({
  points: z.object({
    company: points,
    phone: points,
    message: points,
    servedCountry: points,
    companySize: z.object({
      unknown: points,
      micro: points,
      small: points,
      medium: points,
      large: points,
    }),
    /** Points by source (`web-form`, `referral`, …); a source not listed gets none. */
    source: z.record(z.string(), points),
  }),
  /** A lead scoring this much or more counts as qualified. */
  qualifiedFromScore: z.number().int().min(0).max(100),
  servedCountries: z.array(countryCode).min(1),
  /** Mail of these domains (and their subdomains) marks a prospect unreliable. */
  blockedEmailDomains: z.array(domain),
});

export type QualificationRules = z.infer<typeof qualificationRulesSchema>;

export const defaultQualificationRules: QualificationRules = {
  points: {
    company: 10,
    phone: 10,
    message: 5,
    servedCountry: 25,
    companySize: { unknown: 0, micro: 5, small: 15, medium: 25, large: 30 },
    source: { referral: 20, exhibition: 15, 'web-form': 10, 'cold-call': 5, api: 5 },
  },
  qualifiedFromScore: 40,
  servedCountries: ['GR', 'CY', 'DE', 'AT', 'CH', 'KR', 'CN', 'HK', 'TW', 'SG', 'GB', 'IE'],
  // Throw-away mailboxes: nobody signs a contract from one.
  blockedEmailDomains: ['mailinator.com', 'guerrillamail.com', 'yopmail.com'],
};

/** What qualification looks at: the lead as given, and facts the caller looked up. */
export interface QualificationInput {
  email: string;
  company?: string;
  phone?: string;
  message?: string;
  country: string;
  source: string;
  companySize?: CompanySize;
  /** An earlier account of this prospect (same email, phone or company) was written off. */
  earlierAccountWrittenOff: boolean;
}

export type ScoreFactor =
  | 'company'
  | 'phone'
  | 'message'
  | 'served-country'
  | 'company-size'
  | 'source';

export type ReliabilityFlag = 'blocked-email-domain' | 'earlier-account-written-off';

export interface Qualification {
  score: number;
  /** Each factor that gave points, so staff see why a lead scored what it did. */
  breakdown: { factor: ScoreFactor; points: number }[];
  qualified: boolean;
  flags: ReliabilityFlag[];
  needsSupervisorReview: boolean;
}

/** The domain of an email address, lower-cased. */
export function emailDomain(email: string): string {
  return email
    .slice(email.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
}

function isBlocked(email: string, blocked: readonly string[]): boolean {
  const d = emailDomain(email);
  return blocked.some((b) => d === b || d.endsWith(`.${b}`));
}

export function qualifyLead(lead: QualificationInput, rules: QualificationRules): Qualification {
  const p = rules.points;
  const given = (value: string | undefined) => Boolean(value?.trim());
  const factors: [ScoreFactor, number][] = [
    ['company', given(lead.company) ? p.company : 0],
    ['phone', given(lead.phone) ? p.phone : 0],
    ['message', given(lead.message) ? p.message : 0],
    ['served-country', rules.servedCountries.includes(lead.country) ? p.servedCountry : 0],
    ['company-size', p.companySize[lead.companySize ?? 'unknown']],
    ['source', p.source[lead.source] ?? 0],
  ];
  const breakdown = factors
    .filter(([, n]) => n !== 0)
    .map(([factor, n]) => ({ factor, points: n }));
  const total = breakdown.reduce((sum, f) => sum + f.points, 0);
  const score = Math.max(0, Math.min(100, total));

  const flags: ReliabilityFlag[] = [];
  if (isBlocked(lead.email, rules.blockedEmailDomains)) flags.push('blocked-email-domain');
  if (lead.earlierAccountWrittenOff) flags.push('earlier-account-written-off');

  return {
    score,
    breakdown,
    qualified: score >= rules.qualifiedFromScore,
    flags,
    needsSupervisorReview: flags.length > 0,
  };
}
