import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthenticatorApps,
  cognitoAuthenticatorApps,
  otpauthUri,
  readCode,
} from '../../../functions/staff/sign-in/authenticator-app';

/**
 * Setting up a manager's authenticator app through Cognito's user API. Cognito itself cannot run
 * here: a stand-in on the loopback answers as its JSON API does, and records what it was asked.
 */

const calls: { target: string; body: Record<string, unknown> }[] = [];
let server: Server;
let apps: AuthenticatorApps;

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const target = String(request.headers['x-amz-target']).replace(/^.*\./, '');
    calls.push({ target, body });
    const answer = (status: number, value: unknown) =>
      response
        .writeHead(status, { 'content-type': 'application/x-amz-json-1.1' })
        .end(JSON.stringify(value));
    if (body.AccessToken !== 'access-token') {
      return answer(400, { __type: 'NotAuthorizedException', message: 'Invalid Access Token' });
    }
    if (target === 'AssociateSoftwareToken') return answer(200, { SecretCode: 'JBSWY3DPEHPK3PXP' });
    if (target === 'VerifySoftwareToken') {
      return body.UserCode === '123456'
        ? answer(200, { Status: 'SUCCESS' })
        : answer(400, { __type: 'CodeMismatchException', message: 'Invalid code received' });
    }
    if (target === 'SetUserMFAPreference') return answer(200, {});
    return answer(400, { __type: 'UnknownOperationException' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // The pool's issuer: Cognito's user API lives at its origin.
  apps = cognitoAuthenticatorApps(`http://127.0.0.1:${port}/eu-central-1_TEST`);
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("a manager's authenticator app", () => {
  it('gets a new secret with the access token of the sign-in', async () => {
    expect(await apps.associate('access-token')).toBe('JBSWY3DPEHPK3PXP');
    expect(calls.at(-1)).toEqual({
      target: 'AssociateSoftwareToken',
      body: { AccessToken: 'access-token' },
    });
  });

  it('is not set up by a wrong code, and nothing is made the second factor', async () => {
    calls.length = 0;
    expect(await apps.confirm('access-token', '000000')).toBe('wrong-code');
    expect(calls.map((c) => c.target)).toEqual(['VerifySoftwareToken']);
  });

  it('becomes the preferred second factor with the right code', async () => {
    calls.length = 0;
    expect(await apps.confirm('access-token', '123456')).toBe('confirmed');
    expect(calls.map((c) => c.target)).toEqual(['VerifySoftwareToken', 'SetUserMFAPreference']);
    expect(calls[1]?.body).toEqual({
      AccessToken: 'access-token',
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
  });

  it('is refused, not mistaken for a wrong code, with a token Cognito does not take', async () => {
    await expect(apps.confirm('stale-token', '123456')).rejects.toThrow(/NotAuthorized/);
  });

  it('is added from a standard otpauth address, and its code read as six digits', () => {
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'maria@example.com')).toBe(
      'otpauth://totp/Customer%20Desk%3Amaria%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Customer+Desk&algorithm=SHA1&digits=6&period=30',
    );
    expect(readCode(' 123 456 ')).toBe('123456');
    expect(readCode('12345')).toBeUndefined();
    expect(readCode('abcdef')).toBeUndefined();
  });
});
