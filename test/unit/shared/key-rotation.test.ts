import { describe, expect, it } from 'vitest';
import { createSignedLink, verifySignedLink } from '../../../functions/shared/signed-link';
import {
  type StoredSigningKeys,
  signingKeysAt,
  storedSigningKeys,
} from '../../../functions/shared/signing-key';
import { describeKeys, newKeyStartsAfterMs, rotatePurpose } from '../../../infra/cli/key-rotation';

/** What `npm run signing-keys -- rotate` does to the secret. */

const plainSecret = 'the-secret-as-first-deployed-0123456789';
const t0 = new Date('2026-05-01T10:00:00Z');
const days = (n: number) => new Date(t0.getTime() + n * 86_400_000);
const claims = (expiresAt: Date) => ({
  purpose: 'contract-approval',
  subject: 'C1',
  expiresAt,
  locale: 'en' as const,
});
let counter = 0;
const newKey = () => `fresh-key-${++counter}-0123456789abcdef`;

describe('rotating the links keys', () => {
  const first = rotatePurpose(storedSigningKeys(plainSecret), 'links', { now: t0, newKey });

  it('adds a key that signs a few minutes later, once every function has read it', () => {
    expect(first.added).toMatchObject({
      id: 'k1',
      from: new Date(t0.getTime() + newKeyStartsAfterMs).toISOString(),
    });
    expect(signingKeysAt(first.keys, t0).links.signing.id).toBe('0');
    expect(signingKeysAt(first.keys, days(1)).links.signing.id).toBe('k1');
  });

  it('leaves the other purposes alone', () => {
    const before = storedSigningKeys(plainSecret);
    expect(first.keys.forms).toEqual(before.forms);
    expect(first.keys.csrf).toEqual(before.csrf);
  });

  it('keeps what was signed before working until it expires: links with and without key ids', () => {
    const before = storedSigningKeys(plainSecret);
    const signedBefore = createSignedLink(claims(days(30)), signingKeysAt(before, t0)).token;
    const after = signingKeysAt(first.keys, days(1));
    expect(verifySignedLink(signedBefore, after, days(29)).status).toBe('valid');
    expect(verifySignedLink(signedBefore, after, days(30)).status).toBe('expired');
    expect(first.keys.links.map((k) => k.id)).toEqual(['0', 'legacy', 'k1']);
  });

  it('drops a replaced key at a later rotation, once nothing it signed can still be valid', () => {
    const second = rotatePurpose(first.keys, 'links', { now: days(40), newKey });
    expect(second.dropped).toEqual([]);
    expect(second.keys.links.map((k) => k.id)).toEqual(['0', 'legacy', 'k1', 'k2']);
    const third = rotatePurpose(second.keys, 'links', { now: days(120), newKey });
    expect(third.dropped).toEqual(['0', 'legacy']);
    expect(third.keys.links.map((k) => k.id)).toEqual(['k1', 'k2', 'k3']);
  });

  it('after a leak, signs with the new key at once and drops every older one', () => {
    const leaked = rotatePurpose(first.keys, 'links', { now: days(2), newKey, dropPrevious: true });
    expect(leaked.keys.links.map((k) => k.id)).toEqual(['k2']);
    expect(signingKeysAt(leaked.keys, days(2)).links.signing.id).toBe('k2');
  });

  it('keeps form and CSRF keys only as long as their tokens live', () => {
    const once = rotatePurpose(first.keys, 'forms', { now: t0, newKey });
    expect(rotatePurpose(once.keys, 'forms', { now: days(1), newKey }).dropped).toEqual([]);
    expect(rotatePurpose(once.keys, 'forms', { now: days(3), newKey }).dropped).toEqual([
      '0',
      'legacy',
    ]);
  });

  it('says which key signs and which only verifies, never the key itself', () => {
    const lines = describeKeys(first.keys as StoredSigningKeys, days(1)).join('\n');
    expect(lines).toMatch(/links +k1 +signs now/);
    expect(lines).toMatch(/links +0 +replaced 2026-05-01T10:10:00.000Z, still verifies/);
    expect(lines).toMatch(/forms +0 +signs now/);
    expect(lines).not.toContain(plainSecret);
    expect(lines).not.toContain('fresh-key');
  });
});
