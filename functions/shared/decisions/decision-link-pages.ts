import { html } from '../http/html';
import { page } from '../http/pages';
import { type HttpAnswer, htmlAnswer } from '../http/responses';
import type { LinkDecider } from './decision-links';

/** What a staff member sees when a decision link no longer lets them decide (staff: English). */
export function decisionLinkRefusedPage(
  refusal: Extract<LinkDecider, { kind: 'refused' }>,
  officePath: string,
): HttpAnswer {
  const title = 'This link no longer decides';
  const main = html`<h1>${title}</h1>
<p>This decision link works only for the person it was sent to, while their role decides this
step: ${refusal.reason}. Nothing was changed.</p>
<p>Whoever decides it now finds it in the back office: <a href="${officePath}">open it there</a>.</p>`;
  return htmlAnswer(403, page('en', title, main), 'en');
}
