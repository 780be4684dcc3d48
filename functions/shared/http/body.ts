import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { BadRequest, PayloadTooLarge, UnsupportedMediaType } from '../errors';
import { header } from './responses';

/** The largest request body a public route takes. */
export const maxBodyBytes = 64 * 1024;

export type RequestBody =
  | { kind: 'form'; fields: Record<string, string> }
  | { kind: 'json'; value: Record<string, unknown> };

/**
 * Reads a form post or a JSON object. The limit counts decoded bytes (the gateway may hand the
 * body over base64-encoded, a third larger).
 */
export function readBody(
  event: Partial<Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded' | 'headers'>>,
  limitBytes = maxBodyBytes,
): RequestBody {
  const raw = event.body ?? '';
  // A base64 text longer than 4/3 of the limit cannot decode to less: refuse before decoding it.
  if (event.isBase64Encoded && raw.length > Math.ceil(limitBytes / 3) * 4 + 4) {
    throw new PayloadTooLarge(`The request body is larger than ${limitBytes / 1024} KB`);
  }
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > limitBytes) {
    throw new PayloadTooLarge(`The request body is larger than ${limitBytes / 1024} KB`);
  }
  const text = bytes.toString('utf8');
  const contentType = (header(event, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase();

  if (contentType === 'application/x-www-form-urlencoded') {
    // No prototype: a field called `__proto__` or `constructor` is just a field.
    const fields: Record<string, string> = Object.create(null);
    for (const [name, value] of new URLSearchParams(text)) {
      // A repeated field keeps its first value: the form has none, so a second one is noise.
      if (!Object.hasOwn(fields, name)) fields[name] = value;
    }
    return { kind: 'form', fields };
  }
  if (contentType === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new BadRequest('The request body is not valid JSON');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new BadRequest('The request body must be a JSON object');
    }
    return { kind: 'json', value: value as Record<string, unknown> };
  }
  throw new UnsupportedMediaType(
    'Send the body as application/json or application/x-www-form-urlencoded',
  );
}
