import { isValid } from 'ulidx';
import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import { deciderSubject } from '../shared/decisions/decision-links';
import type { DecisionSteps, StepKey } from '../shared/decisions/decision-step';
import { InvalidPayload, RecordMissing } from '../shared/errors';
import { publicUrl } from '../shared/public-url';
import { addBusinessDays } from '../shared/rules/business-calendar';
import { createSignedLink } from '../shared/signed-link';
import type { SigningKeyInput } from '../shared/signing-key';
import type { TimelineActor } from '../shared/store/timeline';
import { loadBusinessRules } from '../staff/settings/settings';
import type { SettingsStore } from '../staff/settings/settings-store';
import type { StaffStore } from '../staff/store/staff-store';
import { quoteEmailKey, renderQuoteEmail } from './mail/quote-email';
import {
  type QuoteOutcome,
  quoteApprovalEscalationKey,
  quoteApprovalRequestKey,
  quoteOutcomeKey,
  renderQuoteApprovalEscalation,
  renderQuoteApprovalRequest,
  renderQuoteOutcomeNotice,
} from './mail/quote-notices';
import { type QuoteStore, quoteRecordPk, type StoredQuote } from './store/quotes';

/**
 * The steps of the `quote` workflow (`workflows/quote.asl.json`), each safe to run again: every
 * change is conditioned on the status it expects and every email goes through the outbox. The
 * two waits for a person (`Supervisor approval`, `Send quote`) are decision steps
 * (`shared/decisions/decision-step.ts`) kept beside the quote.
 *
 * | access pattern                      | keys                                              |
 * |-------------------------------------|---------------------------------------------------|
 * | the supervisor's decision step      | pk = `QUOTE#<quoteId>`, sk = `STEP#approval`      |
 * | the customer's answer step          | pk = `QUOTE#<quoteId>`, sk = `STEP#answer`        |
 *
 * Quotes sent before these steps kept their token on the quote (`approvalToken`, `answerToken`):
 * an answer to such a quote is handed to that token.
 */

export const quoteApprovalStep = (quoteId: string): StepKey => ({
  pk: quoteRecordPk(quoteId),
  sk: 'STEP#approval',
});
export const quoteAnswerStep = (quoteId: string): StepKey => ({
  pk: quoteRecordPk(quoteId),
  sk: 'STEP#answer',
});

export const quoteApprovalPurpose = 'quote-approval';
export const quoteAnswerPurpose = 'quote-answer';

export interface QuoteStepDeps {
  quotes: QuoteStore;
  staff: StaffStore;
  settings: SettingsStore;
  outbox: Outbox;
  steps: DecisionSteps;
  sender: string;
  zone: string;
}

export async function requireQuote(quotes: QuoteStore, quoteId: unknown): Promise<StoredQuote> {
  if (typeof quoteId !== 'string' || !isValid(quoteId)) {
    throw new InvalidPayload('The payload must name a quote: "quoteId": "<ULID>"');
  }
  const quote = await quotes.get(quoteId);
  if (!quote) throw new RecordMissing(`Quote ${quoteId} does not exist`);
  return quote;
}

const officeLink = (quoteId: string) => publicUrl(`/office/quotes/${quoteId}`);

/** Step `Check quote`: does it wait for a supervisor, for how long, and when does it expire? */
export async function checkQuote(
  deps: Pick<QuoteStepDeps, 'quotes' | 'settings' | 'zone'>,
  payload: { quoteId?: unknown },
  now: Date,
): Promise<{
  quoteId: string;
  needsApproval: boolean;
  approvalSeconds: number;
  expiresAt: string;
}> {
  const quote = await requireQuote(deps.quotes, payload.quoteId);
  const { rules } = await loadBusinessRules(deps.settings);
  const deadline = addBusinessDays(
    now,
    rules.approvals.escalationBusinessDays,
    rules.calendar,
    deps.zone,
  );
  return {
    quoteId: quote.quoteId,
    // A rerun after the decision does not ask again.
    needsApproval: quote.quote.needsSupervisorApproval && quote.approval === undefined,
    approvalSeconds: Math.max(1, Math.ceil((deadline.getTime() - now.getTime()) / 1000)),
    expiresAt: quote.quote.expiresAt,
  };
}

/**
 * Step `Supervisor approval` (waitForTaskToken): keeps the token on the quote and emails the
 * team's supervisor signed approve/reject links (once: a rerun or the wait after an escalation
 * only replaces the token). A decision that arrived while no token waited is handed on at once.
 */
export async function requestQuoteApproval(
  deps: QuoteStepDeps & { signingKey: SigningKeyInput },
  payload: { quoteId?: unknown; taskToken?: unknown; approvalSeconds?: unknown },
  now: Date,
): Promise<{ outcome: DeliveryOutcome | 'decided-already' }> {
  const quote = await requireQuote(deps.quotes, payload.quoteId);
  const { taskToken } = payload;
  if (typeof taskToken !== 'string' || taskToken.length === 0) {
    throw new InvalidPayload('The payload must carry "taskToken"');
  }
  const step = quoteApprovalStep(quote.quoteId);
  if (quote.approval) {
    await deps.steps.handOver(step, taskToken, decisionOutput(quote.approval), now);
    return { outcome: 'decided-already' };
  }
  const seconds = Number(payload.approvalSeconds);
  const deadline = quote.approvalDeadline
    ? new Date(quote.approvalDeadline)
    : new Date(now.getTime() + (Number.isInteger(seconds) && seconds > 0 ? seconds : 1) * 1000);
  const first = quote.status === 'draft';
  const result = await deps.quotes.change(quote.quoteId, {
    set: { status: 'awaiting-approval', approvalDeadline: deadline.toISOString() },
    condition: first
      ? '#status = :draft'
      : '#status = :awaiting AND attribute_not_exists(approval)',
    values: first ? { ':draft': 'draft' } : { ':awaiting': 'awaiting-approval' },
    ...(first
      ? {
          timeline: {
            stepKey: 'approval-requested',
            entry: {
              at: now.toISOString(),
              step: 'quote-approval-requested' as const,
              summary: `Special terms: a supervisor decides by ${deadline.toISOString().slice(0, 10)}`,
              by: { kind: 'system' as const },
              via: 'quote workflow (supervisor approval)',
            },
          },
        }
      : {}),
  });
  if (result !== 'changed') {
    const now2 = await requireQuote(deps.quotes, quote.quoteId);
    if (now2.approval) {
      await deps.steps.handOver(step, taskToken, decisionOutput(now2.approval), now);
      return { outcome: 'decided-already' };
    }
    throw new InvalidPayload(`Quote ${quote.quoteId} is ${now2.status}: no approval to ask for`);
  }
  const kept = await deps.steps.wait(step, {
    taskToken,
    requestedAt: now.toISOString(),
    deadline: deadline.toISOString(),
    fields: { quoteId: quote.quoteId },
  });
  if (kept.status === 'decided-already') return { outcome: 'decided-already' };
  const team = await deps.staff.getTeam(quote.team);
  const supervisor = team ? await deps.staff.getMember(team.supervisorId) : undefined;
  if (!supervisor?.active) {
    throw new RecordMissing(
      `Team ${quote.team} of quote ${quote.quoteId} has no active supervisor`,
    );
  }
  const { token } = createSignedLink(
    {
      purpose: quoteApprovalPurpose,
      // The link decides as this supervisor, while their role decides it (`decision-links.ts`).
      subject: deciderSubject(quote.quoteId, supervisor.staffId),
      expiresAt: new Date(quote.quote.expiresAt),
      locale: 'en',
    },
    deps.signingKey,
  );
  const outcome = await deps.outbox.deliver(
    quoteApprovalRequestKey(quote.quoteId, supervisor.email),
    deps.sender,
    renderQuoteApprovalRequest(quote, supervisor, deadline, {
      approve: publicUrl(`/quotes/approval/${token}?decision=approve`),
      reject: publicUrl(`/quotes/approval/${token}?decision=reject`),
      office: officeLink(quote.quoteId),
    }),
    now,
    { timelineOf: quoteRecordPk(quote.quoteId) },
  );
  return { outcome };
}

/** What a decision hands the workflow: `{decision, by, reason?}`. */
export function decisionOutput(approval: NonNullable<StoredQuote['approval']>) {
  return {
    decision: approval.decision,
    by: approval.by,
    ...(approval.reason ? { reason: approval.reason } : {}),
  };
}

/** Step `Escalate approval`: the managers are told once; the quote keeps waiting. */
export async function escalateQuoteApproval(
  deps: QuoteStepDeps,
  payload: { quoteId?: unknown },
  now: Date,
): Promise<{ managersTold: number }> {
  const quote = await requireQuote(deps.quotes, payload.quoteId);
  await deps.quotes.change(quote.quoteId, {
    set: { escalatedAt: now.toISOString() },
    condition: '#status = :awaiting AND attribute_not_exists(escalatedAt)',
    values: { ':awaiting': 'awaiting-approval' },
    timeline: {
      stepKey: 'approval-escalated',
      entry: {
        at: now.toISOString(),
        step: 'quote-approval-escalated',
        summary: 'No supervisor decided in 3 business days: the managers were told',
        by: { kind: 'system' },
        via: 'quote workflow (approval timeout)',
      },
    },
  });
  const managers = (await deps.staff.listMembers()).filter((m) => m.role === 'manager' && m.active);
  for (const manager of managers) {
    await deps.outbox.deliver(
      quoteApprovalEscalationKey(quote.quoteId, manager.email),
      deps.sender,
      renderQuoteApprovalEscalation(quote, manager, officeLink(quote.quoteId)),
      now,
      { timelineOf: quoteRecordPk(quote.quoteId) },
    );
  }
  return { managersTold: managers.length };
}

/**
 * Step `Send quote` (waitForTaskToken): the quote becomes `sent`, keeps the token until the
 * customer answers, and is emailed to the customer in their language with the signed link.
 */
export async function sendQuote(
  deps: QuoteStepDeps & { signingKey: SigningKeyInput },
  payload: { quoteId?: unknown; taskToken?: unknown },
  now: Date,
): Promise<{ outcome: DeliveryOutcome }> {
  const quote = await requireQuote(deps.quotes, payload.quoteId);
  const { taskToken } = payload;
  if (typeof taskToken !== 'string' || taskToken.length === 0) {
    throw new InvalidPayload('The payload must carry "taskToken"');
  }
  const first = quote.status !== 'sent';
  const result = await deps.quotes.change(quote.quoteId, {
    set: { status: 'sent', ...(first ? { sentAt: now.toISOString() } : {}) },
    condition:
      '#status = :draft OR #status = :sent OR (#status = :awaiting AND #approval.#decision = :approve)',
    names: { '#approval': 'approval', '#decision': 'decision' },
    values: {
      ':draft': 'draft',
      ':sent': 'sent',
      ':awaiting': 'awaiting-approval',
      ':approve': 'approve',
    },
    ...(first
      ? {
          timeline: {
            stepKey: 'sent',
            entry: {
              at: now.toISOString(),
              step: 'quote-sent' as const,
              // Released, not yet emailed: the outbox notes the email once it is sent.
              summary: `Quote released for ${quote.customer.email}, valid until ${quote.quote.validUntil}`,
              by: { kind: 'system' as const },
              via: 'quote workflow',
            },
          },
        }
      : {}),
  });
  if (result !== 'changed') {
    throw new InvalidPayload(`Quote ${quote.quoteId} is ${quote.status}: it cannot be sent`);
  }
  await deps.steps.wait(quoteAnswerStep(quote.quoteId), {
    taskToken,
    requestedAt: now.toISOString(),
    fields: { quoteId: quote.quoteId },
  });
  const { token } = createSignedLink(
    {
      purpose: quoteAnswerPurpose,
      subject: quote.quoteId,
      expiresAt: new Date(quote.quote.expiresAt),
      locale: quote.customer.language,
    },
    deps.signingKey,
  );
  const outcome = await deps.outbox.deliver(
    quoteEmailKey(quote),
    deps.sender,
    renderQuoteEmail(quote, publicUrl(`/quotes/answer/${token}`)),
    now,
    { timelineOf: quoteRecordPk(quote.quoteId) },
  );
  return { outcome };
}

const outcomes: readonly QuoteOutcome[] = ['accepted', 'declined', 'rejected', 'expired'];

/**
 * Step `Close quote`: how the quote ended (`rejected` by its supervisor, `expired` unanswered,
 * `declined` or `accepted` by the customer) is its status, and its agent is told once.
 */
export async function closeQuote(
  deps: QuoteStepDeps,
  payload: { quoteId?: unknown; outcome?: unknown; reason?: unknown },
  now: Date,
): Promise<{ status: string; agentTold: DeliveryOutcome | 'no-agent' }> {
  const quote = await requireQuote(deps.quotes, payload.quoteId);
  const outcome = payload.outcome as QuoteOutcome;
  if (!outcomes.includes(outcome)) {
    throw new InvalidPayload(`"outcome" must be one of ${outcomes.join(', ')}`);
  }
  const system: TimelineActor = { kind: 'system' };
  // The decision or the answer set the status already; rejection and expiry are set here.
  if (outcome === 'rejected' || outcome === 'expired') {
    await deps.quotes.change(quote.quoteId, {
      set: { status: outcome, closedAt: now.toISOString() },
      remove: ['approvalToken', 'answerToken'],
      condition:
        outcome === 'rejected' ? '#status = :awaiting' : '#status IN (:draft, :awaiting, :sent)',
      values:
        outcome === 'rejected'
          ? { ':awaiting': 'awaiting-approval' }
          : { ':draft': 'draft', ':awaiting': 'awaiting-approval', ':sent': 'sent' },
      ...(outcome === 'expired'
        ? {
            timeline: {
              stepKey: 'expired',
              entry: {
                at: now.toISOString(),
                step: 'quote-expired' as const,
                summary: `Expired unanswered (valid until ${quote.quote.validUntil})`,
                by: system,
                via: 'quote workflow (validity over)',
              },
            },
          }
        : {}),
    });
  }
  const current = await requireQuote(deps.quotes, quote.quoteId);
  const reason =
    outcome === 'rejected'
      ? current.approval?.reason
      : outcome === 'declined'
        ? current.answer?.reason
        : undefined;
  const agent = await deps.staff.getMember(current.agentId);
  if (!agent?.active) return { status: current.status, agentTold: 'no-agent' };
  const agentTold = await deps.outbox.deliver(
    quoteOutcomeKey(current.quoteId, outcome, agent.email),
    deps.sender,
    renderQuoteOutcomeNotice(current, outcome, reason, officeLink(current.quoteId)),
    now,
    { timelineOf: quoteRecordPk(current.quoteId) },
  );
  return { status: current.status, agentTold };
}
