import { describe, expect, it } from 'vitest';
import { clearCookie, cookie, readSessionCookie } from '../../../functions/shared/http/cookies';

/** The session cookie: `__Host-` on https (AWS), the plain name on http (this machine). */

const https = { headers: { 'x-forwarded-proto': 'https' } };
const http = { headers: { 'x-forwarded-proto': 'http' } };

describe('the session cookie', () => {
  it('is set as __Host-desk_session on https: Secure, for the whole site, no domain', () => {
    const set = cookie('desk_session', 'token', 3600, https);
    expect(set).toBe(
      '__Host-desk_session=token; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax; Secure',
    );
    expect(set).not.toMatch(/Domain=/i);
  });

  it('keeps its plain name on http, where the prefix cannot be used', () => {
    expect(cookie('desk_session', 'token', 3600, http)).toBe(
      'desk_session=token; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax',
    );
  });

  it('is cleared under the name it was set with', () => {
    expect(clearCookie('desk_session', https)).toMatch(
      /^__Host-desk_session=; Path=\/; Max-Age=0;/,
    );
    expect(clearCookie('desk_session', http)).toMatch(/^desk_session=; Path=\/; Max-Age=0;/);
  });

  it('is read on https only under the prefixed name: a plain one may be planted by a sibling site', () => {
    expect(readSessionCookie({ ...https, cookies: ['__Host-desk_session=t1'] })).toBe('t1');
    expect(readSessionCookie({ ...https, cookies: ['desk_session=planted'] })).toBeUndefined();
    expect(readSessionCookie({ ...http, cookies: ['desk_session=t2'] })).toBe('t2');
  });
});
