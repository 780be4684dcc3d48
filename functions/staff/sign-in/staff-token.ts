import { JwtVerifier } from 'aws-jwt-verify';
import { FetchError } from 'aws-jwt-verify/error';
import { type Jwks, SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { isSecondFactorCheck, type SecondFactorCheck } from './second-factor';

/**
 * Checks a staff session token: the id token the sign-in service (Cognito on AWS, the local
 * issuer here) issued to the desk's app client. Signature (by the issuer's published keys),
 * issuer, audience (the app client), expiry and `token_use` must all hold; a token without an
 * expiry, or without an id to sign it out by (`origin_jti` or `jti`), is refused.
 */

export interface StaffSignInConfig {
  /** Hosted sign-in pages: `${url}/oauth2/authorize`, `/oauth2/token`, `/logout`. */
  url: string;
  clientId: string;
  issuer: string;
  jwksUri: string;
  /** `amr`: the token tells whether a second factor was used (Cognito); `none`: no such factor. */
  secondFactor: SecondFactorCheck;
}

export function staffSignInConfig(env: NodeJS.ProcessEnv): StaffSignInConfig {
  const read = (name: string) => {
    const value = env[name];
    if (!value)
      throw new Error(`Missing environment variable ${name}: declare the staffSignIn use`);
    return value;
  };
  return {
    url: read('STAFF_SIGN_IN_URL'),
    clientId: read('STAFF_CLIENT_ID'),
    issuer: read('STAFF_TOKEN_ISSUER'),
    jwksUri: read('STAFF_JWKS_URI'),
    secondFactor: secondFactorCheck(read('STAFF_SECOND_FACTOR')),
  };
}

function secondFactorCheck(value: string): SecondFactorCheck {
  if (!isSecondFactorCheck(value)) throw new Error(`STAFF_SECOND_FACTOR is ${value}: amr or none`);
  return value;
}

/** Who a valid token says signed in. */
export interface StaffIdentity {
  /** The user's stable id at the sign-in service (`sub`). */
  subject: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
  /** Epoch seconds. */
  expiresAt: number;
  /** What signing out revokes: one per sign-in (`origin_jti`), else the token's own `jti`. */
  sessionId: string;
  /** How the person authenticated (`amr`: `pwd`, `mfa`, …); empty when the token does not say. */
  methods: string[];
}

/** A token that is not valid; the reason is for the log, never for the caller. */
export class InvalidStaffToken extends Error {
  override name = 'InvalidStaffToken';
}

export type StaffTokenVerifier = (token: string) => Promise<StaffIdentity>;

/**
 * The keys are fetched with the platform's `fetch` (the library's own fetcher speaks https
 * only; the local issuer is plain http on the loopback) and cached for the warm function.
 */
export function staffTokenVerifier(
  config: Pick<StaffSignInConfig, 'clientId' | 'issuer' | 'jwksUri'>,
  knownKeys?: Jwks,
): StaffTokenVerifier {
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      async fetch(uri) {
        let response: Response;
        try {
          response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
        } catch (error) {
          throw new FetchError(uri, (error as Error).message);
        }
        if (!response.ok) throw new FetchError(uri, `Status code is ${response.status}`);
        return response.arrayBuffer();
      },
    },
  });
  const verifier = JwtVerifier.create(
    {
      issuer: config.issuer,
      audience: config.clientId,
      jwksUri: config.jwksUri,
      customJwtCheck: ({ payload }) => {
        if (payload.token_use !== 'id')
          throw new Error(`token_use is ${payload.token_use}, not id`);
        if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('no sub');
        // The library checks `exp` only when present: a session must end.
        if (typeof payload.exp !== 'number') throw new Error('no exp');
        if (!sessionIdOf(payload)) throw new Error('no jti to sign the session out by');
      },
    },
    { jwksCache },
  );
  if (knownKeys) verifier.cacheJwks(knownKeys);

  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      payload = (await verifier.verify(token)) as Record<string, unknown>;
    } catch (error) {
      // Keys that cannot be fetched are our failure, not a bad token: let it surface.
      if (error instanceof FetchError || !(error instanceof Error)) throw error;
      throw new InvalidStaffToken(`${error.name}: ${error.message}`);
    }
    return {
      subject: String(payload.sub),
      email: typeof payload.email === 'string' ? payload.email.toLowerCase() : undefined,
      emailVerified: payload.email_verified === true || payload.email_verified === 'true',
      name: typeof payload.name === 'string' ? payload.name : undefined,
      expiresAt: Number(payload.exp),
      sessionId: sessionIdOf(payload) ?? '',
      methods: Array.isArray(payload.amr) ? payload.amr.filter((m) => typeof m === 'string') : [],
    };
  };
}

function sessionIdOf(payload: Record<string, unknown>): string | undefined {
  const id = payload.origin_jti ?? payload.jti;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
