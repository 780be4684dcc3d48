import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { csrfOf } from '../../support/office';
import { localTable } from '../../support/staff-fixtures';
import { cookiePairs, signInAs } from '../../support/staff-session';

/** Staff sign-in on the local cloud: the real flow over HTTP, as on AWS with Cognito. */

const cloud = inject('localCloud');

/**
 * Starts a sign-in at `/auth/sign-in?<query>` and signs in at the issuer as a seeded user:
 * answers the callback address to follow and the sign-in attempt's cookie to send with it.
 */
async function signInAt(query = '') {
  const user = cloud.staffUsers[0];
  const start = await fetch(`${cloud.gatewayUrl}/auth/sign-in${query ? `?${query}` : ''}`, {
    redirect: 'manual',
  });
  expect(start.status).toBe(303);
  const attempt = cookiePairs(start).find((c) => c.startsWith('desk_sign_in=')) ?? '';
  const authorize = new URL(start.headers.get('location') ?? '');
  const form = new URLSearchParams(authorize.searchParams);
  form.set('username', user?.email ?? '');
  form.set('password', user?.password ?? '');
  const posted = await fetch(`${cloud.signInUrl}/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  return { callback: posted.headers.get('location') ?? '', attempt, authorize };
}

describe('each seeded staff member', () => {
  it.each(cloud.staffUsers)('$email signs in and is known as a $role of $team', async (user) => {
    const session = await signInAs(cloud, user.email);
    const me = await session.fetch('/staff/me');
    expect(me.status).toBe(200);
    const entry = (await me.json()) as Record<string, unknown>;
    expect(entry).toMatchObject({ email: user.email, role: user.role, team: user.team });
    // The directory entry is now linked to the sign-in identity.
    const table = localTable(cloud);
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: { pk: 'STAFF', sk: `MEMBER#${entry.staffId}` },
      }),
    );
    table.client.destroy();
    expect(Item?.identitySubject).toEqual(expect.any(String));
  });
});

describe('the sign-in flow', () => {
  it('starts with PKCE (S256) and a state, and a session cookie that scripts cannot read', async () => {
    const start = await fetch(`${cloud.gatewayUrl}/auth/sign-in`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${cloud.signInUrl}/oauth2/authorize`);
    expect(authorize.searchParams.get('response_type')).toBe('code');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${cloud.gatewayUrl}/auth/callback`);
    expect(start.headers.getSetCookie()[0]).toMatch(/^desk_sign_in=.+; HttpOnly; SameSite=Lax/);
  });

  it('refuses a wrong password with a clear message on the sign-in page', async () => {
    const start = await fetch(`${cloud.gatewayUrl}/auth/sign-in`, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location') ?? '');
    const form = new URLSearchParams(authorize.searchParams);
    form.set('username', 'maria.manager@desk.local');
    form.set('password', 'not-her-password');
    const answer = await fetch(`${cloud.signInUrl}/oauth2/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
    expect(answer.status).toBe(401);
    const page = await answer.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('Incorrect email address or password.');
  });

  it('refuses a callback whose state was not started in this browser, and a code used twice', async () => {
    const forged = await fetch(`${cloud.gatewayUrl}/auth/callback?code=abc&state=xyz`, {
      redirect: 'manual',
    });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('Sign in again');

    // A real code, presented twice: the second time it is gone.
    const { callback, attempt } = await signInAt();
    const first = await fetch(callback, { headers: { cookie: attempt }, redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/office');
    const session = first.headers.getSetCookie().find((c) => c.startsWith('desk_session='));
    expect(session).toMatch(/; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const again = await fetch(callback, { headers: { cookie: attempt }, redirect: 'manual' });
    expect(again.status).toBe(400);
  });

  it('refuses the token endpoint a wrong PKCE verifier', async () => {
    const { callback, authorize } = await signInAt();
    const code = new URL(callback).searchParams.get('code') ?? '';
    const token = await fetch(`${cloud.signInUrl}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: authorize.searchParams.get('client_id') ?? '',
        code,
        redirect_uri: authorize.searchParams.get('redirect_uri') ?? '',
        code_verifier: 'a-guess-that-is-not-the-verifier-at-all-000000',
      }),
    });
    expect(token.status).toBe(400);
    expect(await token.json()).toEqual({ error: 'invalid_grant' });
  });
});

describe('signing out', () => {
  it('is refused without the CSRF token of the session, and changes nothing', async () => {
    const session = await signInAs(cloud, 'alex.agent@desk.local');
    const refused = await session.fetch('/auth/sign-out', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'csrf=forged',
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.getSetCookie()).toEqual([]);
    expect((await session.fetch('/staff/me')).status).toBe(200);
  });

  it('with the token clears the session and ends at the sign-in service', async () => {
    const session = await signInAs(cloud, 'bea.agent@desk.local');
    const out = await session.fetch('/auth/sign-out', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: await csrfOf(session) }),
    });
    expect(out.status).toBe(303);
    const logout = new URL(out.headers.get('location') ?? '');
    expect(`${logout.origin}${logout.pathname}`).toBe(`${cloud.signInUrl}/logout`);
    expect(out.headers.getSetCookie()[0]).toMatch(/^desk_session=; Path=\/; Max-Age=0/);
    const landing = await fetch(logout, { redirect: 'manual' });
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toBe(`${cloud.gatewayUrl}/auth/sign-in`);
  });

  it('ends the session on the server: a copy of the token is refused from then on', async () => {
    const session = await signInAs(cloud, 'alex.agent@desk.local');
    const other = await signInAs(cloud, 'alex.agent@desk.local');
    expect((await session.fetch('/staff/me')).status).toBe(200);
    const out = await session.fetch('/auth/sign-out', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: await csrfOf(session) }),
    });
    expect(out.status).toBe(303);
    // The same token, sent again as a stolen or kept copy would be: refused, page and API alike.
    expect((await session.fetch('/staff/me')).status).toBe(403);
    expect((await session.fetch('/office', { headers: { accept: 'text/html' } })).status).toBe(403);
    // Another sign-in of the same person is another session: it goes on.
    expect((await other.fetch('/staff/me')).status).toBe(200);
  });
});

describe('the page after signing in', () => {
  const signInWithNext = async (query: string) => {
    const { callback, attempt } = await signInAt(query);
    return fetch(callback, { headers: { cookie: attempt }, redirect: 'manual' });
  };

  it('is the desk page asked for', async () => {
    const back = await signInWithNext('next=%2Foffice%2Fleads%3Fstatus%3Dnew');
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/office/leads?status=new');
  });

  it.each([
    ['a tab before another host', 'next=/%09/evil.example/x'],
    ['a newline', 'next=/%0A/x'],
    ['a protocol-relative address', 'next=//evil.example/x'],
    ['a backslash', 'next=/%5Cevil.example'],
    ['another site', 'next=https://evil.example/'],
  ])('is the dashboard for %s, never another site or an error', async (_name, query) => {
    const back = await signInWithNext(query);
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe('/office');
  });
});
