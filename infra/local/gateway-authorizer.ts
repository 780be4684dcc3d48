import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { type EventInput, toEvent } from './gateway-events';
import { localRegion } from './names';

/**
 * A request as the event API Gateway sends a Lambda authorizer (HTTP API, payload 2.0), with
 * the cookie header as its identity source: the request event without a body, plus `type`,
 * `routeArn` and `identitySource`.
 */
export function toAuthorizerEvent(
  input: Omit<EventInput, 'body'>,
): APIGatewayRequestAuthorizerEventV2 {
  const {
    body: _body,
    isBase64Encoded: _encoded,
    ...request
  } = toEvent({
    ...input,
    body: Buffer.alloc(0),
  });
  const cookie = input.request.headers.cookie ?? '';
  const method = input.route.method;
  return {
    ...request,
    type: 'REQUEST',
    routeArn:
      `arn:aws:execute-api:${localRegion}:${input.accountId}:${input.apiId}/$default/` +
      `${method}${request.rawPath}`,
    identitySource: [cookie],
    headers: { ...request.headers, cookie },
    cookies: request.cookies ?? [],
  } as APIGatewayRequestAuthorizerEventV2;
}
