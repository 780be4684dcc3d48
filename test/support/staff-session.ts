import type { LocalCloudEndpoints } from './local-cloud-context';

/**
 * Signs a seeded staff member in through the real flow, over HTTP, as a browser would:
 * the desk's sign-in redirect, the local issuer's sign-in form, the callback that sets the
 * session cookie. Returns that cookie and a `fetch` that sends it.
 */
export interface StaffSession {
  /** `desk_session=<token>`: send it as the `cookie` header. */
  cookie: string;
  /** The raw session token (the CSRF token of a form is derived from it). */
  token: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

export async function signInAs(cloud: LocalCloudEndpoints, email: string): Promise<StaffSession> {
  const user = cloud.staffUsers.find((u) => u.email === email);
  if (!user) throw new Error(`${email} is not one of the seeded staff users`);

  const start = await fetch(`${cloud.gatewayUrl}/auth/sign-in`, { redirect: 'manual' });
  const attemptCookie = cookiePairs(start).find((c) => c.startsWith('desk_sign_in='));
  const authorize = start.headers.get('location');
  if (start.status !== 303 || !authorize || !attemptCookie) {
    throw new Error(`GET /auth/sign-in answered ${start.status}, not a redirect with a cookie`);
  }

  const form = await fetch(authorize);
  const page = await form.text();
  if (form.status !== 200) throw new Error(`The sign-in page answered ${form.status}: ${page}`);
  const fields = new URLSearchParams(hiddenFields(page));
  fields.set('username', user.email);
  fields.set('password', user.password);
  const posted = await fetch(new URL('/oauth2/authorize', authorize), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: fields,
    redirect: 'manual',
  });
  const callback = posted.headers.get('location');
  if (posted.status !== 302 || !callback) {
    throw new Error(`Signing in as ${email} answered ${posted.status}: ${await posted.text()}`);
  }

  const back = await fetch(callback, { headers: { cookie: attemptCookie }, redirect: 'manual' });
  const session = cookiePairs(back).find((c) => c.startsWith('desk_session='));
  if (back.status !== 303 || !session) {
    throw new Error(`The callback answered ${back.status}: ${await back.text()}`);
  }
  const token = session.slice('desk_session='.length);
  return {
    cookie: session,
    token,
    fetch: (path, init = {}) => {
      const headers = new Headers(init.headers);
      headers.set('cookie', session);
      return fetch(`${cloud.gatewayUrl}${path}`, { redirect: 'manual', ...init, headers });
    },
  };
}

/** The `name=value` part of every Set-Cookie of a response. */
export function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
}

function hiddenFields(page: string): [string, string][] {
  const decode = (s: string) =>
    s
      .replace(/&#61;/g, '=')
      .replace(/&#96;/g, '`')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
    decode(m[1] ?? ''),
    decode(m[2] ?? ''),
  ]);
}
