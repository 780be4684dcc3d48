import type { TaskCallback } from '../shared/decisions/task-callback';
import { Conflict, type FieldProblem, ValidationError } from '../shared/errors';
import { readReason } from '../shared/rules/text-fields';
import type { StaffPrincipal } from '../shared/staff-member';
import type { SettingsStore } from '../staff/settings/settings-store';
import { decisionOutput, teamOfLead } from './lead-review';
import type { Lead } from './rules/lead';
import type {
  LeadReviewDecisionStore,
  ReviewDecision,
  ReviewVerdict,
} from './store/lead-review-decisions';
import type { LeadReview, LeadReviewStore } from './store/lead-reviews';

/**
 * A supervisor decides on a flagged lead, by the emailed signed link or on the lead's page in the
 * back office. The decision is recorded first (taking the task token off the review, so a second
 * decision finds it decided), then handed to the waiting `Supervisor review` step. If handing it
 * over fails, the token stays with the decision and the next look at the review hands it again.
 */

export interface DecisionDeps {
  reviews: LeadReviewStore;
  decisions: LeadReviewDecisionStore;
  callback: TaskCallback;
}

export interface DecisionRequest {
  leadId: string;
  verdict: ReviewVerdict;
  reason: string;
  decider: { staffId: string; name: string };
  via: 'link' | 'office';
  /** A link decision marks its link used in the same write. */
  link?: { linkId: string; purpose: string; expiresAt: Date };
}

export type DecisionOutcome =
  /** Recorded, and the workflow took it: approved leads go to an agent, rejected ones are closed. */
  | { kind: 'decided'; decision: ReviewDecision }
  /** Someone decided before; nothing changed. */
  | { kind: 'already-decided'; decision: ReviewDecision }
  /** Recorded, but the review had timed out meanwhile: the lead waits in the back office. */
  | { kind: 'too-late'; decision: ReviewDecision }
  /** No review waits: none was asked for, or it timed out and was escalated. */
  | { kind: 'not-open'; review?: LeadReview }
  /** The link was used before (for the other answer, say) */
  | { kind: 'link-used' };

export const maxReasonLength = 500;
const handOverGraceMs = 60_000;

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

/** Where the review of a lead stands, repairing a decision the workflow has not heard yet. */
export async function currentReview(
  deps: DecisionDeps,
  leadId: string,
  now: Date,
): Promise<LeadReview | undefined> {
  const review = await deps.reviews.getReview(leadId);
  // Only a decision left unheard for a while: a fresh one is still being handed over by the
  // request that recorded it, and two hand-overs would race to note the outcome.
  const stale =
    review?.decision && now.getTime() - Date.parse(review.decision.at) > handOverGraceMs;
  if (review?.decision && review.decisionToken && stale) {
    const delivery = await handOver(deps, leadId, review.decisionToken, review.decision, now);
    return { ...review, decisionDelivery: delivery, decisionToken: undefined };
  }
  return review;
}

/** True while the workflow waits for a decision on this review. */
export const isOpen = (review: LeadReview | undefined): boolean =>
  !!review?.taskToken && !review.decision && !review.escalatedAt;

export async function decideLeadReview(
  deps: DecisionDeps,
  request: DecisionRequest,
  now: Date,
): Promise<DecisionOutcome> {
  // A retried step may swap the token between our read and our write: read again, at most twice.
  for (let attempt = 0; attempt < 3; attempt++) {
    const review = await currentReview(deps, request.leadId, now);
    if (review?.decision) return { kind: 'already-decided', decision: review.decision };
    if (!review?.taskToken || !isOpen(review)) return { kind: 'not-open', review };
    const decision: ReviewDecision = {
      decision: request.verdict,
      by: `${request.via}:${request.decider.staffId}`,
      staffId: request.decider.staffId,
      name: request.decider.name,
      ...(request.reason ? { reason: request.reason } : {}),
      at: now.toISOString(),
      via: request.via,
    };
    const recorded = await deps.decisions.recordDecision({
      leadId: request.leadId,
      taskToken: review.taskToken,
      decision,
      ...(request.link ? { link: request.link } : {}),
    });
    if (recorded === 'link-used') return { kind: 'link-used' };
    if (recorded === 'recorded') {
      const delivery = await handOver(deps, request.leadId, review.taskToken, decision, now);
      return { kind: delivery === 'delivered' ? 'decided' : 'too-late', decision };
    }
  }
  throw new Conflict('The review of this lead kept changing; please try again.');
}

async function handOver(
  deps: DecisionDeps,
  leadId: string,
  taskToken: string,
  decision: ReviewDecision,
  now: Date,
): Promise<'delivered' | 'too-late'> {
  const sent = await deps.callback.succeed(taskToken, decisionOutput(decision));
  const delivery = sent === 'sent' ? 'delivered' : 'too-late';
  await deps.decisions.markDecisionDelivered(leadId, delivery, now);
  return delivery;
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
  deps: { reviews: LeadReviewStore; settings: SettingsStore },
  principal: StaffPrincipal,
  lead: Lead,
): Promise<{ review?: LeadReview; open: boolean; mayDecide: boolean }> {
  const review = await deps.reviews.getReview(lead.leadId);
  if (!review) return { open: false, mayDecide: false };
  const open = isOpen(review);
  const mayDecide = open && mayDecideReview(principal, await teamOfLead(deps.settings, lead));
  return { review, open, mayDecide };
}
