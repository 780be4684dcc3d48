import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { requireEnv } from '../../shared/env';
import { readSessionCookie } from '../../shared/http/cookies';
import type { StaffPrincipal } from '../../shared/staff-member';
import { staffRolesOf } from '../../shared/staff-roles';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../settings/settings';
import { settingsStore } from '../settings/settings-store';
import { staffMemberOf } from '../sign-in/directory-link';
import { secondFactorRefusal } from '../sign-in/second-factor';
import { InvalidStaffToken, staffSignInConfig, staffTokenVerifier } from '../sign-in/staff-token';
import { signedOutSessionStore } from '../store/signed-out-sessions';
import { staffStore } from '../store/staff-store';

/**
 * Guards every staff route (HTTP API Lambda authorizer, simple responses, no result cache: the
 * answer depends on the route). Allowed when the session token is valid and not signed out, its
 * identity has an active directory entry, that entry's role is one the route declares, and the
 * sign-in had a second factor where the role needs one. The handler gets the entry's fields as
 * the authorizer context and trusts nothing else.
 */

type Decision =
  | APIGatewaySimpleAuthorizerResult
  | APIGatewaySimpleAuthorizerWithContextResult<StaffPrincipal>;

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const directory = staffStore(table);
const signedOut = signedOutSessionStore(table);
const settings = settingsStore(table);
const config = staffSignInConfig(process.env);
const verify = staffTokenVerifier(config);

const refuse = (reason: string, routeKey: string): Decision => {
  logger.info('Staff request refused', { reason, routeKey });
  return { isAuthorized: false };
};

export const handler = middy<APIGatewayRequestAuthorizerEventV2, Decision>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const roles = staffRolesOf(event.routeKey);
    if (!roles) return refuse('not a declared staff route', event.routeKey);
    const token = readSessionCookie(event);
    if (!token) return refuse('no session cookie', event.routeKey);

    let identity: Awaited<ReturnType<typeof verify>>;
    try {
      identity = await verify(token);
    } catch (error) {
      if (error instanceof InvalidStaffToken) return refuse(error.message, event.routeKey);
      throw error;
    }
    const [ended, match] = await Promise.all([
      signedOut.isSignedOut(identity.sessionId),
      staffMemberOf(directory, identity),
    ]);
    if (ended) return refuse('the session was signed out', event.routeKey);
    if (match.kind === 'refused') return refuse(match.reason, event.routeKey);
    const { member } = match;
    if (!roles.includes(member.role)) {
      return refuse(`role ${member.role} may not use this route`, event.routeKey);
    }
    const refusal = await secondFactorRefusal(
      config.secondFactor,
      member.role,
      identity.methods,
      async () => (await loadBusinessRules(settings)).rules.signIn,
    );
    if (refusal) return refuse(refusal, event.routeKey);
    return {
      isAuthorized: true,
      context: {
        staffId: member.staffId,
        name: member.name,
        email: member.email,
        role: member.role,
        team: member.team,
      },
    };
  });
