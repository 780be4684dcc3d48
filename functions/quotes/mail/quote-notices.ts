import Handlebars from 'handlebars';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import { decimalText } from '../../shared/rules/money';
import type { StaffMember } from '../../shared/staff-member';
import type { ApprovalReason } from '../rules/quote';
import type { StoredQuote } from '../store/quotes';

/** Staff notices about quotes, in English (the desk's working language). */

const escapeHtml = (value: string) => Handlebars.escapeExpression(value);
type Summary = Pick<StoredQuote, 'quoteId' | 'customer' | 'quote' | 'agentName'>;

function content(subject: string, lines: string[], links: { label: string; href: string }[]) {
  return {
    subjectLine: subjectLine(subject),
    text: `${[...lines, ...links.map((l) => `${l.label}: ${l.href}`)].join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Quote</title>' +
      `</head>\n<body>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n` +
      links
        .map((l) => `<p><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></p>`)
        .join('\n') +
      '\n</body>\n</html>\n',
  } satisfies EmailContent;
}

const totalOf = (q: Summary) =>
  `${decimalText(q.quote.totals.total)} ${q.quote.totals.total.currency}`;

export function describeReason(reason: ApprovalReason): string {
  switch (reason.kind) {
    case 'line-discount':
      return `line ${reason.line} has a discount of ${reason.discountPercent} %`;
    case 'overall-discount':
      return `an overall discount of ${reason.discountPercent} %`;
    case 'payment-terms':
      return `payment terms of ${reason.days} days`;
  }
}

export function renderQuoteApprovalRequest(
  quote: Summary,
  supervisor: Pick<StaffMember, 'name'>,
  deadline: Date,
  links: { approve: string; reject: string; office: string },
): EmailContent {
  return content(
    `Quote to approve: ${quote.customer.legalName}`,
    [
      `Dear ${supervisor.name},`,
      `${quote.agentName} drew up quote ${quote.quoteId} for ${quote.customer.legalName}, ` +
        `${totalOf(quote)} in total, with special terms: ` +
        `${quote.quote.approvalReasons.map(describeReason).join('; ')}.`,
      `Please approve or reject it by ${deadline.toISOString().slice(0, 10)}. ` +
        `The quote is in the back office: ${links.office}`,
    ],
    [
      { label: 'Approve', href: links.approve },
      { label: 'Reject', href: links.reject },
    ],
  );
}

export function renderQuoteApprovalEscalation(
  quote: Summary,
  manager: Pick<StaffMember, 'name'>,
  office: string,
): EmailContent {
  return content(
    `Quote approval overdue: ${quote.customer.legalName}`,
    [
      `Dear ${manager.name},`,
      `Nobody decided on quote ${quote.quoteId} for ${quote.customer.legalName} ` +
        `(${totalOf(quote)}, agent ${quote.agentName}) in 3 business days.`,
      `It still waits for a decision, which you can give in the back office: ${office}`,
    ],
    [],
  );
}

export type QuoteOutcome = 'accepted' | 'declined' | 'rejected' | 'expired';

const outcomeWords: Record<QuoteOutcome, string> = {
  accepted: 'accepted by the customer',
  declined: 'declined by the customer',
  rejected: 'rejected by the supervisor',
  expired: 'expired without an answer',
};

export function renderQuoteOutcomeNotice(
  quote: Summary,
  outcome: QuoteOutcome,
  reason: string | undefined,
  office: string,
): EmailContent {
  return content(
    `Quote ${outcome}: ${quote.customer.legalName}`,
    [
      `Dear ${quote.agentName},`,
      `Your quote ${quote.quoteId} for ${quote.customer.legalName} (${totalOf(quote)}) was ` +
        `${outcomeWords[outcome]}.${reason ? ` Reason: ${reason}` : ''}`,
      `See it in the back office: ${office}`,
    ],
    [],
  );
}

export const quoteApprovalRequestKey = (quoteId: string, to: string): OutboxKey => ({
  kind: 'quote-approval-request',
  subject: `quote#${quoteId}`,
  recipient: to,
  period: 'approval',
});

export const quoteApprovalEscalationKey = (quoteId: string, to: string): OutboxKey => ({
  kind: 'quote-approval-escalation',
  subject: `quote#${quoteId}`,
  recipient: to,
  period: 'approval',
});

export const quoteOutcomeKey = (quoteId: string, outcome: QuoteOutcome, to: string): OutboxKey => ({
  kind: 'quote-outcome',
  subject: `quote#${quoteId}`,
  recipient: to,
  period: outcome,
});
