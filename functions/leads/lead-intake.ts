import { decodeTime, isValid, ulid } from 'ulidx';
import { type ContactStore, ContactTaken } from '../accounts/store/contacts';
import { businessDate } from '../invoicing/rules/invoice';
import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import { Conflict, InvalidPayload, RecordMissing } from '../shared/errors';
import type { WorkflowStarter } from '../shared/workflow';
import { loadBusinessRules } from '../staff/settings/settings';
import type { SettingsStore } from '../staff/settings/settings-store';
import { leadAcknowledgementKey, renderLeadAcknowledgement } from './mail/lead-acknowledgement';
import { type Lead, type LeadDetails, type LeadSource, leadFingerprint } from './rules/lead';
import type { AcknowledgementCaps } from './store/acknowledgement-caps';
import { leadRecordPk } from './store/lead-keys';
import type { LeadStore, RecordedLead, SubmissionKind } from './store/lead-store';

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
  deps: {
    leads: LeadStore;
    intake: WorkflowStarter;
    contacts: ContactStore;
    /** What a lead linked to an earlier one runs instead of an intake (`lead-duplicates.ts`). */
    linkedEnquiry: WorkflowStarter;
  },
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
  let recorded: RecordedLead | undefined;
  // Two first enquiries of one prospect at once: the loser finds the winner's contacts and links.
  for (let attempt = 0; !recorded; attempt++) {
    const { match, known } = await deps.contacts.lookup(details);
    const leadId = ulid(now.getTime());
    // A linked enquiry belongs to the earlier record's owner from the start (`linked-enquiries.ts`).
    const follows = match !== undefined && !(await needsIntake(deps.contacts, { linkedTo: match }));
    const earlier = follows ? await deps.leads.earlierOwner(match) : undefined;
    const candidate: Lead = {
      leadId,
      ...details,
      source: submission.source,
      receivedAt: now.toISOString(),
      status: 'new',
      version: 1,
      ...(match ? { linkedTo: match } : {}),
      ...(earlier?.owner
        ? {
            ownerId: earlier.owner.staffId,
            ownerName: earlier.owner.name,
            team: earlier.owner.team,
            linkedOwnerVersion: earlier.version,
          }
        : {}),
    };
    try {
      recorded = await deps.leads.recordLead(
        candidate,
        {
          kind: submission.kind,
          key: submission.key,
          fingerprint,
          ...(submission.enteredBy ? { enteredBy: submission.enteredBy } : {}),
        },
        { target: match ?? { leadId }, known },
        follows ? match?.leadId : undefined,
      );
    } catch (error) {
      if (!(error instanceof ContactTaken) || attempt >= 2) throw error;
    }
  }
  // A replay lands here too, with the earlier lead: both paths are safe to run again.
  if (await needsIntake(deps.contacts, recorded.lead)) {
    await deps.intake.start(recorded.lead.leadId, { leadId: recorded.lead.leadId });
  } else {
    await deps.linkedEnquiry.start(recorded.lead.leadId, { leadId: recorded.lead.leadId });
  }
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

/**
 * A new prospect runs the intake; one linked to an earlier lead or account does not, unless that
 * account was written off: qualification then flags them for a supervisor.
 */
export async function needsIntake(
  contacts: ContactStore,
  lead: Pick<Lead, 'linkedTo'>,
): Promise<boolean> {
  if (!lead.linkedTo) return true;
  const accountId = lead.linkedTo.accountId;
  if (!accountId) return false;
  return (await contacts.accountProfile(accountId))?.status === 'written-off';
}

export function isLeadId(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length === 26 && isValid(value) && decodeTime(value) > 0
  );
}

/**
 * Emails the prospect the acknowledgement of their lead, in their language, once; unless their
 * address was acknowledged `acknowledgementsPerAddressPerDay` times already on the day the lead
 * came in (a business rule). Such a lead is still a lead, worked like any other: only the email
 * is withheld, and its timeline says so. Without the cap anyone could make the desk mail an
 * address again and again through the public form.
 */
export async function acknowledgeLead(
  deps: {
    leads: LeadStore;
    outbox: Outbox;
    sender: string;
    caps: AcknowledgementCaps;
    settings: SettingsStore;
    zone: string;
  },
  leadId: unknown,
  now: Date,
): Promise<{ outcome: DeliveryOutcome | 'withheld' }> {
  if (!isLeadId(leadId)) throw new InvalidPayload('The payload must be {"leadId": "<ULID>"}');
  const lead = await deps.leads.getLead(leadId);
  if (!lead) throw new RecordMissing(`Lead ${leadId} does not exist`);
  const { rules } = await loadBusinessRules(deps.settings);
  const cap = rules.publicForms.acknowledgementsPerAddressPerDay;
  // The day the lead came in, not the day this step runs: a retry counts on the same day.
  const day = businessDate(new Date(lead.receivedAt), deps.zone);
  if (!(await deps.caps.admit(lead.email, day, lead.leadId, cap))) {
    await deps.caps.noteWithheld(leadRecordPk(lead.leadId), {
      at: lead.receivedAt,
      step: 'acknowledgement-withheld',
      summary: `Acknowledgement not sent: ${lead.email} was acknowledged ${cap} times on ${day} already (the daily limit)`,
      by: { kind: 'system' },
      via: 'lead intake (acknowledgement)',
    });
    return { outcome: 'withheld' };
  }
  const outcome = await deps.outbox.deliver(
    leadAcknowledgementKey(lead),
    deps.sender,
    renderLeadAcknowledgement(lead),
    now,
    { timelineOf: leadRecordPk(lead.leadId) },
  );
  return { outcome };
}
