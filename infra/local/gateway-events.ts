import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteDeclaration } from '../manifest';

/** `GET /leads/{leadId}`: how API Gateway names a route. */
export const routeKey = (route: RouteDeclaration) => `${route.method} ${route.path}`;

interface CompiledRoute {
  route: RouteDeclaration;
  pattern: RegExp;
  parameterNames: string[];
}

/** Route paths as API Gateway reads them: `{name}` is one segment, `{name+}` the rest. */
/**
 * Compiles the routes, most specific first, as API Gateway matches: a literal segment wins over
 * `{param}`, which wins over a greedy `{param+}` (`/staff/me` before `/staff/{staffId}`).
 */
export function compileRoutes(routes: readonly RouteDeclaration[]): CompiledRoute[] {
  return [...routes].sort(bySpecificity).map((route) => {
    const parameterNames: string[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        const parameter = /^\{(\w+)(\+?)\}$/.exec(segment);
        if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        parameterNames.push(parameter[1] as string);
        return parameter[2] ? '(.+)' : '([^/]+)';
      })
      .join('/');
    return { route, pattern: new RegExp(`^${source}$`), parameterNames };
  });
}

function bySpecificity(a: RouteDeclaration, b: RouteDeclaration): number {
  const rank = (segment: string | undefined) =>
    segment === undefined ? 3 : segment.endsWith('+}') ? 2 : segment.startsWith('{') ? 1 : 0;
  const left = a.path.split('/');
  const right = b.path.split('/');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = rank(left[i]) - rank(right[i]);
    if (difference !== 0) return difference;
  }
  return 0;
}

export function matchRoute(
  routes: CompiledRoute[],
  method: string,
  path: string,
): { route: RouteDeclaration; pathParameters: Record<string, string> } | undefined {
  for (const compiled of routes) {
    if (compiled.route.method !== method) continue;
    const match = compiled.pattern.exec(path);
    if (!match) continue;
    const pathParameters: Record<string, string> = {};
    compiled.parameterNames.forEach((name, i) => {
      pathParameters[name] = safeDecode(match[i + 1] as string);
    });
    return { route: compiled.route, pathParameters };
  }
  return undefined;
}

const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** Content types API Gateway passes as text; anything else arrives base64-encoded. */
export function isTextContent(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/xml' ||
    type === 'application/javascript' ||
    type.endsWith('+json') ||
    type.endsWith('+xml')
  );
}

/** Formats a time as API Gateway does: `12/Mar/2020:19:03:58 +0000`. */
function apiGatewayTime(time: Date): string {
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(time.getUTCDate())}/${months[time.getUTCMonth()]}/${time.getUTCFullYear()}:` +
    `${pad(time.getUTCHours())}:${pad(time.getUTCMinutes())}:${pad(time.getUTCSeconds())} +0000`
  );
}

export interface EventInput {
  request: IncomingMessage;
  route: RouteDeclaration;
  pathParameters: Record<string, string>;
  body: Buffer;
  requestId: string;
  apiId: string;
  accountId: string;
  now: Date;
}

/** An HTTP request as an API Gateway HTTP API payload 2.0 event. */
export function toEvent(input: EventInput): APIGatewayProxyEventV2 {
  const { request, route } = input;
  const url = new URL(request.url ?? '/', 'http://local');
  const rawQueryString = (request.url ?? '').includes('?')
    ? (request.url ?? '').slice((request.url ?? '').indexOf('?') + 1)
    : '';

  // Repeated headers are joined with commas; cookies move to their own list.
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (let i = 0; i < request.rawHeaders.length; i += 2) {
    const name = (request.rawHeaders[i] as string).toLowerCase();
    const value = request.rawHeaders[i + 1] as string;
    if (name === 'cookie') {
      cookies = [
        ...(cookies ?? []),
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      ];
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  const sourceIp = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(request.socket.localPort ?? '');

  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] =
      queryStringParameters[name] === undefined ? value : `${queryStringParameters[name]},${value}`;
  }

  const key = routeKey(route);
  const domainName = (headers.host ?? 'localhost').split(':')[0] ?? 'localhost';
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString,
    headers,
    requestContext: {
      accountId: input.accountId,
      apiId: input.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: input.requestId,
      routeKey: key,
      stage: '$default',
      time: apiGatewayTime(input.now),
      timeEpoch: input.now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies) event.cookies = cookies;
  if (Object.keys(queryStringParameters).length > 0)
    event.queryStringParameters = queryStringParameters;
  if (Object.keys(input.pathParameters).length > 0) event.pathParameters = input.pathParameters;
  if (input.body.length > 0) {
    const text = isTextContent(headers['content-type']);
    event.body = text ? input.body.toString('utf8') : input.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/**
 * A handler's result as API Gateway (payload 2.0) answers it: an object with `statusCode` is a
 * full response; anything else is a 200 JSON body.
 */
export function toAnswer(result: unknown): HttpAnswer | undefined {
  if (result !== null && typeof result === 'object' && 'statusCode' in result) {
    const response = result as {
      statusCode: unknown;
      headers?: Record<string, unknown>;
      cookies?: unknown;
      body?: unknown;
      isBase64Encoded?: unknown;
    };
    if (typeof response.statusCode !== 'number' || !Number.isInteger(response.statusCode)) {
      return undefined;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers ?? {}))
      headers[name] = String(value);
    const body = typeof response.body === 'string' ? response.body : '';
    return {
      statusCode: response.statusCode,
      headers,
      cookies: Array.isArray(response.cookies) ? response.cookies.map(String) : [],
      body:
        response.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8'),
    };
  }
  const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    cookies: [],
    body: Buffer.from(body, 'utf8'),
  };
}
