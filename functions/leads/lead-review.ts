import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import { deciderSubject } from '../shared/decisions/decision-links';
import type { DecisionStep, DecisionSteps, StepKey } from '../shared/decisions/decision-step';
import { InvalidPayload, RecordMissing } from '../shared/errors';
import { publicUrl } from '../shared/public-url';
import { addBusinessDays, type BusinessCalendar } from '../shared/rules/business-calendar';
import { looseText } from '../shared/rules/text-fields';
import { createSignedLink } from '../shared/signed-link';
import type { SigningKeyInput } from '../shared/signing-key';
import type { Table } from '../shared/store/table';
import { timelinePut } from '../shared/store/timeline';
import { loadBusinessRules } from '../staff/settings/settings';
import type { SettingsStore } from '../staff/settings/settings-store';
import type { StaffStore } from '../staff/store/staff-store';
import { isLeadId } from './lead-intake';
import {
  leadReviewEscalationKey,
  leadReviewRequestKey,
  renderLeadReviewEscalation,
  renderLeadReviewRequest,
} from './mail/lead-review-notices';
import { teamForCountry } from './rules/assignment';
import type { Lead } from './rules/lead';
import { leadRecordPk } from './store/lead-keys';
import { rejectLead } from './store/lead-outcomes';
import type { StaffLeadStore } from './store/lead-store';

/**
 * A flagged lead waits for a supervisor's decision: the intake's task-token step. The review
 * lasts 3 business days; then a manager is told and the lead stays flagged and unassigned in the
 * back office (the workflow ends: a supervisor or manager can still assign it there). Escalating
 * rather than deciding by default: rejecting or approving an unreliable prospect unseen would be
 * a business decision nobody made. The waiting and deciding is the decision step
 * (`shared/decisions/decision-step.ts`), kept on the lead's review item.
 *
 * | access pattern                      | keys                                      |
 * |-------------------------------------|-------------------------------------------|
 * | the review of a lead                | pk = `LEAD#<leadId>`, sk = `REVIEW`       |
 */

export type ReviewVerdict = 'approve' | 'reject';

/** A supervisor's decision, as the review keeps it. */
export interface ReviewDecision {
  decision: ReviewVerdict;
  /** As the workflow gets it: `link:<staffId>` or `office:<staffId>`. */
  by: string;
  /** Who decided, for people. */
  staffId: string;
  name: string;
  reason?: string;
  at: string;
  via: 'link' | 'office';
}

/** A flagged lead's review: the decision step with its deadline and the supervisor asked. */
export interface LeadReview extends DecisionStep<ReviewDecision> {
  deadline: string;
  requestedAt: string;
  /** The supervisor the signed link was sent to: a link decision is theirs. */
  reviewer?: { staffId: string; name: string };
}

export const leadReviewKey = (leadId: string): StepKey => ({
  pk: leadRecordPk(leadId),
  sk: 'REVIEW',
});

export const reviewBusinessDays = 3;
export const leadReviewPurpose = 'lead-review';

/** Seconds from `now` until the review's deadline, the token step's TimeoutSeconds. */
export function reviewSeconds(now: Date, calendar: BusinessCalendar, zone: string): number {
  const deadline = addBusinessDays(now, reviewBusinessDays, calendar, zone);
  return Math.max(1, Math.ceil((deadline.getTime() - now.getTime()) / 1000));
}

export interface ReviewDeps {
  leads: StaffLeadStore;
  steps: DecisionSteps;
  staff: StaffStore;
  settings: SettingsStore;
  outbox: Outbox;
  sender: string;
}

async function requireLead(leads: StaffLeadStore, leadId: unknown): Promise<Lead> {
  if (!isLeadId(leadId))
    throw new InvalidPayload('The payload must name a lead: "leadId": "<ULID>"');
  const lead = await leads.getLead(leadId);
  if (!lead) throw new RecordMissing(`Lead ${leadId} does not exist`);
  return lead;
}

/** What the `Supervisor review` step's token is answered with. */
export function decisionOutput(decision: ReviewDecision) {
  return {
    decision: decision.decision,
    by: decision.by,
    ...(decision.reason ? { reason: decision.reason } : {}),
  };
}

/** The team a lead belongs to, by its country, even before anyone owns it. */
export async function teamOfLead(settings: SettingsStore, lead: Lead): Promise<string> {
  const { rules } = await loadBusinessRules(settings);
  return lead.team ?? teamForCountry(lead.country, rules.assignment);
}

/** The supervisor of the team the lead's country belongs to. */
export async function supervisorOf(deps: Pick<ReviewDeps, 'settings' | 'staff'>, lead: Lead) {
  const team = await deps.staff.getTeam(await teamOfLead(deps.settings, lead));
  const supervisor = team ? await deps.staff.getMember(team.supervisorId) : undefined;
  if (!supervisor?.active) {
    throw new RecordMissing(`The team of lead ${lead.leadId} has no active supervisor`);
  }
  return supervisor;
}

/**
 * Keeps the task token on the lead and emails the supervisor a signed link (approve or reject,
 * valid until the deadline). Throws `EmailNotSent` (retried), `InvalidPayload`, `RecordMissing`.
 */
export async function requestLeadReview(
  deps: ReviewDeps & { signingKey: SigningKeyInput },
  payload: { leadId?: unknown; taskToken?: unknown; reviewSeconds?: unknown },
  now: Date,
): Promise<{ outcome: DeliveryOutcome; deadline: string }> {
  const lead = await requireLead(deps.leads, payload.leadId);
  const { taskToken, reviewSeconds: seconds } = payload;
  if (typeof taskToken !== 'string' || taskToken.length === 0) {
    throw new InvalidPayload('The payload must carry "taskToken"');
  }
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw new InvalidPayload('The payload must carry "reviewSeconds", a whole number of seconds');
  }
  const key = leadReviewKey(lead.leadId);
  const earlier = await deps.steps.get<ReviewDecision>(key);
  // A rerun keeps the first deadline: the review's clock does not restart.
  const deadline = earlier?.deadline
    ? new Date(earlier.deadline)
    : new Date(now.getTime() + seconds * 1000);
  const supervisor = await supervisorOf(deps, lead);
  const kept = await deps.steps.wait<ReviewDecision>(key, {
    taskToken,
    requestedAt: now.toISOString(),
    deadline: deadline.toISOString(),
    fields: {
      leadId: lead.leadId,
      reviewer: { staffId: supervisor.staffId, name: supervisor.name },
    },
    writes: [
      timelinePut(deps.steps.table.name, leadRecordPk(lead.leadId), 'review-requested', {
        at: now.toISOString(),
        step: 'lead-review-requested',
        summary: `Flagged: a supervisor decides by ${deadline.toISOString().slice(0, 10)}`,
        by: { kind: 'system' },
        via: 'lead intake (supervisor review)',
      }),
    ],
    // Decided while this step was being retried: the new token gets the recorded decision.
    output: (step) => (step.decision ? decisionOutput(step.decision) : step.output),
  });
  if (kept.status === 'decided-already') {
    return { outcome: 'already-sent', deadline: deadline.toISOString() };
  }
  const { token } = createSignedLink(
    {
      purpose: leadReviewPurpose,
      // The link decides as this supervisor, while their role decides it (`decision-links.ts`).
      subject: deciderSubject(lead.leadId, supervisor.staffId),
      expiresAt: deadline,
      locale: 'en',
    },
    deps.signingKey,
  );
  const outcome = await deps.outbox.deliver(
    leadReviewRequestKey(lead, supervisor.email),
    deps.sender,
    renderLeadReviewRequest(lead, supervisor, deadline, {
      approve: publicUrl(`/leads/review/${token}?decision=approve`),
      reject: publicUrl(`/leads/review/${token}?decision=reject`),
    }),
    now,
    { timelineOf: leadRecordPk(lead.leadId) },
  );
  return { outcome, deadline: deadline.toISOString() };
}

/** The review timed out: every active manager is told once; the lead stays flagged. */
export async function escalateLeadReview(
  deps: ReviewDeps,
  leadId: unknown,
  now: Date,
): Promise<{ managersTold: number }> {
  const lead = await requireLead(deps.leads, leadId);
  // A lead that ended meanwhile (won, lost) needs no decision: nobody is chased about it.
  if (lead.status === 'won' || lead.status === 'lost') return { managersTold: 0 };
  await deps.steps.noteEscalation(leadReviewKey(lead.leadId), now, [
    timelinePut(deps.steps.table.name, leadRecordPk(lead.leadId), 'review-escalated', {
      at: now.toISOString(),
      step: 'lead-review-escalated',
      summary: 'No supervisor decided in time: left flagged for the back office',
      by: { kind: 'system' },
      via: 'lead intake (review timeout)',
    }),
  ]);
  const managers = (await deps.staff.listMembers()).filter((m) => m.role === 'manager' && m.active);
  let managersTold = 0;
  for (const manager of managers) {
    await deps.outbox.deliver(
      leadReviewEscalationKey(lead, manager.email),
      deps.sender,
      renderLeadReviewEscalation(lead, manager),
      now,
      { timelineOf: leadRecordPk(lead.leadId) },
    );
    managersTold++;
  }
  return { managersTold };
}

/** The supervisor rejected the lead: it is marked `rejected` with the reason (once). */
export async function rejectReviewedLead(
  deps: Pick<ReviewDeps, 'leads' | 'steps'> & { table: Table },
  payload: { leadId?: unknown; by?: unknown; reason?: unknown },
  now: Date,
): Promise<{ rejectedNow: boolean }> {
  const lead = await requireLead(deps.leads, payload.leadId);
  const reason = looseText(payload.reason, 500);
  const by =
    payload.by && typeof payload.by === 'object'
      ? (payload.by as { staffId?: unknown; name?: unknown })
      : {};
  // A decision from a link or the back office (`by` = `link:<staffId>`): who it was is recorded
  // with the decision on the review.
  const decided =
    typeof payload.by === 'string'
      ? (await deps.steps.get<ReviewDecision>(leadReviewKey(lead.leadId)))?.decision
      : undefined;
  const actor =
    typeof by.staffId === 'string' && typeof by.name === 'string'
      ? { kind: 'staff' as const, staffId: by.staffId, name: by.name }
      : decided
        ? { kind: 'staff' as const, staffId: decided.staffId, name: decided.name }
        : { kind: 'system' as const };
  return { rejectedNow: await rejectLead(deps.table, lead.leadId, reason, actor, now) };
}
