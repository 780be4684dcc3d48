import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ulid } from 'ulidx';

/**
 * The key an API client sends with `POST /leads` (`Authorization: Bearer <key>`). A manager
 * creates one per client in the back office and sees it once; the desk keeps only a hash of its
 * secret, so a copy of the table lets nobody post leads.
 *
 * Format: `desk_<key id (ULID)>_<secret: 32 random bytes, base64url>`. The id finds the stored key
 * with one read; the secret is compared by its SHA-256 (a random 256-bit secret needs no slow
 * hash: there is nothing to guess from).
 */

export interface IssuedApiKey {
  keyId: string;
  /** The whole key, shown to the manager once and never stored. */
  token: string;
  secretHash: string;
}

const tokenPattern = /^desk_([0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$/;

export function issueApiKey(now: Date): IssuedApiKey {
  const keyId = ulid(now.getTime());
  const secret = randomBytes(32).toString('base64url');
  return { keyId, token: `desk_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

/** The key id and secret of a presented key; undefined when it cannot be one of ours. */
export function readApiKey(token: string): { keyId: string; secret: string } | undefined {
  const match = tokenPattern.exec(token);
  if (!match) return undefined;
  return { keyId: match[1] ?? '', secret: match[2] ?? '' };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Compares in constant time, so the answer's timing tells nothing about the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const given = Buffer.from(hashSecret(secret));
  const stored = Buffer.from(storedHash);
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** The key of an `Authorization: Bearer <key>` header, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
