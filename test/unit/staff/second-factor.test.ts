import { describe, expect, it } from 'vitest';
import {
  businessRulesSchema,
  defaultBusinessRules,
} from '../../../functions/staff/settings/business-rules';
import { secondFactorRefusal } from '../../../functions/staff/sign-in/second-factor';

/** Managers and finance sign in with a second factor on AWS; agents and supervisors by setting. */

const none = { mfaAlsoRequiredFor: [] };
const agents = { mfaAlsoRequiredFor: ['agent' as const] };
const rules = (signIn: typeof none | typeof agents) => async () => signIn;
const password = ['pwd'];
const withCode = ['pwd', 'otp', 'mfa'];

describe('a session without a second factor', () => {
  it.each(['manager', 'finance'] as const)('is refused to %s on AWS', async (role) => {
    expect(await secondFactorRefusal('amr', role, password, rules(none))).toMatch(/second factor/);
    expect(await secondFactorRefusal('amr', role, [], rules(none))).toMatch(/second factor/);
  });

  it.each(['agent', 'supervisor'] as const)(
    'is allowed to %s unless the settings say',
    async (role) => {
      expect(await secondFactorRefusal('amr', role, password, rules(none))).toBeUndefined();
    },
  );

  it('is refused to agents when the settings require it of them, and to them only', async () => {
    expect(await secondFactorRefusal('amr', 'agent', password, rules(agents))).toMatch(
      /agent role/,
    );
    expect(await secondFactorRefusal('amr', 'supervisor', password, rules(agents))).toBeUndefined();
  });

  it('is allowed to everyone where the sign-in service has no second factor (the local issuer)', async () => {
    for (const role of ['manager', 'finance', 'agent', 'supervisor'] as const) {
      expect(await secondFactorRefusal('none', role, [], rules(agents))).toBeUndefined();
    }
  });
});

describe('a session with a second factor', () => {
  it('is allowed to every role', async () => {
    for (const role of ['manager', 'finance', 'agent', 'supervisor'] as const) {
      expect(await secondFactorRefusal('amr', role, withCode, rules(agents))).toBeUndefined();
    }
  });

  it('needs no look at the settings for managers and finance', async () => {
    const unread = async () => {
      throw new Error('the settings were read');
    };
    expect(await secondFactorRefusal('amr', 'manager', password, unread)).toMatch(/manager/);
    expect(await secondFactorRefusal('amr', 'finance', withCode, unread)).toBeUndefined();
  });
});

describe('the setting', () => {
  it('is off for agents and supervisors by default, also on settings saved before it existed', () => {
    expect(defaultBusinessRules.signIn.mfaAlsoRequiredFor).toEqual([]);
    const { signIn: _signIn, ...older } = defaultBusinessRules;
    expect(businessRulesSchema.parse(older).signIn).toEqual({ mfaAlsoRequiredFor: [] });
  });

  it('names only agents or supervisors: managers and finance need no setting', () => {
    const parsed = businessRulesSchema.safeParse({
      ...defaultBusinessRules,
      signIn: { mfaAlsoRequiredFor: ['manager'] },
    });
    expect(parsed.success).toBe(false);
  });
});
