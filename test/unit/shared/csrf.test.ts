import { describe, expect, it } from 'vitest';
import { Forbidden } from '../../../functions/shared/errors';
import { readCookie } from '../../../functions/shared/http/cookies';
import { checkCsrf, csrfToken } from '../../../functions/shared/http/csrf';

const key = 'k'.repeat(32);
const request = (cookie?: string) => ({ headers: cookie ? { cookie } : {}, cookies: undefined });

describe('CSRF tokens', () => {
  it('accept the token of the request’s own session', () => {
    const event = request('other=1; desk_session=abc.def.ghi');
    expect(() => checkCsrf(event, { csrf: csrfToken('abc.def.ghi', key) }, key)).not.toThrow();
  });

  it('refuse a missing token, another session’s token, or no session', () => {
    const event = request('desk_session=abc.def.ghi');
    expect(() => checkCsrf(event, {}, key)).toThrow(Forbidden);
    expect(() => checkCsrf(event, { csrf: csrfToken('xyz', key) }, key)).toThrow(Forbidden);
    expect(() =>
      checkCsrf(event, { csrf: csrfToken('abc.def.ghi', 'another key!!!!!') }, key),
    ).toThrow(Forbidden);
    expect(() => checkCsrf(request(), { csrf: csrfToken('', key) }, key)).toThrow(Forbidden);
  });

  it('reads cookies from the payload 2.0 list or the raw header', () => {
    expect(readCookie({ cookies: ['a=1', 'desk_session=t'] }, 'desk_session')).toBe('t');
    expect(readCookie({ headers: { cookie: 'a=1; desk_session=t2' } }, 'desk_session')).toBe('t2');
    expect(readCookie({ headers: { cookie: 'xdesk_session=t' } }, 'desk_session')).toBeUndefined();
  });
});
