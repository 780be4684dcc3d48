import { decodeTime, isValid, ulid } from 'ulidx';
import { type Lead, type LeadDetails, type LeadSource, leadFingerprint } from './domain/lead';
import { Conflict, InvalidPayload, RecordMissing } from './errors';
import { leadAcknowledgementKey, renderLeadAcknowledgement } from './mail/lead-acknowledgement';
import type { DeliveryOutcome, Outbox } from './mail/outbox';
import { leadRecordPk } from './store/lead-keys';
import type { LeadStore, SubmissionKind } from './store/lead-store';
import type { WorkflowStarter } from './workflow';

/**
 * A lead's way in: stored once per submission, its intake workflow started once (named by the
 * lead id), the prospect acknowledged once through the outbox.
 */

export interface AcceptedLead {
  lead: Lead;
  /** False when the submission was seen before and the earlier lead is answered. */
  created: boolean;
}

/**
 * Stores the lead (or finds the one this submission made before) and makes sure its intake has
 * started. Starting again after a replay is what heals a crash between storing and starting.
 */
export async function acceptLead(
  deps: { leads: LeadStore; intake: WorkflowStarter },
  details: LeadDetails,
  submission: {
    kind: SubmissionKind;
    key: string;
    source: LeadSource;
    enteredBy?: { staffId: string; name: string };
  },
  now: Date,
): Promise<AcceptedLead> {
  const fingerprint = leadFingerprint(details);
  const candidate: Lead = {
    leadId: ulid(now.getTime()),
    ...details,
    source: submission.source,
    receivedAt: now.toISOString(),
    status: 'new',
    version: 1,
  };
  const recorded = await deps.leads.recordLead(candidate, {
    kind: submission.kind,
    key: submission.key,
    fingerprint,
    ...(submission.enteredBy ? { enteredBy: submission.enteredBy } : {}),
  });
  await deps.intake.start(recorded.lead.leadId, { leadId: recorded.lead.leadId });
  if (
    !recorded.created &&
    submission.kind === 'idempotency-key' &&
    recorded.fingerprint !== fingerprint
  ) {
    throw new Conflict(
      'This Idempotency-Key was already used for a different lead; use a new key for a new lead',
    );
  }
  return { lead: recorded.lead, created: recorded.created };
}

export function isLeadId(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length === 26 && isValid(value) && decodeTime(value) > 0
  );
}

/** Emails the prospect the acknowledgement of their lead, in their language, once. */
export async function acknowledgeLead(
  deps: { leads: LeadStore; outbox: Outbox; sender: string },
  leadId: unknown,
  now: Date,
): Promise<{ outcome: DeliveryOutcome }> {
  if (!isLeadId(leadId)) throw new InvalidPayload('The payload must be {"leadId": "<ULID>"}');
  const lead = await deps.leads.getLead(leadId);
  if (!lead) throw new RecordMissing(`Lead ${leadId} does not exist`);
  const outcome = await deps.outbox.deliver(
    leadAcknowledgementKey(lead),
    deps.sender,
    renderLeadAcknowledgement(lead),
    now,
    { timelineOf: leadRecordPk(lead.leadId) },
  );
  return { outcome };
}
