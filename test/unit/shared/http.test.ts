import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { BadRequest, NotFound, ValidationError } from '../../../functions/shared/errors';
import { maxBodyBytes, readBody } from '../../../functions/shared/http/body';
import { httpHandler } from '../../../functions/shared/http/middleware';
import { htmlAnswer } from '../../../functions/shared/http/responses';

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' };

describe('request body', () => {
  it('reads a form post, in UTF-8, base64-encoded or not', () => {
    const body = 'name=%CE%95%CE%BB%CE%AD%CE%BD%CE%B7+P&email=e%40x.org&name=second';
    expect(readBody({ headers: form, body })).toEqual({
      kind: 'form',
      fields: { name: 'Ελένη P', email: 'e@x.org' },
    });
    const encoded = Buffer.from(body).toString('base64');
    expect(readBody({ headers: form, body: encoded, isBase64Encoded: true })).toEqual(
      readBody({ headers: form, body }),
    );
  });

  it('treats fields named like object internals as plain fields', () => {
    const { fields } = readBody({ headers: form, body: '__proto__=x&constructor=y' }) as {
      fields: Record<string, string>;
    };
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('x');
    expect(fields.constructor).toBe('y');
  });

  it('reads a JSON object, and refuses anything else', () => {
    expect(readBody({ headers: json, body: '{"a":1}' })).toEqual({ kind: 'json', value: { a: 1 } });
    expect(() => readBody({ headers: json, body: '{"a":' })).toThrow(BadRequest);
    expect(() => readBody({ headers: json, body: '[1]' })).toThrow(/JSON object/);
    expect(() => readBody({ headers: json, body: 'null' })).toThrow(/JSON object/);
  });

  it('refuses other media types', () => {
    expect(() => readBody({ headers: { 'content-type': 'text/plain' }, body: 'x' })).toThrow(
      /application\/json/,
    );
    expect(() => readBody({ headers: {}, body: 'x' })).toThrow(/application\/json/);
  });

  it('takes exactly 64 KB of decoded bytes, and refuses one more', () => {
    const fits = `{"m":"${'é'.repeat((maxBodyBytes - 8) / 2)}"}`;
    expect(Buffer.byteLength(fits)).toBe(maxBodyBytes);
    expect(readBody({ headers: json, body: fits }).kind).toBe('json');
    const over = `${fits} `;
    expect(() => readBody({ headers: json, body: over })).toThrow(/larger than 64 KB/);
    // Counted after decoding: base64 of the same bytes is larger and still fits.
    const encoded = Buffer.from(fits).toString('base64');
    expect(readBody({ headers: json, body: encoded, isBase64Encoded: true }).kind).toBe('json');
    const encodedOver = Buffer.from(over).toString('base64');
    expect(() => readBody({ headers: json, body: encodedOver, isBase64Encoded: true })).toThrow(
      /larger than 64 KB/,
    );
  });
});

function event(headers: Record<string, string>): APIGatewayProxyEventV2 {
  return { headers, requestContext: { stage: '$default' } } as unknown as APIGatewayProxyEventV2;
}
const context = { functionName: 'test', awsRequestId: 'r-1' } as Context;

describe('HTTP error answers', () => {
  const logger = new Logger({ serviceName: 'test', logLevel: 'SILENT' });
  const failing = (error: unknown) =>
    httpHandler(logger, async () => {
      throw error;
    });

  it('names each bad field in JSON', async () => {
    const answer = await failing(
      new ValidationError([{ field: 'email', message: 'Enter an email address' }]),
    )(event(json), context);
    expect(answer.statusCode).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [{ field: 'email', message: 'Enter an email address' }],
    });
  });

  it('maps typed errors to their status', async () => {
    expect((await failing(new NotFound('No lead'))(event(json), context)).statusCode).toBe(404);
    expect((await failing(new BadRequest('Bad'))(event(json), context)).statusCode).toBe(400);
    const tooLarge = await httpHandler(logger, async (e) => {
      readBody({ ...e, body: 'x'.repeat(maxBodyBytes + 1) });
      return htmlAnswer(200, '');
    })(event(json), context);
    expect(tooLarge.statusCode).toBe(413);
  });

  it('answers anything else with a generic 500 that shows no internals', async () => {
    const answer = await failing(
      new Error('connect ECONNREFUSED 127.0.0.1:8000 at node_modules/x.js:1:2'),
    )(event(json), context);
    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|node_modules/);
    expect(JSON.parse(answer.body).errors[0].message).toMatch(/went wrong/);
  });

  it('answers a browser with a page', async () => {
    const answer = await failing(new Error('secret detail'))(event(form), context);
    expect(answer.statusCode).toBe(500);
    expect(answer.headers['Content-Type']).toMatch(/text\/html/);
    expect(answer.body).not.toContain('secret detail');
  });

  it('sends the security headers with every page', () => {
    const { headers } = htmlAnswer(200, '<p>x</p>');
    expect(headers['Content-Security-Policy']).toMatch(/default-src 'self'/);
    expect(headers['Content-Security-Policy']).toMatch(/frame-ancestors 'none'/);
    expect(headers['Content-Security-Policy']).toMatch(/script-src 'self';/);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('no-referrer');
    expect(headers['Cache-Control']).toBe('no-store');
  });
});
