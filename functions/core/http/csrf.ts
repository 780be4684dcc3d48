import { createHmac, timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Forbidden } from '../errors';
import { readCookie, sessionCookieName } from './cookies';

/**
 * Cross-site request forgery protection for staff form posts. The token is an HMAC of the
 * session cookie under the signing key: a page of this site can put it into its forms, another
 * site can neither read the cookie nor compute the token. It changes with every session.
 * JSON writes need no token: a cross-site form cannot send `application/json`.
 */

/** The hidden form field that carries the token. */
export const csrfField = 'csrf';

export function csrfToken(sessionCookieValue: string, key: string): string {
  return createHmac('sha256', key).update(`csrf:${sessionCookieValue}`).digest('base64url');
}

/** Throws Forbidden unless the posted token belongs to the request's session. */
export function checkCsrf(
  event: Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>,
  fields: Record<string, string>,
  key: string,
): void {
  const session = readCookie(event, sessionCookieName);
  const posted = fields[csrfField] ?? '';
  if (!session || !posted) {
    throw new Forbidden('This form has expired or was not sent from the desk. Reload the page.');
  }
  const expected = Buffer.from(csrfToken(session, key));
  const given = Buffer.from(posted);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new Forbidden('This form has expired or was not sent from the desk. Reload the page.');
  }
}
