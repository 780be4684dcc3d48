import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requireEnv } from '../../shared/env';
import { BadRequest } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import {
  clearCookie,
  cookie,
  cookieName,
  readCookie,
  readSessionCookie,
  sessionCookieName,
} from '../../shared/http/cookies';
import { checkCsrf, checkCsrfOf, csrfField, csrfToken } from '../../shared/http/csrf';
import { html } from '../../shared/http/html';
import { httpHandler } from '../../shared/http/middleware';
import { page } from '../../shared/http/pages';
import {
  basePath,
  type HttpAnswer,
  header,
  htmlAnswer,
  isHttps,
  seeOther,
} from '../../shared/http/responses';
import { type SigningKeys, signingKeyReader } from '../../shared/signing-key';
import type { StaffMember } from '../../shared/staff-member';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../settings/settings';
import { settingsStore } from '../settings/settings-store';
import { cognitoAuthenticatorApps, otpauthUri, readCode } from '../sign-in/authenticator-app';
import { staffMemberOf } from '../sign-in/directory-link';
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
} from '../sign-in/flow';
import { secondFactorRefusal } from '../sign-in/second-factor';
import {
  InvalidStaffToken,
  type StaffIdentity,
  staffSignInConfig,
  staffTokenVerifier,
} from '../sign-in/staff-token';
import { signedOutSessionStore } from '../store/signed-out-sessions';
import { staffStore } from '../store/staff-store';

/**
 * Staff sign-in, the same on AWS (Cognito's hosted pages) and locally (the local issuer):
 * GET /auth/sign-in starts the code flow with PKCE, GET /auth/callback turns the code into the
 * session cookie (for an active directory entry, with a second factor where the role needs one),
 * POST /auth/sign-out (CSRF-checked) records the session as ended, so the authorizer refuses
 * its token from then on, and ends it at the sign-in service too. On AWS, a manager or finance
 * whose sign-in had no second factor sets up an authenticator app instead (POST
 * /auth/authenticator takes its first code), then signs in again.
 */

const logger = new Logger();
const config = staffSignInConfig(process.env);
const verify = staffTokenVerifier(config);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const table = openTable(requireEnv('TABLE_NAME'));
const directory = staffStore(table);
const settings = settingsStore(table);
const signedOut = signedOutSessionStore(table);
const authenticatorApps = cognitoAuthenticatorApps(config.issuer);
/** Cognito's scope for a person's own account: it lets the desk set up their authenticator app. */
const cognitoUserScope = 'aws.cognito.signin.user.admin';
/** The cookie that holds an authenticator set-up between its two pages. */
const authenticatorCookieName = 'desk_authenticator';

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
    case 'POST /auth/authenticator':
      return confirmAuthenticator(event);
    default:
      throw new Error(`staff-session does not serve ${event.routeKey}`);
  }
});

function startSignIn(event: APIGatewayProxyEventV2): HttpAnswer {
  const attempt = newSignInAttempt(event.queryStringParameters?.next ?? '');
  // On AWS the desk may help set up an authenticator app: that needs the user-API scope.
  const scopes = config.secondFactor === 'amr' ? [cognitoUserScope] : [];
  const callback = `${apiAddress(event)}/auth/callback`;
  const answer = seeOther(authorizeUrl(config, attempt, callback, scopes));
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
  let accessToken: string | undefined;
  let refreshToken: string | undefined;
  try {
    ({ idToken, accessToken, refreshToken } = await exchangeCode(
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
    // The refresh token is left alone here: revoking it would revoke the access token that
    // sets the app up. It expires within a day and can do no more than sign in did.
    if (accessToken) return startAuthenticator(event, match.member, accessToken);
    return signInFailed(
      event,
      `As a ${match.member.role} you sign in with an authenticator app as well as your password.`,
    );
  }
  if (refreshToken) await revokeUnused(refreshToken);
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

/**
 * A manager (or finance) signed in with no second factor: the sign-in is not completed, and the
 * page gives a new authenticator-app secret to add, with a form for its first code. The access
 * token that sets the app up waits, with the secret, in a short-lived cookie of its own.
 */
async function startAuthenticator(
  event: APIGatewayProxyEventV2,
  member: StaffMember,
  accessToken: string,
): Promise<HttpAnswer> {
  const secret = await authenticatorApps.associate(accessToken);
  const setUp = encodeSetUp({ accessToken, secret });
  const answer = authenticatorPage(event, member.email, secret, setUp, await signingKey());
  answer.cookies = [
    cookie(authenticatorCookieName, setUp, signInAttemptSeconds, event),
    clearCookie(signInCookieName, event),
  ];
  return answer;
}

async function confirmAuthenticator(event: APIGatewayProxyEventV2): Promise<HttpAnswer> {
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the code with the form of the desk');
  const cookieValue = readCookie(event, cookieName(authenticatorCookieName, event));
  const setUp = decodeSetUp(cookieValue);
  if (!setUp || config.secondFactor !== 'amr') {
    return signInFailed(event, 'The set-up has expired. Sign in again to start it afresh.');
  }
  const keys = await signingKey();
  checkCsrfOf(cookieValue, body.fields, keys);
  const code = readCode(body.fields.code);
  const outcome = code ? await authenticatorApps.confirm(setUp.accessToken, code) : 'wrong-code';
  if (outcome === 'wrong-code') {
    return authenticatorPage(event, '', setUp.secret, cookieValue ?? '', keys, true);
  }
  logger.info('Authenticator app set up');
  const main = html`<h1>Authenticator app set up</h1>
<p>From now on the sign-in asks for its code after your password.</p>
<p><a href="${basePath(event)}/auth/sign-in">Sign in</a></p>`;
  const answer = htmlAnswer(200, page('en', 'Authenticator app set up', main), 'en');
  answer.cookies = [clearCookie(authenticatorCookieName, event)];
  return answer;
}

function authenticatorPage(
  event: APIGatewayProxyEventV2,
  account: string,
  secret: string,
  setUp: string,
  keys: SigningKeys,
  wrongCode = false,
): HttpAnswer {
  const title = 'Set up an authenticator app';
  const main = html`<h1>${title}</h1>
<p>Managers and finance sign in with a code from an authenticator app as well as their password.
Add the desk to your app with this key, then type the code the app shows.</p>
<p>Key: <code>${secret.replace(/(.{4})/g, '$1 ').trim()}</code></p>
${account ? html`<p>Or open: <code>${otpauthUri(secret, account)}</code></p>` : html``}
${wrongCode ? html`<div class="summary" role="alert"><p><a href="#f-code">That code is not right: type the one the app shows now.</a></p></div>` : html``}
<form method="post" action="${basePath(event)}/auth/authenticator">
<input type="hidden" name="${csrfField}" value="${csrfToken(setUp, keys)}">
<label for="f-code">Code from the app</label>
<input id="f-code" name="code" inputmode="numeric" autocomplete="one-time-code" aria-invalid="${wrongCode ? 'true' : 'false'}">
<button type="submit">Set up</button>
</form>`;
  return htmlAnswer(wrongCode ? 400 : 200, page('en', title, main), 'en');
}

const encodeSetUp = (setUp: { accessToken: string; secret: string }) =>
  Buffer.from(JSON.stringify(setUp)).toString('base64url');

function decodeSetUp(
  value: string | undefined,
): { accessToken: string; secret: string } | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    return typeof parsed?.accessToken === 'string' && typeof parsed.secret === 'string'
      ? { accessToken: parsed.accessToken, secret: parsed.secret }
      : undefined;
  } catch {
    return undefined;
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
