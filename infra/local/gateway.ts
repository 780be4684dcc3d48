import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { RouteDeclaration } from '../manifest';
import type { Clock } from './clock';
import type { LambdaInvoker } from './functions/runtime';
import { toAuthorizerEvent } from './gateway-authorizer';
import { compileRoutes, matchRoute, routeKey, toAnswer, toEvent } from './gateway-events';

/** API Gateway refuses request bodies over 10 MB; the handlers enforce the product's limits. */
export const maxBodyBytes = 10 * 1024 * 1024;

export interface GatewayOptions {
  host: string;
  port: number;
  routes: readonly RouteDeclaration[];
  invoke: LambdaInvoker;
  /** The declared function that guards staff routes. */
  authorizerFunction: string;
  functionArn: (name: string) => string;
  clock: Clock;
  accountId: string;
  log: (line: string) => void;
}

export interface Gateway {
  url: string;
  stop(): Promise<void>;
}

export interface ServedRoute {
  routeKey: string;
  access: RouteDeclaration['access']['kind'];
  roles?: readonly string[];
}

/** The routes the gateway serves, as the console lists them. */
export function servedRoutes(routes: readonly RouteDeclaration[]): ServedRoute[] {
  return routes.map((route) => ({
    routeKey: routeKey(route),
    access: route.access.kind,
    ...(route.access.kind === 'staff' ? { roles: route.access.roles } : {}),
  }));
}

/** The HTTP API: declared routes only, each request as a payload 2.0 event to its function. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const compiled = compileRoutes(options.routes);
  const server = createServer((request, response) => {
    serve(request, response).catch((error) => {
      options.log(`gateway: ${(error as Error).stack ?? error}`);
      if (!response.headersSent) json(response, 500, { message: 'Internal Server Error' });
      else response.destroy();
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    response.setHeader('apigw-requestid', requestId);
    const path = new URL(request.url ?? '/', 'http://local').pathname;
    const matched = matchRoute(compiled, request.method ?? 'GET', path);
    if (!matched) {
      request.resume();
      return json(response, 404, { message: 'Not Found' });
    }
    // Staff routes pass the staff authorizer first, as on AWS: no cookie (its identity source)
    // is 401 without asking it; its refusal is 403; its context reaches the handler.
    let authorizerContext: Record<string, unknown> | undefined;
    if (matched.route.access.kind === 'staff') {
      if (request.headers.cookie === undefined) {
        request.resume();
        return json(response, 401, { message: 'Unauthorized' });
      }
      const decision = await options.invoke(
        options.functionArn(options.authorizerFunction),
        toAuthorizerEvent({
          request,
          route: matched.route,
          pathParameters: matched.pathParameters,
          requestId,
          apiId: 'local',
          accountId: options.accountId,
          now: options.clock.now(),
        }),
      );
      if (decision.kind === 'failed') {
        options.log(`gateway: authorizer failed: ${decision.errorType}: ${decision.errorMessage}`);
        request.resume();
        return json(response, 500, { message: 'Internal Server Error' });
      }
      const result = decision.payload as { isAuthorized?: unknown; context?: unknown } | null;
      if (result?.isAuthorized !== true) {
        request.resume();
        return json(response, 403, { message: 'Forbidden' });
      }
      authorizerContext =
        typeof result.context === 'object' && result.context !== null
          ? (result.context as Record<string, unknown>)
          : {};
    }
    const body = await readBody(request);
    if (body === 'too large') {
      return json(response, 413, { message: 'Request Entity Too Large' }, true);
    }
    const event = toEvent({
      request,
      route: matched.route,
      pathParameters: matched.pathParameters,
      body,
      requestId,
      apiId: 'local',
      accountId: options.accountId,
      now: options.clock.now(),
    });
    if (authorizerContext) {
      (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: authorizerContext };
    }
    const outcome = await options.invoke(options.functionArn(matched.route.function), event);
    if (outcome.kind === 'failed') {
      options.log(
        `gateway: ${routeKey(matched.route)} failed: ${outcome.errorType}: ${outcome.errorMessage}`,
      );
      return json(response, 500, { message: 'Internal Server Error' });
    }
    const answer = toAnswer(outcome.payload);
    if (!answer) {
      options.log(`gateway: ${routeKey(matched.route)} returned a response API Gateway cannot map`);
      return json(response, 500, { message: 'Internal Server Error' });
    }
    for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
    if (answer.cookies.length > 0) response.setHeader('set-cookie', answer.cookies);
    response.setHeader('content-length', answer.body.length);
    response.writeHead(answer.statusCode).end(answer.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    url: `http://${options.host}:${options.port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The request body, or 'too large' once it passes API Gateway's limit (the rest is drained). */
async function readBody(request: IncomingMessage): Promise<Buffer | 'too large'> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBodyBytes) {
    request.resume();
    return 'too large';
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) tooLarge = true;
    if (!tooLarge) chunks.push(chunk as Buffer);
  }
  return tooLarge ? 'too large' : Buffer.concat(chunks);
}

function json(response: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  response.end(text);
}
