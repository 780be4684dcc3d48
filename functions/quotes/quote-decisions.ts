import { ValidationError } from '../shared/errors';
import { looseText, readReason } from '../shared/rules/text-fields';
import type { SignedLink } from '../shared/signed-link';
import type { TaskCallback } from './quote-callback';
import { decisionOutput } from './quote-steps';
import { canAccept, QuoteExpired } from './rules/quote';
import type { ApprovalDecision, QuoteStore, StoredQuote } from './store/quotes';

/**
 * The two human answers the quote workflow waits for: a supervisor's decision on special terms
 * (signed link or back office) and the customer's answer (signed link). Each is recorded with
 * the token cleared in one conditional write (with the link's single use), then handed to the
 * waiting step: a second decision or answer finds no token and changes nothing.
 */

export type DecisionResult = 'decided' | 'already-decided' | 'link-used';

const linkUse = (link: SignedLink, now: Date) => ({
  linkId: link.linkId,
  purpose: link.purpose,
  subject: link.subject,
  usedAt: now,
  linkExpiresAt: link.expiresAt,
});

/** Reads `decision` and `reason` as posted; a rejection needs its reason. */
export function readDecision(fields: Record<string, string | undefined>): {
  decision: 'approve' | 'reject';
  reason: string;
} {
  const decision = fields.decision;
  if (decision !== 'approve' && decision !== 'reject') {
    throw new ValidationError([{ field: 'decision', message: 'Choose approve or reject' }]);
  }
  const reason = readReason(fields.reason, {
    max: 500,
    ...(decision === 'reject'
      ? { requiredMessage: 'Say why the quote is rejected: the agent reads it' }
      : {}),
  });
  return { decision, reason };
}

export async function decideApproval(
  deps: { quotes: QuoteStore; callback: TaskCallback },
  quote: StoredQuote,
  decision: Omit<ApprovalDecision, 'at'>,
  now: Date,
  link?: SignedLink,
): Promise<DecisionResult> {
  if (quote.status !== 'awaiting-approval' || quote.approval || !quote.approvalToken) {
    return 'already-decided';
  }
  const approval: ApprovalDecision = { ...decision, at: now.toISOString() };
  const approved = decision.decision === 'approve';
  const result = await deps.quotes.change(quote.quoteId, {
    set: { approval },
    remove: ['approvalToken'],
    condition: '#status = :awaiting AND approvalToken = :token AND attribute_not_exists(approval)',
    values: { ':awaiting': 'awaiting-approval', ':token': quote.approvalToken },
    timeline: {
      stepKey: 'approval-decided',
      entry: {
        at: now.toISOString(),
        step: approved ? 'quote-approved' : 'quote-rejected',
        summary: approved ? 'Special terms approved' : `Rejected: ${decision.reason ?? ''}`,
        by: { kind: 'staff', ...decision.by },
        via: decision.via,
      },
    },
    ...(link ? { usedLink: linkUse(link, now) } : {}),
  });
  if (result === 'link-used') return 'link-used';
  if (result === 'refused') return 'already-decided';
  // A token the step no longer waits on: the step after the escalation hands the decision on.
  await deps.callback.succeed(quote.approvalToken, decisionOutput(approval));
  return 'decided';
}

export type AnswerResult = 'accepted' | 'declined' | 'expired' | 'already-answered' | 'link-used';

/** The customer's answer through the quote's link. An expired quote cannot be accepted. */
export async function answerQuote(
  deps: { quotes: QuoteStore; callback: TaskCallback },
  quote: StoredQuote,
  answer: { answer: 'accept' | 'decline'; reason?: string },
  link: SignedLink,
  now: Date,
): Promise<AnswerResult> {
  if (quote.status === 'expired') return 'expired';
  if (quote.status !== 'sent' || !quote.answerToken) return 'already-answered';
  try {
    canAccept(quote.quote, now);
  } catch (error) {
    if (error instanceof QuoteExpired) return 'expired';
    throw error;
  }
  const accepted = answer.answer === 'accept';
  const reason = looseText(answer.reason, 500);
  const recorded = { answer: answer.answer, ...(reason ? { reason } : {}), at: now.toISOString() };
  const result = await deps.quotes.change(quote.quoteId, {
    set: { status: accepted ? 'accepted' : 'declined', answer: recorded, closedAt: recorded.at },
    remove: ['answerToken'],
    condition: '#status = :sent AND answerToken = :token',
    values: { ':sent': 'sent', ':token': quote.answerToken },
    timeline: {
      stepKey: 'answered',
      entry: {
        at: recorded.at,
        step: accepted ? 'quote-accepted' : 'quote-declined',
        summary: accepted
          ? 'Accepted by the customer'
          : `Declined by the customer${reason ? `: ${reason}` : ''}`,
        by: { kind: 'prospect', name: quote.customer.contactName },
        via: 'signed link (quote answer)',
      },
    },
    usedLink: linkUse(link, now),
  });
  if (result === 'link-used') return 'link-used';
  if (result === 'refused') return 'already-answered';
  await deps.callback.succeed(quote.answerToken, {
    answer: answer.answer,
    ...(reason ? { reason } : {}),
  });
  return accepted ? 'accepted' : 'declined';
}
