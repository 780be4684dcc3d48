import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** What an HTTP handler answers (API Gateway HTTP API, payload format 2.0). */
export type HttpAnswer = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
};

/** The one stylesheet of the public pages, allowed by its hash: no inline style otherwise. */
export const pageStyle =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;' +
  'line-height:1.5;color:#1b1b1b}label{display:block;font-weight:600;margin-top:1rem}' +
  'input,select,textarea{display:block;width:100%;box-sizing:border-box;padding:.5rem;' +
  'font:inherit;border:1px solid #555;border-radius:4px}textarea{min-height:8rem}' +
  '[aria-invalid=true]{border:2px solid #b00020}.error{color:#b00020;margin:.25rem 0 0}' +
  '.hint{color:#555;margin:.25rem 0 0;font-size:.9em}button{margin-top:1.5rem;padding:.6rem 1.2rem;' +
  'font:inherit;cursor:pointer}.summary{border:2px solid #b00020;padding:.5rem 1rem}' +
  'nav ul{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}' +
  '.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}';

const styleHash = createHash('sha256').update(pageStyle).digest('base64');

/**
 * Where forms may lead besides this site: signing out ends on the sign-in pages (a form post
 * redirected there), so a function that knows them (it uses `staffSignIn`) allows their origin.
 */
const formTargets = ["'self'", signInOrigin(process.env.STAFF_SIGN_IN_URL)].filter(Boolean);

function signInOrigin(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

/**
 * Pages run only this site's scripts (none inline), are never framed, post only to this site
 * (and sign-in) and are never cached. HSTS is removed again on plain http (see middleware).
 */
const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': `default-src 'self'; script-src 'self'; style-src 'self' 'sha256-${styleHash}'; img-src 'self' data:; form-action ${formTargets.join(' ')}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Cache-Control': 'no-store',
};

export function htmlAnswer(statusCode: number, body: string, lang?: string): HttpAnswer {
  const headers: Record<string, string> = {
    ...securityHeaders,
    'Content-Type': 'text/html; charset=utf-8',
  };
  if (lang) headers['Content-Language'] = lang;
  return { statusCode, headers, body };
}

export function jsonAnswer(statusCode: number, value: unknown): HttpAnswer {
  return {
    statusCode,
    headers: { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  };
}

/** 303 See Other: after a post, the browser GETs the next page, so a refresh never reposts. */
export function seeOther(location: string): HttpAnswer {
  return { statusCode: 303, headers: { ...securityHeaders, Location: location }, body: '' };
}

/** A header's value; HTTP API events carry header names in lower case. */
export function header(
  event: Partial<Pick<APIGatewayProxyEventV2, 'headers'>>,
  name: string,
): string | undefined {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }
  return undefined;
}

/** The path prefix of the API stage (`''` on the default stage), for links back into the API. */
export function basePath(event: Pick<APIGatewayProxyEventV2, 'requestContext'>): string {
  const stage = event.requestContext?.stage;
  return stage && stage !== '$default' ? `/${stage}` : '';
}

/** True when the request reached the API over https (always on AWS; never on this machine). */
export function isHttps(event: Partial<Pick<APIGatewayProxyEventV2, 'headers'>>): boolean {
  return (header(event, 'x-forwarded-proto') ?? '').split(',')[0]?.trim() === 'https';
}

/** True when the caller is a browser (or wants a page) rather than an API client. */
export function wantsHtml(event: Partial<Pick<APIGatewayProxyEventV2, 'headers'>>): boolean {
  const contentType = header(event, 'content-type') ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) return true;
  if (contentType.startsWith('application/json')) return false;
  return (header(event, 'accept') ?? '').includes('text/html');
}
