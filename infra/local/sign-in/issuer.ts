import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import type { Clock } from '../clock';
import { type IssuerKey, loadOrCreateIssuerKey } from './keys';
import { pageHeaders, problemPage, signInPage } from './page';
import type { LocalStaffUser } from './users';

/**
 * The local stand-in for Cognito's hosted sign-in: the same paths (`/oauth2/authorize`,
 * `/oauth2/token`, `/logout`, `/.well-known/…`), the authorization code flow with PKCE (S256,
 * single-use codes) and tokens shaped like Cognito's, signed with its own RSA key.
 */

export interface IssuerOptions {
  host: string;
  port: number;
  dataDir: string;
  clientId: string;
  /** Origins the desk's API answers on (its callback and sign-out landing live there). */
  apiOrigins: () => readonly string[];
  users: readonly LocalStaffUser[];
  clock: Clock;
  log: (line: string) => void;
}

export interface Issuer {
  url: string;
  stop(): Promise<void>;
}

interface PendingCode {
  user: LocalStaffUser;
  redirectUri: string;
  challenge: string;
  expiresAt: number;
}

/** A working day, as the desk's Cognito app client is set up (id token valid 8 hours). */
const tokenSeconds = 8 * 3600;
const codeSeconds = 300;

export async function startIssuer(options: IssuerOptions): Promise<Issuer> {
  const key = await loadOrCreateIssuerKey(options.dataDir);
  const url = `http://${options.host}:${options.port}`;
  const codes = new Map<string, PendingCode>();
  const now = () => options.clock.now().getTime();

  const callbackAllowed = (uri: string) =>
    options.apiOrigins().some((origin) => uri === `${origin}/auth/callback`);
  const logoutAllowed = (uri: string) =>
    options.apiOrigins().some((origin) => uri === `${origin}/auth/sign-in`);

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? '/', url);
    const route = `${request.method} ${requestUrl.pathname}`;
    switch (route) {
      case 'GET /.well-known/openid-configuration':
        return json(response, 200, {
          issuer: url,
          authorization_endpoint: `${url}/oauth2/authorize`,
          token_endpoint: `${url}/oauth2/token`,
          end_session_endpoint: `${url}/logout`,
          jwks_uri: `${url}/.well-known/jwks.json`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code'],
          code_challenge_methods_supported: ['S256'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'email', 'profile'],
        });
      case 'GET /.well-known/jwks.json':
        return json(response, 200, { keys: [key.publicJwk] });
      case 'GET /oauth2/authorize':
        return authorizePage(Object.fromEntries(requestUrl.searchParams), response);
      case 'POST /oauth2/authorize':
        return signIn(await formOf(request), response);
      case 'POST /oauth2/token':
        return token(await formOf(request), response);
      case 'GET /logout': {
        const logoutUri = requestUrl.searchParams.get('logout_uri') ?? '';
        if (
          requestUrl.searchParams.get('client_id') !== options.clientId ||
          !logoutAllowed(logoutUri)
        ) {
          return page(response, 400, problemPage('This sign-out link is not for the desk.'));
        }
        return redirect(response, logoutUri);
      }
      default:
        return json(response, 404, { error: 'not_found' });
    }
  }

  /** The parameters a sign-in needs, checked before the page is shown (and again on post). */
  function authorizeProblem(params: Record<string, string>): string | undefined {
    if (params.client_id !== options.clientId) return 'Unknown client_id.';
    if (!callbackAllowed(params.redirect_uri ?? '')) return 'This redirect_uri is not registered.';
    if (params.response_type !== 'code') return 'Only response_type=code is supported.';
    if (params.code_challenge_method !== 'S256' || !params.code_challenge) {
      return 'A PKCE code_challenge with code_challenge_method=S256 is required.';
    }
    return undefined;
  }

  function authorizeParams(params: Record<string, string>): Record<string, string> {
    const keep = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state'];
    const kept: Record<string, string> = {};
    for (const name of [...keep, 'code_challenge', 'code_challenge_method']) {
      if (params[name] !== undefined) kept[name] = params[name];
    }
    return kept;
  }

  function authorizePage(params: Record<string, string>, response: ServerResponse) {
    const problem = authorizeProblem(params);
    if (problem) return page(response, 400, problemPage(problem));
    return page(response, 200, signInPage(authorizeParams(params)));
  }

  function signIn(form: Record<string, string>, response: ServerResponse) {
    const problem = authorizeProblem(form);
    if (problem) return page(response, 400, problemPage(problem));
    const username = (form.username ?? '').trim().toLowerCase();
    const user = options.users.find((u) => u.email === username);
    if (!user || !samePassword(user.password, form.password ?? '')) {
      return page(
        response,
        401,
        signInPage(authorizeParams(form), username, 'Incorrect email address or password.'),
      );
    }
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      user,
      redirectUri: form.redirect_uri ?? '',
      challenge: form.code_challenge ?? '',
      expiresAt: now() + codeSeconds * 1000,
    });
    const target = new URL(form.redirect_uri ?? '');
    target.searchParams.set('code', code);
    if (form.state) target.searchParams.set('state', form.state);
    options.log(`sign-in: ${user.email} signed in`);
    return redirect(response, target.toString());
  }

  async function token(form: Record<string, string>, response: ServerResponse) {
    if (form.grant_type !== 'authorization_code') {
      return json(response, 400, { error: 'unsupported_grant_type' });
    }
    if (form.client_id !== options.clientId)
      return json(response, 400, { error: 'invalid_client' });
    const pending = codes.get(form.code ?? '');
    // Single use: a code is gone once presented, whether the rest checks out or not.
    codes.delete(form.code ?? '');
    const verifier = form.code_verifier ?? '';
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    if (
      !pending ||
      pending.expiresAt < now() ||
      pending.redirectUri !== form.redirect_uri ||
      !verifier ||
      challenge !== pending.challenge
    ) {
      return json(response, 400, { error: 'invalid_grant' });
    }
    const tokens = await issueTokens(key, url, options.clientId, pending.user, now());
    return json(response, 200, { ...tokens, token_type: 'Bearer', expires_in: tokenSeconds });
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((error) => {
      options.log(`sign-in: ${(error as Error).stack ?? error}`);
      if (!response.headersSent) json(response, 500, { error: 'server_error' });
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** An id token and an access token, claim for claim as Cognito shapes them. */
export async function issueTokens(
  key: IssuerKey,
  issuer: string,
  clientId: string,
  user: LocalStaffUser,
  nowMs: number,
): Promise<{ id_token: string; access_token: string }> {
  const iat = Math.floor(nowMs / 1000);
  const exp = iat + tokenSeconds;
  // As Cognito: each token has its own `jti`; the tokens of one sign-in share `origin_jti`.
  const origin = randomUUID();
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({
      ...claims,
      iss: issuer,
      sub: user.subject,
      iat,
      exp,
      jti: randomUUID(),
      origin_jti: origin,
    })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .sign(key.privateKey);
  const groups = [user.role];
  return {
    id_token: await sign({
      aud: clientId,
      token_use: 'id',
      auth_time: iat,
      email: user.email,
      email_verified: true,
      name: user.name,
      'cognito:username': user.subject,
      'cognito:groups': groups,
    }),
    access_token: await sign({
      client_id: clientId,
      token_use: 'access',
      scope: 'openid email profile',
      auth_time: iat,
      username: user.subject,
      'cognito:groups': groups,
    }),
  };
}

function samePassword(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

async function formOf(request: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('sign-in form too large');
    chunks.push(chunk as Buffer);
  }
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    if (!Object.hasOwn(fields, name)) fields[name] = value;
  }
  return fields;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

function page(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { ...pageHeaders, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function redirect(response: ServerResponse, location: string): void {
  response.writeHead(302, { location, 'content-length': 0, 'cache-control': 'no-store' });
  response.end();
}
