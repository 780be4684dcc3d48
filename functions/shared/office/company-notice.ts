import { html, type SafeHtml } from '../http/html';
import type { Frame } from './layout';

/**
 * Said wherever it matters (dashboards, settings, job items, credit notes) while the company's
 * details are not all filled in: nothing that prints them goes out until they are. A manager is
 * led to the settings page, where they are filled in.
 */
export function companyDetailsNotice(frame: Frame, missing: readonly string[]): SafeHtml {
  if (missing.length === 0) return html``;
  const what =
    missing.length === 1
      ? missing[0]
      : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1) ?? ''}`;
  const where =
    frame.principal.role === 'manager'
      ? html`<a href="${frame.base}/office/settings#f-company-legalName">fill them in on the settings page</a>`
      : html`a manager fills them in on the settings page`;
  return html`<p class="flash problem" role="alert"><strong>Invoices wait for the company’s details.</strong>
No invoice, credit note or statement goes out until the company’s ${what} ${missing.length === 1 ? 'is' : 'are'}
filled in: ${where}. Invoices that waited then go out with the next run, once each.</p>`;
}
