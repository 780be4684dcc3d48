import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
  APIGatewaySimpleAuthorizerWithContextResult,
} from 'aws-lambda';
import { staffRolesOf } from '../infra/manifest';
import { requireEnv } from './core/env';
import { readCookie, sessionCookieName } from './core/http/cookies';
import { staffMemberOf } from './core/sign-in/directory-link';
import {
  InvalidStaffToken,
  staffSignInConfig,
  staffTokenVerifier,
} from './core/sign-in/staff-token';
import type { StaffPrincipal } from './core/staff';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * Guards every staff route (HTTP API Lambda authorizer, simple responses, no result cache: the
 * answer depends on the route). Allowed when the session token is valid, its identity has an
 * active directory entry, and that entry's role is one the route declares. The handler gets the
 * entry's fields as the authorizer context and trusts nothing else.
 */

type Decision =
  | APIGatewaySimpleAuthorizerResult
  | APIGatewaySimpleAuthorizerWithContextResult<StaffPrincipal>;

const logger = new Logger();
const directory = staffStore(openTable(requireEnv('TABLE_NAME')));
const verify = staffTokenVerifier(staffSignInConfig(process.env));

const refuse = (reason: string, routeKey: string): Decision => {
  logger.info('Staff request refused', { reason, routeKey });
  return { isAuthorized: false };
};

export const handler = middy<APIGatewayRequestAuthorizerEventV2, Decision>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const roles = staffRolesOf(event.routeKey);
    if (!roles) return refuse('not a declared staff route', event.routeKey);
    const token = readCookie(event, sessionCookieName);
    if (!token) return refuse('no session cookie', event.routeKey);

    let identity: Awaited<ReturnType<typeof verify>>;
    try {
      identity = await verify(token);
    } catch (error) {
      if (error instanceof InvalidStaffToken) return refuse(error.message, event.routeKey);
      throw error;
    }
    const match = await staffMemberOf(directory, identity);
    if (match.kind === 'refused') return refuse(match.reason, event.routeKey);
    const { member } = match;
    if (!roles.includes(member.role)) {
      return refuse(`role ${member.role} may not use this route`, event.routeKey);
    }
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
