import type { FieldProblem } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/http/html';
import { page } from '../../shared/http/pages';
import { detailList, errorSummary, fieldId, formatTime } from '../../shared/office/components';
import { csrfInput, type Flash, type Frame } from '../../shared/office/layout';
import type { LeadReview, ReviewVerdict } from '../lead-review';
import { describeDecision, maxReasonLength, type ReviewOutcome } from '../lead-review-decision';
import type { Lead } from '../rules/lead';

/**
 * A supervisor's decision on a flagged lead: the page the emailed signed link opens (a staff
 * page, in English, outside the back office: the link itself is the permission) and the same
 * form on the lead's back-office page. The form holds the reason and one button per answer.
 */

const labels: Record<string, string> = { decision: 'Decision', reason: 'Reason' };

function leadSummary(lead: Lead): SafeHtml {
  const q = lead.qualification;
  return detailList([
    ['Prospect', lead.company ? `${lead.name} (${lead.company})` : lead.name],
    ['Email', lead.email],
    ['Phone', lead.phone],
    ['Country', lead.country],
    ['Interest', lead.interest],
    ['Message', lead.message],
    ['Flagged for', q?.flags.join(', ') || undefined],
    ['Score', q ? String(q.score) : undefined],
    ['Reference', lead.leadId],
  ]);
}

/** The reason box and the two buttons; the answer the link was clicked for comes first. */
function decisionControls(
  values: { reason?: string; first?: ReviewVerdict },
  problems: readonly FieldProblem[],
): SafeHtml {
  const id = fieldId('reason');
  const error = problems.find((p) => p.field === 'reason')?.message;
  const buttons = {
    approve: html`<button type="submit" name="decision" value="approve">Approve: give it to an agent</button>`,
    reject: html`<button type="submit" name="decision" value="reject">Reject the lead</button>`,
  };
  const order: ReviewVerdict[] =
    values.first === 'reject' ? ['reject', 'approve'] : ['approve', 'reject'];
  return html`<div class="field">
<label for="${id}">Reason</label>
<p class="hint" id="${id}-hint">Needed to reject; shown on the lead's timeline.</p>
<textarea id="${id}" name="reason" rows="3" maxlength="${maxReasonLength}" aria-describedby="${id}-hint${error ? ` ${id}-error` : ''}"${error ? html` aria-invalid="true"` : ''}>${values.reason ?? ''}</textarea>
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
</div>
${order.map((verdict) => buttons[verdict])}`;
}

export interface ReviewLinkView {
  lead: Lead;
  review: LeadReview;
  /** Where the form posts: the link's own address. */
  action: string;
  zone: string;
  first?: ReviewVerdict;
  reason?: string;
  problems?: readonly FieldProblem[];
}

/** GET of the emailed link: what the lead is, and the form. Changes nothing. */
export function reviewLinkPage(view: ReviewLinkView): string {
  const problems = view.problems ?? [];
  const title = `Review a flagged lead: ${view.lead.name}`;
  return page(
    'en',
    title,
    html`<h1>${title}</h1>
${errorSummary(problems, (f) => labels[f] ?? f)}
<p>This lead was flagged by the desk's checks. Decide by ${formatTime(view.review.deadline, view.zone)}.</p>
${leadSummary(view.lead)}
<form method="post" action="${view.action}">
${decisionControls({ reason: view.reason, first: view.first }, problems)}
</form>`,
  );
}

/** What a decision (or a second one) came to, in words. */
export function outcomeMessage(
  outcome: ReviewOutcome,
  zone: string,
): {
  title: string;
  body: string;
} {
  switch (outcome.kind) {
    case 'decided':
      return outcome.decision.decision === 'approve'
        ? { title: 'Lead approved', body: 'Thank you. The lead now goes to an agent of its team.' }
        : { title: 'Lead rejected', body: 'Thank you. The lead is closed as rejected.' };
    case 'already-decided':
      return {
        title: 'Already decided',
        body: `This lead was already ${describeDecision(outcome.decision)} on ${formatTime(outcome.decision.at, zone)}. Nothing was changed.`,
      };
    case 'too-late':
      return {
        title: 'Too late: the review had timed out',
        body: 'The review had already passed its deadline, so your decision came too late and nothing was changed. The lead waits in the back office, where a supervisor or manager assigns it.',
      };
    case 'not-open':
      return {
        title: 'No review waits for this lead',
        body: outcome.review?.escalatedAt
          ? 'The review passed its deadline and the managers were told. Assign the lead in the back office.'
          : 'This lead does not wait for a supervisor’s decision.',
      };
    case 'link-used':
      return { title: 'Already decided', body: 'This link has been used. Nothing was changed.' };
  }
}

/** The page after a link decision, or when the link is opened again. */
export function reviewOutcomePage(outcome: ReviewOutcome, zone: string): string {
  const { title, body } = outcomeMessage(outcome, zone);
  return page(
    'en',
    title,
    html`<h1>${title}</h1>
<p>${body}</p>`,
  );
}

/** The review on the lead's back-office page: the form while it waits, else how it ended. */
export function reviewSection(view: {
  frame: Frame;
  lead: Lead;
  review?: LeadReview;
  mayDecide: boolean;
  open: boolean;
  zone: string;
  reason?: string;
  problems?: readonly FieldProblem[];
}): SafeHtml {
  const { frame, lead, review } = view;
  if (!review) return html``;
  const status = review.decision
    ? `Supervisor review: ${describeDecision(review.decision)}, ${formatTime(review.decision.at, view.zone)}.`
    : review.escalatedAt
      ? 'Supervisor review: not decided in time; the managers were told. Assign the lead below.'
      : `Supervisor review: waiting for a decision until ${formatTime(review.deadline, view.zone)}.`;
  const form =
    view.open && view.mayDecide
      ? html`<form method="post" action="${frame.base}/office/leads/${lead.leadId}/review" class="card">
${csrfInput(frame)}
${errorSummary(view.problems ?? [], (f) => labels[f] ?? f)}
${decisionControls({ reason: view.reason }, view.problems ?? [])}
</form>`
      : html``;
  return html`<section aria-labelledby="review-title">
<h2 id="review-title">Supervisor review</h2>
<p>${status}</p>
${form}
</section>`;
}

/** After a back-office decision (`?done=review-<outcome>`): what came of it, at the top. */
export function reviewFlash(
  done: string | undefined,
  review: LeadReview | undefined,
  zone: string,
): { flash?: Flash } {
  const kind = done?.startsWith('review-') ? done.slice('review-'.length) : undefined;
  let outcome: ReviewOutcome | undefined;
  if ((kind === 'decided' || kind === 'already-decided') && review?.decision)
    outcome = { kind, decision: review.decision };
  else if (kind === 'too-late') outcome = { kind };
  else if (kind === 'not-open') outcome = { kind, review };
  if (!outcome) return {};
  const { title, body } = outcomeMessage(outcome, zone);
  return { flash: { kind: kind === 'decided' ? 'done' : 'problem', message: `${title}. ${body}` } };
}
