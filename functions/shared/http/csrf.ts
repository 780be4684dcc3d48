import { createHmac, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Forbidden } from '../errors';
import { keysFor, legacyKeyId, type SigningKeyInput } from '../signing-key';
import { readSessionCookie } from './cookies';

/**
 * Cross-site request forgery protection for staff form posts. The token is an HMAC of the
 * session cookie under the CSRF key: a page of this site can put it into its forms, another
 * site can neither read the cookie nor compute the token. It changes with every session.
 * JSON writes need no token: a cross-site form cannot send `application/json`.
 *
 * Format: `<key id>.<HMAC>`, so a page served before a rotation still posts; a token without a
 * key id (served before key ids existed) is checked with the legacy key.
 */

/** The hidden form field that carries the token. */
export const csrfField = 'csrf';

export function csrfToken(sessionCookieValue: string, keys: SigningKeyInput): string {
  const { signing } = keysFor(keys, 'csrf');
  return `${signing.id}.${mac(signing.key, sessionCookieValue)}`;
}

function mac(key: Uint8Array, sessionCookieValue: string): string {
  return createHmac('sha256', key).update(`csrf:${sessionCookieValue}`).digest('base64url');
}

/** Throws Forbidden unless the posted token belongs to the request's session. */
export function checkCsrf(
  event: Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>,
  fields: Record<string, string>,
  keys: SigningKeyInput,
): void {
  checkCsrfOf(readSessionCookie(event), fields, keys);
}

/** The same check for a form bound to another cookie's value (`cookieValue`). */
export function checkCsrfOf(
  session: string | undefined,
  fields: Record<string, string>,
  keys: SigningKeyInput,
): void {
  const posted = fields[csrfField] ?? '';
  const dot = posted.indexOf('.');
  const key = keysFor(keys, 'csrf').find(dot < 0 ? legacyKeyId : posted.slice(0, dot));
  if (!session || !posted || !key) {
    throw new Forbidden('This form has expired or was not sent from the desk. Reload the page.');
  }
  const expected = Buffer.from(mac(key.key, session));
  const given = Buffer.from(posted.slice(dot + 1));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new Forbidden('This form has expired or was not sent from the desk. Reload the page.');
  }
}
