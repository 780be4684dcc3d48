import { createHash } from 'node:crypto';
import { html, SafeHtml } from '../../../functions/shared/http/html';

/** The local sign-in page: what Cognito's hosted page does, plainly and accessibly. */

const style =
  'body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;' +
  'line-height:1.5}label{display:block;font-weight:600;margin-top:1rem}input{display:block;' +
  'width:100%;box-sizing:border-box;padding:.5rem;font:inherit}button{margin-top:1.5rem;' +
  'padding:.6rem 1.2rem;font:inherit}.error{color:#b00020;border:2px solid #b00020;padding:.5rem}';

export const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; frame-ancestors 'none'; base-uri 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function signInPage(hidden: Record<string, string>, username = '', error?: string): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to the customer desk</title>
<style>${new SafeHtml(style)}</style>
</head>
<body>
<main>
<h1>Sign in to the customer desk</h1>
${error ? html`<p class="error" role="alert" id="sign-in-error">${error}</p>` : ''}
<form method="post" action="/oauth2/authorize">
${Object.entries(hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<label for="username">Email address</label>
<input id="username" name="username" type="email" autocomplete="username" required value="${username}"${error ? html` aria-describedby="sign-in-error" aria-invalid="true"` : ''}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${error ? html` aria-describedby="sign-in-error" aria-invalid="true"` : ''}>
<button type="submit">Sign in</button>
</form>
</main>
</body>
</html>
`.value;
}

export function problemPage(message: string): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign-in problem</title></head>
<body><main><h1>Sign-in problem</h1><p>${message}</p></main></body></html>
`.value;
}
