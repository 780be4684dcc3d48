import { afterEach, describe, expect, it } from 'vitest';
import { requireEnv, requireLocale } from '../../../functions/shared/env';

describe('function environment', () => {
  afterEach(() => {
    delete process.env.DESK_TEST_VARIABLE;
  });

  it('fails loudly, naming a missing variable', () => {
    expect(() => requireEnv('DESK_TEST_VARIABLE')).toThrow(/DESK_TEST_VARIABLE/);
    process.env.DESK_TEST_VARIABLE = '';
    expect(() => requireEnv('DESK_TEST_VARIABLE')).toThrow(/Missing environment variable/);
  });

  it('reads a given one', () => {
    process.env.DESK_TEST_VARIABLE = 'desk';
    expect(requireEnv('DESK_TEST_VARIABLE')).toBe('desk');
  });

  it('refuses a locale the desk does not speak', () => {
    process.env.DESK_TEST_VARIABLE = 'fr';
    expect(() => requireLocale('DESK_TEST_VARIABLE')).toThrow(/en, de, el, ko, zh/);
    process.env.DESK_TEST_VARIABLE = 'el';
    expect(requireLocale('DESK_TEST_VARIABLE')).toBe('el');
  });
});
