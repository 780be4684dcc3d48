import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { keysFor, legacyKeyId, type SigningKeyInput } from '../signing-key';

/**
 * The one-time token of the public lead form: a random nonce and the time the form was served,
 * signed with HMAC-SHA256 under the forms' key. The nonce is the submission's business key, so one
 * served form makes at most one lead however often it is posted; the signature stops forged nonces.
 *
 * Format: `v2.<key id>.<nonce>.<issued at, epoch ms>.<signature>` (base64url parts); a form served
 * before key ids existed (`v1.<nonce>.<issued at>.<signature>`) is checked with the legacy key.
 */

/** A form may be filled in slowly, but not days later. */
export const formTokenLifetimeMs = 24 * 60 * 60 * 1000;
/** Clocks of two machines differ a little; more than this in the future is a forgery. */
const allowedClockSkewMs = 5 * 60 * 1000;

export type FormTokenCheck =
  | { valid: true; nonce: string; issuedAt: Date }
  | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function signFormToken(keys: SigningKeyInput, nonce: string, issuedAt: Date): string {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce))
    throw new Error('A form token nonce is 16-64 base64url characters');
  const { signing } = keysFor(keys, 'forms');
  const payload = `v2.${signing.id}.${nonce}.${issuedAt.getTime()}`;
  return `${payload}.${signature(signing.key, payload)}`;
}

export function verifyFormToken(keys: SigningKeyInput, token: string, now: Date): FormTokenCheck {
  const match =
    /^(?:v2\.([A-Za-z0-9_-]{1,16})|v1)\.([A-Za-z0-9_-]{16,64})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(
      token,
    );
  if (!match || match[1] === legacyKeyId) return { valid: false, reason: 'malformed' };
  // A v1 token has no key id: the legacy key checks it.
  const [, keyId = legacyKeyId, nonce = '', issued = '', given = ''] = match;
  const signed = token.slice(0, token.lastIndexOf('.'));
  const key = keysFor(keys, 'forms').find(keyId);
  if (!key) return { valid: false, reason: 'bad-signature' };
  const expected = Buffer.from(signature(key.key, signed), 'base64url');
  const received = Buffer.from(given, 'base64url');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return { valid: false, reason: 'bad-signature' };
  }
  const issuedAt = new Date(Number(issued));
  const age = now.getTime() - issuedAt.getTime();
  if (age > formTokenLifetimeMs || age < -allowedClockSkewMs)
    return { valid: false, reason: 'expired' };
  return { valid: true, nonce, issuedAt };
}

function signature(key: Uint8Array, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** A fresh nonce for a served form: 144 random bits. */
export function newFormNonce(): string {
  return randomBytes(18).toString('base64url');
}
