import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { header, isHttps } from './responses';

/** The staff session: the sign-in id token, HttpOnly so no script can read it. */
export const sessionCookieName = 'desk_session';

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

export interface CookieOptions {
  maxAgeSeconds: number;
  path?: string;
  /** `Secure` is set when the request came over https (always on AWS). */
  secure: boolean;
}

/** A `Set-Cookie` value: HttpOnly, SameSite=Lax (sent on the redirect back from sign-in). */
export function cookie(name: string, value: string, options: CookieOptions): string {
  return [
    `${name}=${value}`,
    `Path=${options.path ?? '/'}`,
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearCookie(name: string, event: APIGatewayProxyEventV2, path = '/'): string {
  return cookie(name, '', { maxAgeSeconds: 0, path, secure: isHttps(event) });
}
