import type {
  APIGatewayRequestAuthorizerEventV2,
  APIGatewaySimpleAuthorizerResult,
} from 'aws-lambda';

/**
 * Guards every staff route of the HTTP API. Staff sign-in does not exist yet, so no caller is
 * staff: the gateway itself answers 401 to a call without a session cookie (the identity source),
 * and this refuses the rest (403). When sign-in arrives, this verifies the session instead.
 */
export async function handler(
  _event: APIGatewayRequestAuthorizerEventV2,
): Promise<APIGatewaySimpleAuthorizerResult> {
  return { isAuthorized: false };
}
