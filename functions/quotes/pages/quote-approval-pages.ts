import type { FieldProblem } from '../../shared/errors';
import { html } from '../../shared/http/html';
import { page } from '../../shared/http/pages';
import { type HttpAnswer, htmlAnswer } from '../../shared/http/responses';
import { decimalText } from '../../shared/rules/money';
import { describeReason } from '../mail/quote-notices';
import type { StoredQuote } from '../store/quotes';

/**
 * The supervisor's pages behind the emailed approve/reject link (English, the desk's working
 * language): a confirmation with the reason field (a GET changes nothing), then the outcome.
 */

export function quoteApprovalPage(
  quote: StoredQuote,
  action: string,
  chosen: string,
  problems: readonly FieldProblem[] = [],
): HttpAnswer {
  const total = quote.quote.totals.total;
  const error = problems.find((p) => p.field === 'reason')?.message;
  const title = `Special terms of quote ${quote.quoteId}`;
  const main = html`<h1>${title}</h1>
<p>${quote.agentName} drew up a quote for ${quote.customer.legalName}: ${decimalText(total)} ${total.currency} in total.</p>
<p>Special terms: ${quote.quote.approvalReasons.map(describeReason).join('; ')}.</p>
<form method="post" action="${action}">
<label for="reason">Reason (needed to reject; the agent reads it)</label>
<input id="reason" name="reason" type="text" maxlength="500"${error ? html` aria-invalid="true" aria-describedby="reason-error"` : ''}>
${error ? html`<p class="error" id="reason-error">${error}</p>` : ''}
<button type="submit" name="decision" value="approve"${chosen === 'approve' ? html` autofocus` : ''}>Approve</button>
<button type="submit" name="decision" value="reject"${chosen === 'reject' ? html` autofocus` : ''}>Reject</button>
</form>`;
  return htmlAnswer(problems.length ? 400 : 200, page('en', title, main), 'en');
}

export function quoteApprovalDonePage(
  quote: StoredQuote,
  outcome: 'decided' | 'already-decided' | 'too-late',
): HttpAnswer {
  if (outcome === 'too-late') {
    const title = 'Too late: this decision no longer counts';
    const main = html`<h1>${title}</h1>
<p>Quote ${quote.quoteId} for ${quote.customer.legalName} no longer waits for this decision (its
time ran out, or it moved on). Nothing was changed.</p>`;
    return htmlAnswer(409, page('en', title, main), 'en');
  }
  const decision = quote.approval;
  const title = outcome === 'decided' ? 'Decision recorded' : 'This quote was decided already';
  const said = decision
    ? `${decision.decision === 'approve' ? 'Approved' : 'Rejected'} by ${decision.by.name}${
        decision.reason ? `: ${decision.reason}` : ''
      }.`
    : `The quote is ${quote.status}.`;
  const main = html`<h1>${title}</h1>
<p>Quote ${quote.quoteId} for ${quote.customer.legalName}. ${said}</p>`;
  return htmlAnswer(outcome === 'decided' ? 200 : 409, page('en', title, main), 'en');
}
