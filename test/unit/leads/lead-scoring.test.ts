import { describe, expect, it } from 'vitest';
import { type QualificationInput, qualifyLead } from '../../../functions/leads/rules/lead-scoring';
import {
  businessRulesSchema,
  defaultBusinessRules,
} from '../../../functions/staff/settings/business-rules';

const rules = defaultBusinessRules.qualification;
const lead = (over: Partial<QualificationInput> = {}): QualificationInput => ({
  email: 'anna@papadopoulos.gr',
  country: 'GR',
  source: 'web-form',
  earlierAccountWrittenOff: false,
  ...over,
});

describe('lead scoring', () => {
  it('scores a bare lead from an unserved country low', () => {
    const q = qualifyLead(lead({ country: 'BR', source: 'unknown-source' }), rules);
    expect(q.score).toBe(0);
    expect(q.qualified).toBe(false);
    expect(q.breakdown).toEqual([]);
  });

  it('adds completeness, company size, served country and source', () => {
    const q = qualifyLead(
      lead({
        company: 'Papadopoulos SA',
        phone: '+30 210 1234567',
        message: 'Hi',
        companySize: 'medium',
      }),
      rules,
    );
    expect(q.breakdown).toEqual([
      { factor: 'company', points: 10 },
      { factor: 'phone', points: 10 },
      { factor: 'message', points: 5 },
      { factor: 'served-country', points: 25 },
      { factor: 'company-size', points: 25 },
      { factor: 'source', points: 10 },
    ]);
    expect(q.score).toBe(85);
    expect(q.qualified).toBe(true);
  });

  it('never leaves 0..100, whatever the weights', () => {
    const heavy = { ...rules, points: { ...rules.points, company: 100, phone: 100 } };
    expect(qualifyLead(lead({ company: 'X', phone: '1' }), heavy).score).toBe(100);
    const negative = { ...rules, points: { ...rules.points, servedCountry: -100 } };
    expect(qualifyLead(lead(), negative).score).toBe(0);
  });

  it('takes its weights from the business rules', () => {
    const referralsOnly = {
      ...rules,
      points: { ...rules.points, source: { referral: 50 } },
      qualifiedFromScore: 50,
    };
    expect(qualifyLead(lead({ source: 'referral', country: 'BR' }), referralsOnly).qualified).toBe(
      true,
    );
    expect(qualifyLead(lead({ source: 'web-form' }), referralsOnly).qualified).toBe(false);
  });

  it('flags blocked email domains, subdomains included, for a supervisor', () => {
    const q = qualifyLead(lead({ email: 'x@Mail.Mailinator.com' }), rules);
    expect(q.flags).toEqual(['blocked-email-domain']);
    expect(q.needsSupervisorReview).toBe(true);
    // Only whole domain labels count: notmailinator.com is not blocked.
    expect(qualifyLead(lead({ email: 'x@notmailinator.com' }), rules).flags).toEqual([]);
  });

  it('flags a prospect whose earlier account was written off', () => {
    const q = qualifyLead(
      lead({ earlierAccountWrittenOff: true, company: 'A', phone: '1' }),
      rules,
    );
    expect(q.flags).toEqual(['earlier-account-written-off']);
    expect(q.needsSupervisorReview).toBe(true);
    expect(qualifyLead(lead(), rules).needsSupervisorReview).toBe(false);
  });

  it('has settings a company can change, checked by the rules schema', () => {
    const stored = structuredClone(defaultBusinessRules) as Record<string, unknown>;
    // A settings item saved before qualification existed still loads, with the defaults.
    delete stored.qualification;
    delete stored.assignment;
    const parsed = businessRulesSchema.parse(stored);
    expect(parsed.qualification).toEqual(rules);
    const broken = structuredClone(defaultBusinessRules);
    broken.qualification.blockedEmailDomains = ['not a domain'];
    broken.qualification.servedCountries = ['XX'];
    const result = businessRulesSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'qualification.servedCountries.0',
      'qualification.blockedEmailDomains.0',
    ]);
  });
});
