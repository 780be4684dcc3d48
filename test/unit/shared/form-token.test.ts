import { describe, expect, it } from 'vitest';
import {
  formTokenLifetimeMs,
  signFormToken,
  verifyFormToken,
} from '../../../functions/shared/rules/form-token';

const key = 'a signing key of enough length';
const nonce = 'n0nce-of-the-form_123456';
const issuedAt = new Date('2026-03-14T09:00:00Z');
const later = (ms: number) => new Date(issuedAt.getTime() + ms);

describe('form token', () => {
  it('verifies a token it signed, giving back its nonce and time', () => {
    const token = signFormToken(key, nonce, issuedAt);
    expect(verifyFormToken(key, token, later(60_000))).toEqual({ valid: true, nonce, issuedAt });
  });

  it('refuses a token signed with another key', () => {
    const token = signFormToken('another key of enough length', nonce, issuedAt);
    expect(verifyFormToken(key, token, later(1000))).toEqual({
      valid: false,
      reason: 'bad-signature',
    });
  });

  it('refuses a token whose nonce or time was changed', () => {
    const token = signFormToken(key, nonce, issuedAt);
    const [v, k, n, t, s] = token.split('.');
    const otherNonce = [v, k, `${n?.slice(0, -1)}X`, t, s].join('.');
    const otherTime = [v, k, n, String(Number(t) + 3_600_000), s].join('.');
    expect(verifyFormToken(key, otherNonce, later(1000))).toMatchObject({
      reason: 'bad-signature',
    });
    expect(verifyFormToken(key, otherTime, later(1000))).toMatchObject({ reason: 'bad-signature' });
  });

  it('refuses a token past its lifetime', () => {
    const token = signFormToken(key, nonce, issuedAt);
    expect(verifyFormToken(key, token, later(formTokenLifetimeMs)).valid).toBe(true);
    expect(verifyFormToken(key, token, later(formTokenLifetimeMs + 1))).toEqual({
      valid: false,
      reason: 'expired',
    });
  });

  it('refuses a token issued well in the future', () => {
    const token = signFormToken(key, nonce, later(60 * 60 * 1000));
    expect(verifyFormToken(key, token, issuedAt)).toMatchObject({ valid: false });
  });

  it.each(['', 'garbage', 'v1.short.1.sig', `v2.${nonce}.1.${'A'.repeat(43)}`, `v1.${nonce}..x`])(
    'refuses the malformed token %j',
    (token) => {
      expect(verifyFormToken(key, token, issuedAt)).toEqual({ valid: false, reason: 'malformed' });
    },
  );

  it('gives different forms different tokens', () => {
    expect(signFormToken(key, nonce, issuedAt)).not.toBe(signFormToken(key, `${nonce}x`, issuedAt));
  });
});
