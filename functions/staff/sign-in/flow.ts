import { createHash, randomBytes } from 'node:crypto';
import type { StaffSignInConfig } from './staff-token';

/**
 * The authorization code flow with PKCE, as Cognito's hosted sign-in speaks it (and the local
 * issuer the same): the desk sends the browser to `/oauth2/authorize` with a challenge, gets a
 * code back on its callback and trades it, with the verifier only it knows, for tokens.
 */

/** What the desk keeps (in a short-lived HttpOnly cookie) between sign-in and callback. */
export interface SignInAttempt {
  state: string;
  verifier: string;
  /** Where to go after signing in: a path of this site. */
  next: string;
}

export const signInCookieName = 'desk_sign_in';
/** Ten minutes to type a password. */
export const signInAttemptSeconds = 600;

const random = () => randomBytes(32).toString('base64url');

export function newSignInAttempt(next: string): SignInAttempt {
  return { state: random(), verifier: random(), next: safeNextPath(next) };
}

const defaultNextPath = '/office';
/** Any origin will do: a path that resolves against it to another origin is not ours. */
const probeOrigin = 'https://desk.invalid';

/**
 * Where to go after signing in: only a path of this site (`/office/leads?status=new`); anything
 * else goes to the dashboard. Browsers drop tabs and newlines from a URL and read `\` as `/`, so
 * `/\t/evil.example` would leave the site: a control character, a backslash, `//` or a scheme
 * (also once percent-decoded) is refused, and what is kept is the path as a URL parser reads it,
 * so the `Location` header never carries a raw control character.
 */
export function safeNextPath(next: string | undefined): string {
  if (!next) return defaultNextPath;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return defaultNextPath;
  }
  if (!isPlainPath(next) || !isPlainPath(decoded)) return defaultNextPath;
  const url = new URL(next, probeOrigin);
  if (url.origin !== probeOrigin) return defaultNextPath;
  return `${url.pathname}${url.search}${url.hash}`;
}

function isPlainPath(path: string): boolean {
  return (
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.includes('\\') &&
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
    !/[\u0000-\u001f\u007f]/.test(path) &&
    !/^\/*[a-z][a-z0-9+.-]*:/i.test(path)
  );
}

export function codeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export function encodeAttempt(attempt: SignInAttempt): string {
  return Buffer.from(JSON.stringify(attempt)).toString('base64url');
}

export function decodeAttempt(value: string | undefined): SignInAttempt | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      typeof parsed?.state === 'string' &&
      typeof parsed.verifier === 'string' &&
      typeof parsed.next === 'string'
    ) {
      return { state: parsed.state, verifier: parsed.verifier, next: safeNextPath(parsed.next) };
    }
  } catch {
    // A cookie we cannot read is no attempt of ours.
  }
  return undefined;
}

export function authorizeUrl(
  config: Pick<StaffSignInConfig, 'url' | 'clientId'>,
  attempt: SignInAttempt,
  redirectUri: string,
  extraScopes: readonly string[] = [],
): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri,
    scope: ['openid', 'email', 'profile', ...extraScopes].join(' '),
    code_challenge: codeChallenge(attempt.verifier),
    code_challenge_method: 'S256',
    state: attempt.state,
  });
  return `${config.url}/oauth2/authorize?${query}`;
}

export function logoutUrl(
  config: Pick<StaffSignInConfig, 'url' | 'clientId'>,
  logoutUri: string,
): string {
  const query = new URLSearchParams({ client_id: config.clientId, logout_uri: logoutUri });
  return `${config.url}/logout?${query}`;
}

/** The token endpoint refused the code (used, expired, or not ours): the user starts again. */
export class CodeNotAccepted extends Error {
  override name = 'CodeNotAccepted';
}

/** Trades the code for tokens; the id token becomes the session. */
export async function exchangeCode(
  config: Pick<StaffSignInConfig, 'url' | 'clientId'>,
  code: string,
  verifier: string,
  redirectUri: string,
): Promise<{ idToken: string; accessToken?: string; refreshToken?: string }> {
  const response = await fetch(`${config.url}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    }),
    signal: AbortSignal.timeout(5000),
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 400) {
    throw new CodeNotAccepted(`The token endpoint answered ${String(answer.error)}`);
  }
  if (!response.ok || typeof answer.id_token !== 'string') {
    throw new Error(`The token endpoint answered ${response.status} without an id token`);
  }
  return {
    idToken: answer.id_token,
    ...(typeof answer.access_token === 'string' ? { accessToken: answer.access_token } : {}),
    ...(typeof answer.refresh_token === 'string' ? { refreshToken: answer.refresh_token } : {}),
  };
}

/**
 * Revokes a refresh token at the sign-in service (Cognito's `/oauth2/revoke`). The desk never
 * refreshes a session: it revokes the refresh token it is given at once, so nothing that could
 * mint new tokens outlives the sign-in. Answers false when the service refused.
 */
export async function revokeRefreshToken(
  config: Pick<StaffSignInConfig, 'url' | 'clientId'>,
  refreshToken: string,
): Promise<boolean> {
  const response = await fetch(`${config.url}/oauth2/revoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: refreshToken, client_id: config.clientId }),
    signal: AbortSignal.timeout(5000),
  });
  return response.ok;
}
