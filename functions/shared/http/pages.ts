import { html, SafeHtml } from './html';
import { pageStyle } from './responses';

/** The frame of every public page. */
export function page(lang: string, title: string, main: SafeHtml, nav?: SafeHtml): string {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new SafeHtml(pageStyle)}</style>
</head>
<body>
${nav}
<main>
${main}
</main>
</body>
</html>
`.value;
}

/** A plain page for a refused or failed request (the form handles its own field errors). */
export function errorPage(title: string, problems: readonly { message: string }[]): string {
  return page(
    'en',
    title,
    html`<h1>${title}</h1>
<ul>${problems.map((p) => html`<li>${p.message}</li>`)}</ul>`,
  );
}
