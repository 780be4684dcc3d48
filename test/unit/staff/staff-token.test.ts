import type { Jwk } from 'aws-jwt-verify/jwk';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidStaffToken,
  type StaffTokenVerifier,
  staffTokenVerifier,
} from '../../../functions/staff/sign-in/staff-token';

/** Tokens made here with a key pair of our own, shaped like Cognito's id tokens. */

const issuer = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_TEST';
const clientId = 'desk-client';
const jwksUri = `${issuer}/.well-known/jwks.json`;

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let key: Key;
let strangerKey: Key;
let verify: StaffTokenVerifier;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  verify = staffTokenVerifier({ issuer, clientId, jwksUri }, { keys: [publicJwk as Jwk] });
});

const now = () => Math.floor(Date.now() / 1000);

function token(claims: Record<string, unknown> = {}, signWith?: Key, kid = 'k1') {
  return new SignJWT({
    iss: issuer,
    aud: clientId,
    sub: 'user-1',
    token_use: 'id',
    email: 'Alex.Agent@desk.local',
    email_verified: true,
    name: 'Alex Agent',
    iat: now(),
    exp: now() + 3600,
    jti: 'token-1',
    origin_jti: 'sign-in-1',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid })
    .sign(signWith ?? key);
}

describe('staff session tokens', () => {
  it('accept a valid id token and say who signed in', async () => {
    const identity = await verify(await token());
    expect(identity).toMatchObject({
      subject: 'user-1',
      email: 'alex.agent@desk.local',
      emailVerified: true,
      name: 'Alex Agent',
      sessionId: 'sign-in-1',
      methods: [],
    });
  });

  it('know the session by its sign-in (origin_jti), else by the token (jti)', async () => {
    expect((await verify(await token({ origin_jti: undefined }))).sessionId).toBe('token-1');
  });

  it('say how the person authenticated', async () => {
    const identity = await verify(await token({ amr: ['pwd', 'otp', 'mfa'] }));
    expect(identity.methods).toEqual(['pwd', 'otp', 'mfa']);
  });

  it.each([
    ['another issuer', { iss: 'https://cognito-idp.eu-central-1.amazonaws.com/other' }],
    ['another audience', { aud: 'someone-else' }],
    ['an expired token', { iat: now() - 7200, exp: now() - 3600 }],
    ['an access token', { token_use: 'access' }],
    ['no token_use', { token_use: undefined }],
    ['a token that never expires (no exp)', { exp: undefined }],
    ['a token that cannot be signed out (no jti)', { jti: undefined, origin_jti: undefined }],
  ])('refuse %s', async (_title, claims) => {
    await expect(verify(await token(claims))).rejects.toBeInstanceOf(InvalidStaffToken);
  });

  it('refuse a token signed by another key, or tampered with', async () => {
    await expect(verify(await token({}, strangerKey))).rejects.toBeInstanceOf(InvalidStaffToken);
    const [header, , signature] = (await token()).split('.');
    const forged = Buffer.from(
      JSON.stringify({ iss: issuer, aud: clientId, sub: 'boss', token_use: 'id', exp: now() + 60 }),
    ).toString('base64url');
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toBeInstanceOf(
      InvalidStaffToken,
    );
  });

  it('refuse what is not a token at all', async () => {
    await expect(verify('not-a-token')).rejects.toBeInstanceOf(InvalidStaffToken);
    await expect(verify('')).rejects.toBeInstanceOf(InvalidStaffToken);
  });
});
