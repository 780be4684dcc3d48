import { Logger } from '@aws-lambda-powertools/logger';
import { readSessionCookie } from '../../shared/http/cookies';
import { httpHandler } from '../../shared/http/middleware';
import { basePath, seeOther } from '../../shared/http/responses';

/**
 * `GET /`: where someone typing the desk's address lands. With a session cookie, the back office
 * (its authorizer checks the session); without, the staff sign-in, rather than the API's bare
 * 401 a signed-out browser gets from `/office`.
 */

const logger = new Logger();

export const handler = httpHandler(logger, async (event) => {
  const signedIn = readSessionCookie(event) !== undefined;
  return seeOther(`${basePath(event)}${signedIn ? '/office' : '/auth/sign-in'}`);
});
