import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requireEnv } from './core/env';
import { BadRequest } from './core/errors';
import { readBody } from './core/http/body';
import {
  clearCookie,
  cookie,
  cookieName,
  readCookie,
  readSessionCookie,
  sessionCookieName,
} from './core/http/cookies';
import { checkCsrf } from './core/http/csrf';
import { html } from './core/http/html';
import { httpHandler } from './core/http/middleware';
import { page } from './core/http/pages';
import {
  basePath,
  type HttpAnswer,
  header,
  htmlAnswer,
  isHttps,
  seeOther,
} from './core/http/responses';
import { loadBusinessRules } from './core/settings';
import { staffMemberOf } from './core/sign-in/directory-link';
import {
  authorizeUrl,
  CodeNotAccepted,
  decodeAttempt,
  encodeAttempt,
  exchangeCode,
  logoutUrl,
  newSignInAttempt,
  revokeRefreshToken,
  signInAttemptSeconds,
  signInCookieName,
} from './core/sign-in/flow';
import { secondFactorRefusal } from './core/sign-in/second-factor';
import {
  InvalidStaffToken,
  type StaffIdentity,
  staffSignInConfig,
  staffTokenVerifier,
} from './core/sign-in/staff-token';
import { signingKeyReader } from './core/signing-key';
import { settingsStore } from './core/store/settings-store';
import { signedOutSessionStore } from './core/store/signed-out-sessions';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * Staff sign-in, the same on AWS (Cognito's hosted pages) and locally (the local issuer):
 * GET /auth/sign-in starts the code flow with PKCE, GET /auth/callback turns the code into the
 * session cookie (for an active directory entry, with a second factor where the role needs one),
 * POST /auth/sign-out (CSRF-checked) records the session as ended, so the authorizer refuses
 * its token from then on, and ends it at the sign-in service too.
 */

const logger = new Logger();
const config = staffSignInConfig(process.env);
const verify = staffTokenVerifier(config);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const table = openTable(requireEnv('TABLE_NAME'));
const directory = staffStore(table);
const settings = settingsStore(table);
const signedOut = signedOutSessionStore(table);

/** This API's own address, as the browser sees it: the callback and logout links point here. */
function apiAddress(event: APIGatewayProxyEventV2): string {
  const host = header(event, 'host') ?? event.requestContext.domainName;
  return `${isHttps(event) ? 'https' : 'http'}://${host}${basePath(event)}`;
}

export const handler = httpHandler(logger, async (event) => {
  switch (event.routeKey) {
    case 'GET /auth/sign-in':
      return startSignIn(event);
    case 'GET /auth/callback':
      return finishSignIn(event, new Date());
    case 'POST /auth/sign-out':
      return signOut(event, new Date());
    default:
      throw new Error(`staff-session does not serve ${event.routeKey}`);
  }
});

function startSignIn(event: APIGatewayProxyEventV2): HttpAnswer {
  const attempt = newSignInAttempt(event.queryStringParameters?.next ?? '');
  const answer = seeOther(authorizeUrl(config, attempt, `${apiAddress(event)}/auth/callback`));
  answer.cookies = [cookie(signInCookieName, encodeAttempt(attempt), signInAttemptSeconds, event)];
  return answer;
}

async function finishSignIn(event: APIGatewayProxyEventV2, now: Date): Promise<HttpAnswer> {
  const query = event.queryStringParameters ?? {};
  const attempt = decodeAttempt(readCookie(event, cookieName(signInCookieName, event)));
  if (query.error) return signInFailed(event, 'The sign-in was cancelled or refused.');
  if (!attempt || !query.state || query.state !== attempt.state || !query.code) {
    return signInFailed(event, 'This sign-in link has expired or was not started here.');
  }
  let idToken: string;
  let refreshToken: string | undefined;
  try {
    ({ idToken, refreshToken } = await exchangeCode(
      config,
      query.code,
      attempt.verifier,
      `${apiAddress(event)}/auth/callback`,
    ));
  } catch (error) {
    if (!(error instanceof CodeNotAccepted)) throw error;
    logger.info('Sign-in code refused', { reason: error.message });
    return signInFailed(event, 'This sign-in link has expired or was used already.');
  }
  if (refreshToken) await revokeUnused(refreshToken);
  let identity: StaffIdentity;
  try {
    identity = await verify(idToken);
  } catch (error) {
    if (!(error instanceof InvalidStaffToken)) throw error;
    // The token endpoint gave us a token we do not accept: a misconfiguration, ours to fix.
    throw new Error(`The sign-in service issued a token the desk refuses: ${error.message}`);
  }
  const match = await staffMemberOf(directory, identity);
  if (match.kind === 'refused') {
    logger.info('Sign-in refused', { reason: match.reason });
    return signInFailed(event, 'You have no active entry in the staff directory: ask a manager.');
  }
  const refusal = await secondFactorRefusal(
    config.secondFactor,
    match.member.role,
    identity.methods,
    async () => (await loadBusinessRules(settings)).rules.signIn,
  );
  if (refusal) {
    logger.info('Sign-in refused', { reason: refusal, staffId: match.member.staffId });
    return signInFailed(
      event,
      `As a ${match.member.role} you sign in with an authenticator app as well as your password. ` +
        'Set one up for your sign-in (ask a manager how), then sign in again.',
    );
  }
  const answer = seeOther(`${basePath(event)}${attempt.next}`);
  answer.cookies = [
    cookie(
      sessionCookieName,
      idToken,
      identity.expiresAt - Math.floor(now.getTime() / 1000),
      event,
    ),
    clearCookie(signInCookieName, event),
  ];
  return answer;
}

/** The desk never refreshes a session: the refresh token is revoked at once (best effort). */
async function revokeUnused(refreshToken: string): Promise<void> {
  try {
    if (!(await revokeRefreshToken(config, refreshToken))) {
      logger.warn('The sign-in service refused to revoke the refresh token');
    }
  } catch (error) {
    logger.warn('The refresh token could not be revoked', { error: (error as Error).message });
  }
}

function signInFailed(event: APIGatewayProxyEventV2, message: string): HttpAnswer {
  const main = html`<h1>Sign-in not completed</h1>
<p>${message}</p>
<p><a href="${basePath(event)}/auth/sign-in">Sign in again</a></p>`;
  const answer = htmlAnswer(400, page('en', 'Sign-in not completed', main), 'en');
  answer.cookies = [clearCookie(signInCookieName, event)];
  return answer;
}

/**
 * Ends the session: its token is recorded as signed out (the authorizer refuses it from now on,
 * wherever a copy of it is), the cookie is cleared and the sign-in service ends its own session.
 */
async function signOut(event: APIGatewayProxyEventV2, now: Date): Promise<HttpAnswer> {
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Sign out with the form of the desk');
  const token = readSessionCookie(event);
  // Without a session there is nothing to forge; with one, the form must be the desk's own.
  if (token) {
    checkCsrf(event, body.fields, await signingKey());
    await recordSignOut(token, now);
  }
  const answer = seeOther(logoutUrl(config, `${apiAddress(event)}/auth/sign-in`));
  answer.cookies = [clearCookie(sessionCookieName, event)];
  return answer;
}

async function recordSignOut(token: string, now: Date): Promise<void> {
  let identity: StaffIdentity;
  try {
    identity = await verify(token);
  } catch (error) {
    // An expired or foreign token opens nothing: there is no session to end.
    if (error instanceof InvalidStaffToken) return;
    throw error;
  }
  await signedOut.recordSignOut({
    sessionId: identity.sessionId,
    staffSubject: identity.subject,
    signedOutAt: now,
    tokenExpiresAt: identity.expiresAt,
  });
  logger.info('Signed out', { subject: identity.subject });
}
