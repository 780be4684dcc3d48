import { createServer, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { compileRoutes, matchRoute, toAnswer, toEvent } from '../../../infra/local/gateway-events';
import type { RouteDeclaration } from '../../../infra/manifest';

const routes: RouteDeclaration[] = [
  { method: 'GET', path: '/forms/lead', function: 'lead-form', access: { kind: 'public' } },
  {
    method: 'GET',
    path: '/leads/{leadId}',
    function: 'get-lead',
    access: { kind: 'staff', roles: ['agent'] },
  },
  { method: 'POST', path: '/files/{path+}', function: 'upload', access: { kind: 'signed-link' } },
];

/** Sends a real HTTP request and hands back the IncomingMessage the server saw, with its body. */
async function captured(
  path: string,
  method: string,
  headers: Record<string, string | string[]>,
  body?: Buffer,
): Promise<{ message: IncomingMessage; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const server = createServer((message, response) => {
      const chunks: Buffer[] = [];
      message.on('data', (c: Buffer) => chunks.push(c));
      message.on('end', () => {
        response.end();
        server.close();
        resolve({ message, body: Buffer.concat(chunks) });
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      const req = request({
        host: '127.0.0.1',
        port,
        path,
        method,
        headers,
      });
      req.on('error', reject);
      req.end(body);
    });
  });
}

describe('matching declared routes', () => {
  const compiled = compileRoutes(routes);
  it('takes path parameters, decoded, and greedy ones across slashes', () => {
    expect(matchRoute(compiled, 'GET', '/leads/01ABC%20X')).toMatchObject({
      route: { function: 'get-lead' },
      pathParameters: { leadId: '01ABC X' },
    });
    expect(matchRoute(compiled, 'POST', '/files/a/b/c.pdf')?.pathParameters).toEqual({
      path: 'a/b/c.pdf',
    });
  });
  it('matches nothing undeclared: other paths, other methods, deeper paths', () => {
    expect(matchRoute(compiled, 'POST', '/forms/lead')).toBeUndefined();
    expect(matchRoute(compiled, 'GET', '/leads/1/notes')).toBeUndefined();
    expect(matchRoute(compiled, 'GET', '/admin')).toBeUndefined();
  });
  it('prefers the most specific route whatever the declaration order, as API Gateway does', () => {
    const staffRoutes = compileRoutes([
      { method: 'GET', path: '/files/{path+}', function: 'greedy', access: { kind: 'public' } },
      { method: 'GET', path: '/files/{fileId}', function: 'one-file', access: { kind: 'public' } },
      { method: 'GET', path: '/files/latest', function: 'latest', access: { kind: 'public' } },
    ]);
    expect(matchRoute(staffRoutes, 'GET', '/files/latest')?.route.function).toBe('latest');
    expect(matchRoute(staffRoutes, 'GET', '/files/42')?.route.function).toBe('one-file');
    expect(matchRoute(staffRoutes, 'GET', '/files/a/b')?.route.function).toBe('greedy');
  });
});

describe('a request as a payload 2.0 event', () => {
  it('carries what API Gateway gives a handler', async () => {
    const { message, body } = await captured('/leads/L1?lang=de&tag=a&tag=b', 'GET', {
      'X-Custom': ['one', 'two'],
      Cookie: 'session=abc; theme=dark',
      'User-Agent': 'test-agent',
    });
    const now = new Date('2026-03-12T19:03:58.123Z');
    const route = routes[1] as RouteDeclaration;
    const event = toEvent({
      request: message,
      route,
      pathParameters: { leadId: 'L1' },
      body,
      requestId: 'req-1',
      apiId: 'local',
      accountId: '000000000000',
      now,
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /leads/{leadId}',
      rawPath: '/leads/L1',
      rawQueryString: 'lang=de&tag=a&tag=b',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { lang: 'de', tag: 'a,b' },
      pathParameters: { leadId: 'L1' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        requestId: 'req-1',
        routeKey: 'GET /leads/{leadId}',
        stage: '$default',
        time: '12/Mar/2026:19:03:58 +0000',
        timeEpoch: now.getTime(),
        http: {
          method: 'GET',
          path: '/leads/L1',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'test-agent',
        },
      },
    });
    expect(event.headers['x-custom']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.body).toBeUndefined();
  });

  it('passes text bodies as text and binary bodies as base64', async () => {
    const form = await captured(
      '/files/x',
      'POST',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      Buffer.from('name=M%C3%BCller'),
    );
    const pdf = await captured(
      '/files/x',
      'POST',
      { 'Content-Type': 'application/pdf' },
      Buffer.from([0x25, 0x50, 0xff]),
    );
    const common = {
      route: routes[2] as RouteDeclaration,
      pathParameters: { path: 'x' },
      requestId: 'r',
      apiId: 'a',
      accountId: '0',
      now: new Date(),
    };
    const textEvent = toEvent({ ...common, request: form.message, body: form.body });
    expect(textEvent).toMatchObject({ body: 'name=M%C3%BCller', isBase64Encoded: false });
    const binaryEvent = toEvent({ ...common, request: pdf.message, body: pdf.body });
    expect(binaryEvent).toMatchObject({
      body: Buffer.from([0x25, 0x50, 0xff]).toString('base64'),
      isBase64Encoded: true,
    });
  });
});

describe('a handler result as an HTTP answer', () => {
  it('maps a full response, cookies and base64 bodies', () => {
    const answer = toAnswer({
      statusCode: 303,
      headers: { Location: '/thanks' },
      cookies: ['a=1; HttpOnly'],
      body: Buffer.from('hi').toString('base64'),
      isBase64Encoded: true,
    });
    expect(answer).toEqual({
      statusCode: 303,
      headers: { Location: '/thanks' },
      cookies: ['a=1; HttpOnly'],
      body: Buffer.from('hi'),
    });
  });
  it('treats anything without a statusCode as a 200 JSON body', () => {
    expect(toAnswer({ leadId: 'L1' })).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"leadId":"L1"}'),
    });
  });
  it('refuses a statusCode that is not a number (API Gateway answers 500)', () => {
    expect(toAnswer({ statusCode: '200', body: 'x' })).toBeUndefined();
  });
});
