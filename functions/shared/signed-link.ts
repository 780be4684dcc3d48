import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isLocale, type Locale } from './locales';
import { keyIdPattern, keysFor, legacyKeyId, type SigningKeyInput } from './signing-key';

/**
 * Signed links: what a customer or approver clicks in an email (accept a quote, approve or sign a
 * contract, renew). The token carries its purpose, the record it acts on, its expiry and the
 * reader's language, signed with HMAC-SHA256 under the links' key (`signing-key.ts`). Nothing in
 * it is secret, only unforgeable: changing one character breaks the signature.
 *
 * Format: `v2.<key id>.<base64url JSON payload>.<base64url signature>`; the key id says which of
 * the links' keys signed it, so a link keeps working after a rotation until it expires. Links
 * signed before key ids existed (`v1.<payload>.<signature>`) are checked with the legacy key.
 * A link works once: its handler marks the link id used (`store/used-links.ts`) in the same step
 * as the action it takes.
 */

export interface SignedLinkClaims {
  /** What the link does, `quote-acceptance`: a link for one purpose never works for another. */
  purpose: string;
  /** The record it acts on, `QUOTE#01J…`. */
  subject: string;
  expiresAt: Date;
  /** The language of the pages it leads to. */
  locale: Locale;
}

export interface SignedLink extends SignedLinkClaims {
  /** Unique per link: the key of its single use. */
  linkId: string;
}

export type LinkCheck =
  | { status: 'valid'; link: SignedLink }
  /** Forged, altered, cut short, or for another purpose. `locale` only picks the page language. */
  | { status: 'tampered'; locale?: Locale }
  | { status: 'expired'; link: SignedLink };

const purposePattern = /^[a-z][a-z0-9-]{0,39}$/;

interface Payload {
  i: string;
  p: string;
  s: string;
  e: number;
  l: string;
}

/** A new link's token, to be put in a URL path (it is base64url: no escaping needed). */
export function createSignedLink(
  claims: SignedLinkClaims,
  keys: SigningKeyInput,
  linkId: string = randomBytes(16).toString('base64url'),
): { token: string; linkId: string } {
  if (!purposePattern.test(claims.purpose)) {
    throw new RangeError(`${claims.purpose} is not a link purpose (lower-case words and dashes)`);
  }
  if (!claims.subject || claims.subject.length > 200) {
    throw new RangeError('A link needs a subject of 1 to 200 characters');
  }
  if (Number.isNaN(claims.expiresAt.getTime())) throw new RangeError('A link needs an expiry');
  const payload: Payload = {
    i: linkId,
    p: claims.purpose,
    s: claims.subject,
    e: claims.expiresAt.getTime(),
    l: claims.locale,
  };
  const { signing } = keysFor(keys, 'links');
  const body = `v2.${signing.id}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return { token: `${body}.${sign(signing.key, body)}`, linkId };
}

/**
 * Checks a token at `now`. With `purpose`, a valid link of another purpose counts as tampered:
 * a quote link pasted into the contract signature page must not work there.
 */
export function verifySignedLink(
  token: string,
  keys: SigningKeyInput,
  now: Date,
  purpose?: string,
): LinkCheck {
  const parts = splitToken(token);
  if (!parts) return { status: 'tampered' };
  const { body, keyId, encoded, given } = parts;
  const payload = decode(encoded);
  // The language of the error page may come from an unverified payload: it only picks words.
  const locale = payload && isLocale(payload.l) ? payload.l : undefined;
  const key = keysFor(keys, 'links').find(keyId);
  // Compared as text, not decoded bytes: base64url's last character has bits decoding ignores.
  const expected = Buffer.from(key ? sign(key.key, body) : '');
  const received = Buffer.from(given);
  const genuine =
    !!key && received.length === expected.length && timingSafeEqual(received, expected);
  if (!genuine || !payload || !locale) {
    return locale ? { status: 'tampered', locale } : { status: 'tampered' };
  }
  if (purpose !== undefined && payload.p !== purpose) return { status: 'tampered', locale };
  const link: SignedLink = {
    linkId: payload.i,
    purpose: payload.p,
    subject: payload.s,
    expiresAt: new Date(payload.e),
    locale,
  };
  if (now.getTime() >= payload.e) return { status: 'expired', link };
  return { status: 'valid', link };
}

/** The signed part, the key id (`legacy` for a v1 token), the payload and the signature. */
function splitToken(token: string) {
  const v2 = /^(v2\.([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]{1,2000}))\.([A-Za-z0-9_-]{0,100})$/.exec(
    token,
  );
  if (v2) {
    const [, body = '', keyId = '', encoded = '', given = ''] = v2;
    return keyId === legacyKeyId || !keyIdPattern.test(keyId)
      ? undefined
      : { body, keyId, encoded, given };
  }
  const v1 = /^(v1\.([A-Za-z0-9_-]{1,2000}))\.([A-Za-z0-9_-]{0,100})$/.exec(token);
  if (!v1) return undefined;
  const [, body = '', encoded = '', given = ''] = v1;
  return { body, keyId: legacyKeyId, encoded, given };
}

function sign(key: Uint8Array, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

function decode(encoded: string): Payload | undefined {
  try {
    const value = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Payload;
    const ok =
      typeof value.i === 'string' &&
      typeof value.p === 'string' &&
      typeof value.s === 'string' &&
      Number.isFinite(value.e) &&
      typeof value.l === 'string';
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}
