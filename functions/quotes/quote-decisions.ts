import type { DecisionSteps } from '../shared/decisions/decision-step';
import { ValidationError } from '../shared/errors';
import { looseText, readReason } from '../shared/rules/text-fields';
import type { SignedLink } from '../shared/signed-link';
import { decisionOutput, quoteAnswerStep, quoteApprovalStep } from './quote-steps';
import { canAccept, QuoteExpired } from './rules/quote';
import type { ApprovalDecision, QuoteStore, StoredQuote } from './store/quotes';

/**
 * The two human answers the quote workflow waits for: a supervisor's decision on special terms
 * (signed link or back office) and the customer's answer (signed link), each a decision step
 * (`shared/decisions/decision-step.ts`): the first answer is recorded on the quote and handed to
 * the waiting step; a second one, or one the workflow no longer waits for, changes nothing.
 */

export type DecisionResult = 'decided' | 'already-decided' | 'too-late' | 'link-used';

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
  deps: { quotes: QuoteStore; steps: DecisionSteps },
  quote: StoredQuote,
  decision: Omit<ApprovalDecision, 'at'>,
  now: Date,
  link?: SignedLink,
): Promise<DecisionResult> {
  if (quote.status !== 'awaiting-approval' || quote.approval) return 'already-decided';
  const approval: ApprovalDecision = { ...decision, at: now.toISOString() };
  const approved = decision.decision === 'approve';
  const apply = () =>
    deps.quotes.change(quote.quoteId, {
      set: { approval },
      remove: ['approvalToken'],
      condition: '#status = :awaiting AND attribute_not_exists(approval)',
      values: { ':awaiting': 'awaiting-approval' },
      timeline: {
        stepKey: 'approval-decided',
        entry: {
          at: approval.at,
          step: approved ? 'quote-approved' : 'quote-rejected',
          summary: approved ? 'Special terms approved' : `Rejected: ${decision.reason ?? ''}`,
          by: { kind: 'staff', ...decision.by },
          via: decision.via,
        },
      },
    });
  // Too late for the workflow: the quote waits for a decision again.
  const revert = () =>
    deps.quotes.change(quote.quoteId, {
      remove: ['approval'],
      condition: '#status = :awaiting AND #approval.#at = :at',
      names: { '#approval': 'approval', '#at': 'at' },
      values: { ':awaiting': 'awaiting-approval', ':at': approval.at },
      timeline: {
        stepKey: `approval-too-late#${approval.at}`,
        entry: {
          at: approval.at,
          step: 'quote-approval-requested',
          summary: 'A decision came too late for the workflow: nothing changed',
          by: { kind: 'staff', ...decision.by },
          via: decision.via,
        },
      },
    });
  const outcome = await deps.steps.decide(
    quoteApprovalStep(quote.quoteId),
    { decision: decision.decision, by: decision.by, output: decisionOutput(approval) },
    now,
    {
      ...(link ? { link } : {}),
      ...(quote.approvalToken ? { legacyToken: quote.approvalToken } : {}),
      effects: () => ({ apply, revert }),
    },
  );
  return outcome === 'not-waiting' ? 'already-decided' : outcome;
}

export type AnswerResult = 'accepted' | 'declined' | 'expired' | 'already-answered' | 'link-used';

/** The customer's answer through the quote's link. An expired quote cannot be accepted. */
export async function answerQuote(
  deps: { quotes: QuoteStore; steps: DecisionSteps },
  quote: StoredQuote,
  answer: { answer: 'accept' | 'decline'; reason?: string },
  link: SignedLink,
  now: Date,
): Promise<AnswerResult> {
  if (quote.status === 'expired') return 'expired';
  if (quote.status !== 'sent') return 'already-answered';
  try {
    canAccept(quote.quote, now);
  } catch (error) {
    if (error instanceof QuoteExpired) return 'expired';
    throw error;
  }
  const accepted = answer.answer === 'accept';
  const reason = looseText(answer.reason, 500);
  const recorded = { answer: answer.answer, ...(reason ? { reason } : {}), at: now.toISOString() };
  const by = { kind: 'prospect' as const, name: quote.customer.contactName };
  const apply = () =>
    deps.quotes.change(quote.quoteId, {
      set: { status: accepted ? 'accepted' : 'declined', answer: recorded, closedAt: recorded.at },
      remove: ['answerToken'],
      condition: '#status = :sent',
      values: { ':sent': 'sent' },
      timeline: {
        stepKey: 'answered',
        entry: {
          at: recorded.at,
          step: accepted ? 'quote-accepted' : 'quote-declined',
          summary: accepted
            ? 'Accepted by the customer'
            : `Declined by the customer${reason ? `: ${reason}` : ''}`,
          by,
          via: 'signed link (quote answer)',
        },
      },
    });
  // Too late for the workflow (the quote's validity ran out meanwhile): the answer is taken back.
  const revert = () =>
    deps.quotes.change(quote.quoteId, {
      set: { status: 'sent' },
      remove: ['answer', 'closedAt'],
      condition: '#status IN (:accepted, :declined) AND #answer.#at = :at',
      names: { '#answer': 'answer', '#at': 'at' },
      values: { ':accepted': 'accepted', ':declined': 'declined', ':at': recorded.at },
      timeline: {
        stepKey: `answer-too-late#${recorded.at}`,
        entry: {
          at: recorded.at,
          step: 'quote-sent',
          summary: 'The answer came too late for the workflow: nothing changed',
          by,
          via: 'signed link (quote answer)',
        },
      },
    });
  const result = await deps.steps.decide(
    quoteAnswerStep(quote.quoteId),
    { decision: answer.answer, output: { answer: answer.answer, ...(reason ? { reason } : {}) } },
    now,
    {
      link,
      ...(quote.answerToken ? { legacyToken: quote.answerToken } : {}),
      effects: () => ({ apply, revert }),
    },
  );
  switch (result) {
    case 'decided':
      return accepted ? 'accepted' : 'declined';
    case 'too-late':
      // The answer step ends when the quote's validity does.
      return 'expired';
    case 'link-used':
      return 'link-used';
    default:
      return 'already-answered';
  }
}
