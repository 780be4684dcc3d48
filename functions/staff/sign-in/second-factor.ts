import type { StaffRole } from '../../shared/staff-roles';
import type { BusinessRules } from '../settings/business-rules';

/**
 * Who must sign in with a second factor. Managers and finance move money and change who may do
 * what, so their sessions need one; agents and supervisors when the business rules say so
 * (`signIn.mfaAlsoRequiredFor`). Cognito's MFA is one setting for the whole user pool (optional,
 * with authenticator apps), so the desk enforces the rule: a session whose token does not report
 * a second factor (`amr` without `mfa`) is refused for these roles.
 *
 * Where the sign-in service has no second factor (the local issuer), nothing is enforced:
 * `secondFactor` is `none` there and `amr` on AWS.
 */

export type SecondFactorCheck = 'amr' | 'none';

export function isSecondFactorCheck(value: unknown): value is SecondFactorCheck {
  return value === 'amr' || value === 'none';
}

export function needsSecondFactor(role: StaffRole, rules: BusinessRules['signIn']): boolean {
  return (
    role === 'manager' ||
    role === 'finance' ||
    (rules.mfaAlsoRequiredFor as readonly string[]).includes(role)
  );
}

/**
 * Why this session is refused for want of a second factor, or undefined when it may go on. The
 * rules are read only when the role's need depends on them.
 */
export async function secondFactorRefusal(
  check: SecondFactorCheck,
  role: StaffRole,
  methods: readonly string[],
  rules: () => Promise<BusinessRules['signIn']>,
): Promise<string | undefined> {
  if (check === 'none' || methods.includes('mfa')) return undefined;
  const needed = role === 'manager' || role === 'finance' || needsSecondFactor(role, await rules());
  return needed
    ? `the ${role} role signs in with a second factor and this sign-in had none`
    : undefined;
}
