import { ApiError } from '../errors';

/** Request fields, checked as the service checks them (ValidationException naming the field). */
export type Request = Record<string, unknown>;

export function requiredString(request: Request, field: string): string {
  const value = request[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new ApiError(
      'ValidationException',
      `1 validation error detected: '${field}' is required`,
    );
  }
  return value;
}

export function optionalString(request: Request, field: string): string | undefined {
  const value = request[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new ApiError('ValidationException', `'${field}' must be a string`);
  }
  return value;
}

/** maxResults: 0 or absent means the default (100); at most 1000. */
export function pageSize(request: Request): number {
  const value = request.maxResults;
  if (value === undefined || value === null || value === 0) return 100;
  if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > 1000) {
    throw new ApiError(
      'ValidationException',
      `'maxResults' must be an integer between 0 and 1000, got ${JSON.stringify(value)}`,
    );
  }
  return value as number;
}

/** Epoch seconds with a fraction: how the JSON protocol sends timestamps. */
export function seconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

type Key = Record<string, unknown>;

/** Page tokens wrap DynamoDB's last key, bound to the listing they came from. */
export function encodeToken(scope: string, key: Key | undefined): string | undefined {
  if (!key) return undefined;
  return Buffer.from(JSON.stringify({ scope, key })).toString('base64url');
}

export function decodeToken(request: Request, scope: string): Key | undefined {
  const token = optionalString(request, 'nextToken');
  if (token === undefined) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (decoded.scope === scope && typeof decoded.key === 'object') return decoded.key;
  } catch {
    // Falls through to the error below: a token we did not issue.
  }
  throw new ApiError('InvalidToken', `Invalid Token: '${token}'`);
}
