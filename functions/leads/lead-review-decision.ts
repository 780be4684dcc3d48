import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DecisionSteps } from '../shared/decisions/decision-step';
import { type FieldProblem, ValidationError } from '../shared/errors';
import { readReason } from '../shared/rules/text-fields';
import type { SignedLink } from '../shared/signed-link';
import type { StaffPrincipal } from '../shared/staff-member';
import { isConditionFailed } from '../shared/store/table';
import { timelinePut } from '../shared/store/timeline';
import type { SettingsStore } from '../staff/settings/settings-store';
import {
  decisionOutput,
  type LeadReview,
  leadReviewKey,
  type ReviewDecision,
  type ReviewVerdict,
  teamOfLead,
} from './lead-review';
import type { Lead } from './rules/lead';
import { leadRecordPk } from './store/lead-keys';

/**
 * A supervisor decides on a flagged lead, by the emailed signed link or on the lead's page in the
 * back office, through the decision step (`shared/decisions/decision-step.ts`): one decision
 * wins, a second is told it was decided already, one the workflow no longer waits for (the review
 * timed out) is told it came too late and changes nothing.
 */

export interface DecisionDeps {
  steps: DecisionSteps;
}

export interface DecisionRequest {
  leadId: string;
  verdict: ReviewVerdict;
  reason: string;
  decider: { staffId: string; name: string };
  via: 'link' | 'office';
  /** A link decision marks its link used with the decision. */
  link?: SignedLink;
}

export type ReviewOutcome =
  /** Recorded, and the workflow took it: approved leads go to an agent, rejected ones are closed. */
  | { kind: 'decided'; decision: ReviewDecision }
  /** Someone decided before; nothing changed. */
  | { kind: 'already-decided'; decision: ReviewDecision }
  /** The review had timed out meanwhile: nothing changed; the lead waits in the back office. */
  | { kind: 'too-late' }
  /** No review waits: none was asked for, or it timed out and was escalated. */
  | { kind: 'not-open'; review?: LeadReview }
  /** The link was used before (for the other answer, say) */
  | { kind: 'link-used' };

export const maxReasonLength = 500;

/** The decision a form sends: `decision` approve or reject; a rejection needs a reason. */
export function readDecisionForm(fields: Record<string, string | undefined>): {
  verdict: ReviewVerdict;
  reason: string;
} {
  const verdict = fields.decision;
  const problems: FieldProblem[] = [];
  if (verdict !== 'approve' && verdict !== 'reject') {
    problems.push({ field: 'decision', message: 'Choose approve or reject' });
  }
  let reason = '';
  try {
    reason = readReason(fields.reason, {
      max: maxReasonLength,
      ...(verdict === 'reject' ? { requiredMessage: 'Say why the lead is rejected' } : {}),
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { verdict: verdict as ReviewVerdict, reason };
}

/** The decision on the lead's timeline, once the workflow has it. */
function effectsOn(deps: DecisionDeps, leadId: string) {
  return (step: { decision?: ReviewDecision }) => ({
    async note() {
      const decision = step.decision;
      if (!decision) return;
      const verdict = decision.decision === 'approve' ? 'Approved' : 'Rejected';
      const entry = timelinePut(deps.steps.table.name, leadRecordPk(leadId), 'review-decided', {
        at: decision.at,
        step: 'lead-review-decided',
        summary: decision.reason ? `${verdict}: ${decision.reason}` : verdict,
        by: { kind: 'staff', staffId: decision.staffId, name: decision.name },
        via: decision.via === 'link' ? 'signed link (supervisor review)' : 'back office',
      });
      // Noted once: a hand-over done twice finds the entry there.
      await deps.steps.table.client.send(new PutCommand(entry.Put)).catch((error: unknown) => {
        if (!isConditionFailed(error)) throw error;
      });
    },
  });
}

/** Where the review of a lead stands, handing over a decision the workflow has not heard yet. */
export async function currentReview(
  deps: DecisionDeps,
  leadId: string,
  now: Date,
): Promise<LeadReview | undefined> {
  const review = await deps.steps.repair<ReviewDecision>(leadReviewKey(leadId), now, {
    effects: effectsOn(deps, leadId),
  });
  return review as LeadReview | undefined;
}

/** True while the workflow waits for a decision on this review. */
export const isOpen = (review: LeadReview | undefined): boolean =>
  !!review?.taskToken && !review.decision && !review.escalatedAt;

export async function decideLeadReview(
  deps: DecisionDeps,
  request: DecisionRequest,
  now: Date,
): Promise<ReviewOutcome> {
  const decision: ReviewDecision = {
    decision: request.verdict,
    by: `${request.via}:${request.decider.staffId}`,
    staffId: request.decider.staffId,
    name: request.decider.name,
    ...(request.reason ? { reason: request.reason } : {}),
    at: now.toISOString(),
    via: request.via,
  };
  const key = leadReviewKey(request.leadId);
  const outcome = await deps.steps.decide(
    key,
    { decision, output: decisionOutput(decision) },
    now,
    {
      // The intake ends at the escalation: the back office assigns the lead instead.
      endsAtEscalation: true,
      ...(request.link ? { link: request.link } : {}),
      effects: effectsOn(deps, request.leadId),
    },
  );
  if (outcome === 'decided') return { kind: 'decided', decision };
  if (outcome === 'too-late' || outcome === 'link-used') return { kind: outcome };
  const review = (await deps.steps.get<ReviewDecision>(key)) as LeadReview | undefined;
  return review?.decision
    ? { kind: 'already-decided', decision: review.decision }
    : { kind: 'not-open', ...(review ? { review } : {}) };
}

/** Words for a recorded decision: `approved by Sam Supervisor`. */
export function describeDecision(decision: ReviewDecision): string {
  const verdict = decision.decision === 'approve' ? 'approved' : 'rejected';
  return `${verdict} by ${decision.name}${decision.reason ? ` (${decision.reason})` : ''}`;
}

/**
 * Who decides in the back office: the supervisor of the lead's team and any manager (an agent
 * never reaches the route).
 */
export function mayDecideReview(principal: StaffPrincipal, team: string): boolean {
  if (principal.role === 'manager') return true;
  return principal.role === 'supervisor' && principal.team === team;
}

/** The review as the lead's back-office page shows it, for this principal (reads only). */
export async function reviewForPage(
  deps: { steps: DecisionSteps; settings: SettingsStore },
  principal: StaffPrincipal,
  lead: Lead,
): Promise<{ review?: LeadReview; open: boolean; mayDecide: boolean }> {
  const review = (await deps.steps.get<ReviewDecision>(leadReviewKey(lead.leadId))) as
    | LeadReview
    | undefined;
  if (!review) return { open: false, mayDecide: false };
  const open = isOpen(review);
  const mayDecide = open && mayDecideReview(principal, await teamOfLead(deps.settings, lead));
  return { review, open, mayDecide };
}
