import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { header, isHttps } from './responses';

/** The staff session: the sign-in id token, HttpOnly so no script can read it. */
export const sessionCookieName = 'desk_session';

/**
 * A cookie's name as sent: on https with the `__Host-` prefix, which the browser keeps only when
 * set Secure, for `/`, by this host itself, so another site on a sibling domain cannot plant or
 * overwrite it. Plain http (the desk on this machine) cannot carry the prefix.
 */
export function cookieName(
  name: string,
  event: Partial<Pick<APIGatewayProxyEventV2, 'headers'>>,
): string {
  return isHttps(event) ? `__Host-${name}` : name;
}

/** The session token of a request, under the name its scheme gives it. */
export function readSessionCookie(
  event: Partial<Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>>,
): string | undefined {
  return readCookie(event, cookieName(sessionCookieName, event));
}

/** A cookie's value from a request (payload 2.0 `cookies`, or a raw `cookie` header). */
export function readCookie(
  event: Partial<Pick<APIGatewayProxyEventV2, 'cookies' | 'headers'>>,
  name: string,
): string | undefined {
  const pairs = event.cookies ?? (header(event, 'cookie') ?? '').split(';');
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) {
      const value = pair.slice(at + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/**
 * A `Set-Cookie` value for the desk's whole site: HttpOnly, SameSite=Lax (sent on the redirect
 * back from sign-in), and on https Secure under the `__Host-` name.
 */
export function cookie(
  name: string,
  value: string,
  maxAgeSeconds: number,
  event: Partial<Pick<APIGatewayProxyEventV2, 'headers'>>,
): string {
  const https = isHttps(event);
  return [
    `${cookieName(name, event)}=${value}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(https ? ['Secure'] : []),
  ].join('; ');
}

export function clearCookie(
  name: string,
  event: Partial<Pick<APIGatewayProxyEventV2, 'headers'>>,
): string {
  return cookie(name, '', 0, event);
}
