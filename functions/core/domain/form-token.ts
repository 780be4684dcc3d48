import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The one-time token of the public lead form: a random nonce and the time the form was served,
 * signed with HMAC-SHA256. The nonce is the submission's business key, so one served form makes
 * at most one lead however often it is posted; the signature stops forged nonces.
 *
 * Format: `v1.<nonce>.<issued at, epoch ms>.<signature>` (base64url parts).
 */

/** A form may be filled in slowly, but not days later. */
export const formTokenLifetimeMs = 24 * 60 * 60 * 1000;
/** Clocks of two machines differ a little; more than this in the future is a forgery. */
const allowedClockSkewMs = 5 * 60 * 1000;

export type FormTokenCheck =
  | { valid: true; nonce: string; issuedAt: Date }
  | { valid: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export function signFormToken(key: string | Uint8Array, nonce: string, issuedAt: Date): string {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce))
    throw new Error('A form token nonce is 16-64 base64url characters');
  const payload = `v1.${nonce}.${issuedAt.getTime()}`;
  return `${payload}.${signature(key, payload)}`;
}

export function verifyFormToken(
  key: string | Uint8Array,
  token: string,
  now: Date,
): FormTokenCheck {
  const match = /^v1\.([A-Za-z0-9_-]{16,64})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { valid: false, reason: 'malformed' };
  const [, nonce = '', issued = '', given = ''] = match;
  const expected = Buffer.from(signature(key, `v1.${nonce}.${issued}`), 'base64url');
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

function signature(key: string | Uint8Array, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url');
}

/** A fresh nonce for a served form: 144 random bits. */
export function newFormNonce(): string {
  return randomBytes(18).toString('base64url');
}
