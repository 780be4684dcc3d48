import { createHash } from 'node:crypto';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { deskStylesheet } from '../../shared/office/stylesheet';

/**
 * `GET /office/assets/desk.css`: the back office's stylesheet. Public (the sign-in page of a
 * signed-out browser may ask for it) and the same for everyone, so caches may keep it an hour;
 * the ETag lets them check cheaply after that.
 */

const etag = `"${createHash('sha256').update(deskStylesheet).digest('base64url').slice(0, 27)}"`;

export async function handler(event: {
  headers?: Record<string, string | undefined>;
}): Promise<APIGatewayProxyResultV2> {
  const headers = {
    'Content-Type': 'text/css; charset=utf-8',
    'Cache-Control': 'public, max-age=3600',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  };
  if (event.headers?.['if-none-match'] === etag) return { statusCode: 304, headers, body: '' };
  return { statusCode: 200, headers, body: deskStylesheet };
}
