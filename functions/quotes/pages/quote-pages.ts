import type { EmailDelivery } from '../../messages/email-delivery';
import { deliveryText } from '../../messages/pages/email-delivery';
import type { FieldProblem } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/http/html';
import {
  dataTable,
  detailList,
  errorSummary,
  fieldId,
  timeElement,
  timeline,
} from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import { decimalText, type Money } from '../../shared/rules/money';
import type { TimelineEntry } from '../../shared/store/timeline';
import { describeReason } from '../mail/quote-notices';
import { recurringTotals } from '../rules/quote';
import type { QuoteStatus, StoredQuote } from '../store/quotes';

/** A quote's page in the back office (lines, totals, terms, status, decision, timeline). */

export const quoteStatusNames: Record<QuoteStatus, string> = {
  draft: 'Draft',
  'awaiting-approval': 'Awaiting approval',
  sent: 'Sent to the customer',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  rejected: 'Rejected',
};

const amount = (m: Money) => `${decimalText(m)} ${m.currency}`;

/**
 * A quote's status; a `sent` quote whose email has not gone (`delivery`) reads "Not sent" or
 * "Being sent", never "Sent to the customer".
 */
export function quoteStatusBadge(status: QuoteStatus, delivery?: EmailDelivery): SafeHtml {
  if (status === 'sent' && delivery && delivery.kind !== 'sent') {
    return delivery.kind === 'sending'
      ? html`<span class="status sending">Being sent to the customer</span>`
      : html`<span class="status not-sent">Not sent</span>`;
  }
  return html`<span class="status ${status}">${quoteStatusNames[status] ?? status}</span>`;
}

export interface QuoteDetailView {
  frame: Frame;
  zone: string;
  quote: StoredQuote;
  timeline: readonly TimelineEntry[];
  /** The principal may decide on its special terms now. */
  mayDecide: boolean;
  /** What became of the email that took it to the customer (once it was released). */
  delivery?: EmailDelivery;
  flash?: Flash;
  problems?: readonly FieldProblem[];
}

export function quoteDetailPage(view: QuoteDetailView): string {
  const { frame, quote: stored } = view;
  const { quote, customer } = stored;
  const laterTotal =
    stored.billingPlan === 'one-off' ? undefined : recurringTotals(quote.lines, quote.currency);
  const lines = dataTable(
    'Lines',
    [
      'Service',
      'Billed',
      'Quantity',
      'Unit price',
      'Discount',
      'Tax rate',
      'Net',
      'Tax',
      'Total',
    ].map((label) => ({ label })),
    quote.lines.map((l) => [
      l.service,
      stored.billingPlan === 'one-off' ? 'Once' : l.oneOff ? 'Once (one-off)' : 'Every period',
      l.quantity,
      amount(l.unitPrice),
      `${l.discountPercent} %`,
      `${l.taxRatePercent} %`,
      amount(l.net),
      amount(l.tax),
      amount(l.total),
    ]),
    'No lines.',
  );
  const details = detailList([
    ['Status', quoteStatusBadge(stored.status, view.delivery)],
    ['Email to the customer', view.delivery && deliveryText(frame, view.zone, view.delivery)],
    ['Customer', customer.legalName],
    [
      'Contact',
      `${customer.contactName}, ${customer.email}${customer.phone ? `, ${customer.phone}` : ''}`,
    ],
    ['Address', customer.addressLines.join(', ')],
    ['Tax id', customer.taxId],
    ['Country and language', `${customer.country}, ${customer.language}`],
    ['Net', amount(quote.totals.net)],
    ['Tax', amount(quote.totals.tax)],
    ['Total', html`<strong>${amount(quote.totals.total)}</strong>`],
    [
      'Each later invoice',
      laterTotal
        ? `${amount(laterTotal.total)} (the one-off lines are on the first only)`
        : undefined,
    ],
    ['Overall discount', `${quote.overallDiscountPercent} %`],
    ['Payment', stored.prepaid ? 'Prepaid' : `Net ${quote.paymentTermsDays} days`],
    ['Billing plan', stored.billingPlan],
    [
      'Service',
      `${stored.service.name}${stored.service.needsOperatingPermit ? ' (needs an operating permit)' : ''}`,
    ],
    [
      'Start and term',
      `${stored.startDate}, ${stored.termMonths} months, ${stored.renewal} renewal`,
    ],
    ['Valid until', quote.validUntil],
    [
      'Special terms',
      quote.approvalReasons.length ? quote.approvalReasons.map(describeReason).join('; ') : 'None',
    ],
    [
      'Supervisor decision',
      stored.approval
        ? `${stored.approval.decision === 'approve' ? 'Approved' : 'Rejected'} by ${stored.approval.by.name}${
            stored.approval.reason ? `: ${stored.approval.reason}` : ''
          }`
        : undefined,
    ],
    [
      'Customer answer',
      stored.answer
        ? `${stored.answer.answer === 'accept' ? 'Accepted' : 'Declined'}${stored.answer.reason ? `: ${stored.answer.reason}` : ''}`
        : undefined,
    ],
    ['Agent', `${stored.agentName} (team ${stored.team})`],
    ['Drawn up', timeElement(stored.createdAt, view.zone)],
    ['Lead', html`<a href="${frame.base}/office/leads/${stored.leadId}">${stored.leadId}</a>`],
    ['Reference', stored.quoteId],
  ]);
  return officePage(frame, {
    title: `Quote ${stored.quoteId}`,
    section: 'leads',
    ...(view.flash ? { flash: view.flash } : {}),
    main: html`<p><a href="${frame.base}/office/leads/${stored.leadId}">← Lead</a></p>
<h1>Quote <span class="meta">${customer.legalName}</span></h1>
${errorSummary(view.problems ?? [], (f) => (f === 'reason' ? 'Reason' : 'Decision'))}
${details}
${lines}
${view.mayDecide ? decisionForm(frame, stored, view.problems ?? []) : ''}
<section aria-labelledby="timeline-title">
<h2 id="timeline-title">Timeline</h2>
${timeline(view.timeline, view.zone)}
</section>`,
  });
}

function decisionForm(frame: Frame, quote: StoredQuote, problems: readonly FieldProblem[]) {
  const error = problems.find((p) => p.field === 'reason')?.message;
  const id = fieldId('reason');
  return html`<section aria-labelledby="decision-title">
<h2 id="decision-title">Special terms: your decision</h2>
<form method="post" action="${frame.base}/office/quotes/${quote.quoteId}/decision" class="card">
${csrfInput(frame)}
<div class="field">
<label for="${id}">Reason (needed to reject; the agent reads it)</label>
<input id="${id}" name="reason" type="text" value=""${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
</div>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="reject">Reject</button>
</form>
</section>`;
}

/** The quotes of a lead, for the lead's page: newest first, each linking to its page. */
export function leadQuotesSection(
  frame: Frame,
  zone: string,
  leadId: string,
  quotes: readonly StoredQuote[],
  mayQuote: boolean,
  deliveries: ReadonlyMap<string, EmailDelivery | undefined> = new Map(),
): SafeHtml {
  const rows = [...quotes]
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map((q) => [
      html`<a href="${frame.base}/office/quotes/${q.quoteId}">${q.customer.legalName}</a>`,
      quoteStatusBadge(q.status, deliveries.get(q.quoteId)),
      amount(q.quote.totals.total),
      q.quote.validUntil,
      timeElement(q.createdAt, zone),
    ]);
  return html`<section aria-labelledby="quotes-title">
<h2 id="quotes-title">Quotes</h2>
${mayQuote ? html`<p><a href="${frame.base}/office/leads/${leadId}/quotes/new">New quote</a></p>` : ''}
${dataTable(
  'Quotes of this lead',
  ['Customer', 'Status', 'Total', 'Valid until', 'Drawn up'].map((label) => ({ label })),
  rows,
  'No quotes yet.',
)}
</section>`;
}
