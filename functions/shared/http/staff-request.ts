import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Forbidden, UnsupportedMediaType } from '../errors';
import type { StaffPrincipal } from '../staff-member';
import { staffRoles } from '../staff-roles';
import { type RequestBody, readBody } from './body';

/**
 * The signed-in staff member of a request: the staff authorizer's context (on AWS API Gateway
 * passes it, locally the gateway does the same). A staff route always has it; without it the
 * request is refused.
 */
export function staffPrincipal(event: APIGatewayProxyEventV2): StaffPrincipal {
  const context = (
    event.requestContext as { authorizer?: { lambda?: Record<string, unknown> } } | undefined
  )?.authorizer?.lambda;
  const { staffId, name, email, role, team } = context ?? {};
  if (
    typeof staffId !== 'string' ||
    typeof name !== 'string' ||
    typeof email !== 'string' ||
    typeof team !== 'string' ||
    !staffRoles.includes(role as StaffPrincipal['role'])
  ) {
    // Deny by default: a route whose authorizer did not run serves no one.
    throw new Forbidden(`${event.routeKey} needs a signed-in staff member`);
  }
  return { staffId, name, email, role: role as StaffPrincipal['role'], team };
}

/**
 * The JSON object of a staff write. Only JSON is taken: a cross-site form cannot send it, which
 * is what keeps these routes safe from request forgery without a token.
 */
export function readJsonWrite(event: APIGatewayProxyEventV2): Record<string, unknown> {
  const body: RequestBody = readBody(event);
  if (body.kind !== 'json') {
    throw new UnsupportedMediaType('Send the body as application/json');
  }
  return body.value;
}
