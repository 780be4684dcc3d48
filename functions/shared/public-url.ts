/**
 * Absolute links for emails: a mail program has no page to resolve `/leads/review/…` against.
 * `PUBLIC_BASE_URL` is given to every function (deploy setting `publicBaseUrl`, by default the
 * HTTP API's URL on AWS and the gateway's URL locally). Without it the path is returned as is.
 */
export function publicUrl(path: string, base = process.env.PUBLIC_BASE_URL): string {
  if (!base) return path;
  const trimmed = base.replace(/\/+$/, '');
  return `${trimmed}${path.startsWith('/') ? path : `/${path}`}`;
}
