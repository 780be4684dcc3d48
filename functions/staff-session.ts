import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requireEnv } from './core/env';
import { BadRequest } from './core/errors';
import { readBody } from './core/http/body';
import { clearCookie, cookie, readCookie, sessionCookieName } from './core/http/cookies';
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
import {
  authorizeUrl,
  CodeNotAccepted,
  decodeAttempt,
  encodeAttempt,
  exchangeCode,
  logoutUrl,
  newSignInAttempt,
  signInAttemptSeconds,
  signInCookieName,
} from './core/sign-in/flow';
import {
  InvalidStaffToken,
  staffSignInConfig,
  staffTokenVerifier,
} from './core/sign-in/staff-token';
import { signingKeyReader } from './core/signing-key';

/**
 * Staff sign-in, the same on AWS (Cognito's hosted pages) and locally (the local issuer):
 * GET /auth/sign-in starts the code flow with PKCE, GET /auth/callback turns the code into the
 * session cookie, POST /auth/sign-out (CSRF-checked) ends the session here and at sign-in.
 */

const logger = new Logger();
const config = staffSignInConfig(process.env);
const verify = staffTokenVerifier(config);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));

/** The cookie of a sign-in attempt lives only where the callback can read it. */
const attemptPath = (event: APIGatewayProxyEventV2) => `${basePath(event)}/auth`;

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
      return signOut(event);
    default:
      throw new Error(`staff-session does not serve ${event.routeKey}`);
  }
});

function startSignIn(event: APIGatewayProxyEventV2): HttpAnswer {
  const attempt = newSignInAttempt(event.queryStringParameters?.next ?? '');
  const answer = seeOther(authorizeUrl(config, attempt, `${apiAddress(event)}/auth/callback`));
  answer.cookies = [
    cookie(signInCookieName, encodeAttempt(attempt), {
      maxAgeSeconds: signInAttemptSeconds,
      path: attemptPath(event),
      secure: isHttps(event),
    }),
  ];
  return answer;
}

async function finishSignIn(event: APIGatewayProxyEventV2, now: Date): Promise<HttpAnswer> {
  const query = event.queryStringParameters ?? {};
  const attempt = decodeAttempt(readCookie(event, signInCookieName));
  if (query.error) return signInFailed(event, 'The sign-in was cancelled or refused.');
  if (!attempt || !query.state || query.state !== attempt.state || !query.code) {
    return signInFailed(event, 'This sign-in link has expired or was not started here.');
  }
  let idToken: string;
  try {
    ({ idToken } = await exchangeCode(
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
  let expiresAt: number;
  try {
    ({ expiresAt } = await verify(idToken));
  } catch (error) {
    if (!(error instanceof InvalidStaffToken)) throw error;
    // The token endpoint gave us a token we do not accept: a misconfiguration, ours to fix.
    throw new Error(`The sign-in service issued a token the desk refuses: ${error.message}`);
  }
  const answer = seeOther(`${basePath(event)}${attempt.next}`);
  answer.cookies = [
    cookie(sessionCookieName, idToken, {
      maxAgeSeconds: expiresAt - Math.floor(now.getTime() / 1000),
      secure: isHttps(event),
    }),
    clearCookie(signInCookieName, event, attemptPath(event)),
  ];
  return answer;
}

function signInFailed(event: APIGatewayProxyEventV2, message: string): HttpAnswer {
  const main = html`<h1>Sign-in not completed</h1>
<p>${message}</p>
<p><a href="${basePath(event)}/auth/sign-in">Sign in again</a></p>`;
  const answer = htmlAnswer(400, page('en', 'Sign-in not completed', main), 'en');
  answer.cookies = [clearCookie(signInCookieName, event, attemptPath(event))];
  return answer;
}

async function signOut(event: APIGatewayProxyEventV2): Promise<HttpAnswer> {
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Sign out with the form of the desk');
  // Without a session there is nothing to forge; with one, the form must be the desk's own.
  if (readCookie(event, sessionCookieName)) checkCsrf(event, body.fields, await signingKey());
  const answer = seeOther(logoutUrl(config, `${apiAddress(event)}/auth/sign-in`));
  answer.cookies = [clearCookie(sessionCookieName, event)];
  return answer;
}
