import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '../../../functions/accounts/store/contacts';
import { mayDecideReview, readDecisionForm } from '../../../functions/leads/lead-review-decision';
import { ValidationError } from '../../../functions/shared/errors';
import type { StaffPrincipal } from '../../../functions/shared/staff-member';

const problemsOf = (fields: Record<string, string>) => {
  try {
    readDecisionForm(fields);
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.problems.map((p) => p.field);
  }
};

describe('the decision form of a lead review', () => {
  it('takes approve without a reason and reject with one, trimmed', () => {
    expect(readDecisionForm({ decision: 'approve' })).toEqual({ verdict: 'approve', reason: '' });
    expect(readDecisionForm({ decision: 'reject', reason: '  Fake firm ' })).toEqual({
      verdict: 'reject',
      reason: 'Fake firm',
    });
  });

  it('names the field of what is missing or wrong', () => {
    expect(problemsOf({})).toEqual(['decision']);
    expect(problemsOf({ decision: 'maybe' })).toEqual(['decision']);
    expect(problemsOf({ decision: 'reject', reason: '   ' })).toEqual(['reason']);
    expect(problemsOf({ decision: 'approve', reason: 'x'.repeat(501) })).toEqual(['reason']);
  });
});

describe('who decides a review in the back office', () => {
  const person = (role: StaffPrincipal['role'], team: string) =>
    ({ staffId: 's', name: 'N', email: 'n@desk.local', role, team }) as StaffPrincipal;
  it("is the supervisor of the lead's team or any manager", () => {
    expect(mayDecideReview(person('supervisor', 'north'), 'north')).toBe(true);
    expect(mayDecideReview(person('supervisor', 'south'), 'north')).toBe(false);
    expect(mayDecideReview(person('manager', 'office'), 'north')).toBe(true);
    expect(mayDecideReview(person('agent', 'north'), 'north')).toBe(false);
  });
});

describe('contact details as the duplicate check compares them', () => {
  it('compares email addresses without case or surrounding spaces', () => {
    expect(normaliseEmail('  Anna.Mueller@Example.DE ')).toBe('anna.mueller@example.de');
  });

  it('compares phone numbers by their digits, keeping a leading +', () => {
    expect(normalisePhone('+30 (210) 555-0199')).toBe('+302105550199');
    expect(normalisePhone('+302105550199')).toBe('+302105550199');
    expect(normalisePhone('0030 210 5550199')).toBe('00302105550199');
    expect(normalisePhone('12-34')).toBeUndefined();
    expect(normalisePhone(undefined)).toBeUndefined();
  });
});
