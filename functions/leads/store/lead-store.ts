import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ContactKind,
  type ContactMatch,
  ContactTaken,
  contactPuts,
} from '../../accounts/store/contacts';
import { cancellationCodes, queryCount, type Table } from '../../shared/store/table';
import {
  readTimeline,
  type TimelineActor,
  type TimelineEntry,
  timelinePut,
} from '../../shared/store/timeline';
import type { Lead, LeadOwner, LeadQualification } from '../rules/lead';
import {
  leadItem,
  leadKey,
  leadMonth,
  leadMonthsPk,
  leadRecordPk,
  ownerPartition,
  toLead,
} from './lead-keys';
import {
  type LeadListQuery,
  type LeadPage,
  leadCounts,
  leadIndexes,
  listLeads,
} from './lead-lists';
import { recordQualification } from './lead-qualification';
import {
  type EarlierOwner,
  earlierOwnerOf,
  followEarlierOwner,
  followersOf,
  followersPerTransaction,
  followerUpdates,
  linkedEnquiryPut,
} from './linked-enquiries';

/**
 * Leads, the submissions that made them, and their timelines.
 *
 * | access pattern                         | keys                                               |
 * |----------------------------------------|----------------------------------------------------|
 * | a lead by id                           | pk = `LEAD#<leadId>`, sk = `LEAD`                  |
 * | the lead a submission made (by its     | pk = `SUBMISSION#<kind>#<key>`, sk = `SUBMISSION`  |
 * | business key: form nonce or            |   → leadId, fingerprint                            |
 * | Idempotency-Key)                       |                                                    |
 * | a lead's timeline, oldest first        | pk = `LEAD#<leadId>`, sk = `TIMELINE#…` (timeline) |
 * | the months that have leads, newest     | pk = `LEAD-MONTHS`, sk = `<yyyy-mm>`               |
 * |   first (where the list of all leads   |                                                    |
 * |   stops looking back)                  |                                                    |
 * | lists: by owner, by team or unassigned,| the sparse indexes, see `lead-lists.ts`            |
 * |   by month                             |                                                    |
 * | an agent's open (assigned) leads, for  | index `leads-by-owner`, ownerPk = `OWNER#<id>`,    |
 * |   assignment's load count              |   filtered on status `assigned`, counted only      |
 *
 * The lead, its submission item and its first timeline entry are written in one transaction,
 * conditioned on the submission item not existing: a repeated or concurrent submission makes one
 * lead. An assignment changes the lead and adds its timeline entry in one transaction,
 * conditioned on the version the assigner saw. Qualification is kept once (conditioned on the
 * lead having none) with its timeline entry in the same transaction.
 */

export type SubmissionKind = 'form-token' | 'idempotency-key' | 'staff-entry';

export interface Submission {
  kind: SubmissionKind;
  key: string;
  /** Fingerprint of the submitted details, to tell a replay from a reused key. */
  fingerprint: string;
  /** The staff member who entered the lead in the back office (absent: the prospect sent it). */
  enteredBy?: { staffId: string; name: string };
}

export type RecordedLead =
  | { created: true; lead: Lead }
  | { created: false; lead: Lead; fingerprint: string };

export interface Assignment {
  owner: LeadOwner;
  /** A person in the back office, or the intake workflow (`system`). */
  by: Extract<TimelineActor, { kind: 'staff' | 'system' }>;
  /** The version of the lead the assigner saw. */
  expectedVersion: number;
  at: Date;
  /** Set by the intake: when first contact is due. */
  firstContactDueAt?: Date;
}

export interface LeadStore {
  /**
   * Stores the lead unless its submission was recorded before; then returns the earlier lead.
   * `contacts`: the lead's contact items (`contacts.ts`), written in the same transaction; one
   * taken meanwhile by another enquiry throws `ContactTaken` (nothing written).
   */
  recordLead(
    lead: Lead,
    submission: Submission,
    contacts?: { target: ContactMatch; known: Record<ContactKind, boolean> },
    /** The earlier lead this one follows (a linked enquiry): its assignment carries this along. */
    followsLeadId?: string,
  ): Promise<RecordedLead>;
  getLead(leadId: string): Promise<Lead | undefined>;
  /** Who owns the record a linked lead belongs to (`linked-enquiries.ts`). */
  earlierOwner(link: NonNullable<Lead['linkedTo']>): Promise<EarlierOwner>;
  /** True when this submission (form nonce, Idempotency-Key) made a lead before: a retry. */
  hasSubmission(kind: SubmissionKind, key: string): Promise<boolean>;
}

export interface StaffLeadStore extends LeadStore {
  /** Gives the lead an owner; false if it changed since `expectedVersion` (nothing written). */
  assignLead(leadId: string, assignment: Assignment): Promise<boolean>;
  timeline(leadId: string): Promise<TimelineEntry[]>;
  list(query: LeadListQuery): Promise<LeadPage>;
  /** Keeps what qualification found, once; false if the lead is missing or was qualified before. */
  recordQualification(leadId: string, qualification: LeadQualification): Promise<boolean>;
  /** How many assigned leads an agent owns (their open leads: later statuses end them). */
  openLeadsOf(staffId: string): Promise<number>;
  counts(months: readonly string[]): Promise<{ unassigned: number; byMonth: number[] }>;
  /** A linked enquiry takes the earlier record's owner now; false if it had it already. */
  followEarlierOwner(leadId: string, earlier: EarlierOwner): Promise<boolean>;
}

const submissionKey = (kind: SubmissionKind, key: string) => ({
  pk: `SUBMISSION#${kind}#${key}`,
  sk: 'SUBMISSION',
});

/** Who the received step names: the prospect, or the staff member who entered the lead. */
function receivedBy(lead: Lead, submission: Submission): Pick<TimelineEntry, 'by' | 'via'> {
  if (submission.enteredBy) {
    return {
      by: { kind: 'staff', ...submission.enteredBy },
      via: `back office (source: ${lead.source})`,
    };
  }
  return {
    by: { kind: 'prospect', name: lead.name },
    via: lead.source === 'web-form' ? 'web form' : 'API',
  };
}

export function leadStore(table: Table): StaffLeadStore {
  async function getLead(leadId: string): Promise<Lead | undefined> {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: leadKey(leadId), ConsistentRead: true }),
    );
    return Item ? toLead(Item) : undefined;
  }

  /** Marks the lead's month as having leads (idempotent: the same item every time). */
  async function noteMonth(lead: Lead): Promise<void> {
    await table.client.send(
      new PutCommand({
        TableName: table.name,
        Item: { pk: leadMonthsPk, sk: leadMonth(lead.receivedAt), entity: 'lead-month' },
      }),
    );
  }

  return {
    getLead,
    async hasSubmission(kind, key) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: submissionKey(kind, key),
          ConsistentRead: true,
          ProjectionExpression: 'pk',
        }),
      );
      return Item !== undefined;
    },
    timeline: (leadId) => readTimeline(table, leadRecordPk(leadId)),
    list: (query) => listLeads(table, query),
    counts: (months) => leadCounts(table, months),

    recordQualification: (leadId, qualification) =>
      recordQualification(table, leadId, qualification),

    async openLeadsOf(staffId) {
      return queryCount(table, {
        IndexName: leadIndexes.byOwner.name,
        KeyConditionExpression: 'ownerPk = :owner',
        FilterExpression: '#status = :assigned',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':owner': ownerPartition(staffId), ':assigned': 'assigned' },
      });
    },

    earlierOwner: (link) => earlierOwnerOf(table, link),
    followEarlierOwner: (leadId, earlier) => followEarlierOwner(table, leadId, earlier),

    async recordLead(lead, submission, contacts, followsLeadId) {
      const submissionItem = submissionKey(submission.kind, submission.key);
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: leadItem(lead),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...submissionItem,
                    entity: 'submission',
                    leadId: lead.leadId,
                    fingerprint: submission.fingerprint,
                    receivedAt: lead.receivedAt,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              timelinePut(table.name, leadRecordPk(lead.leadId), 'received', {
                at: lead.receivedAt,
                step: 'lead-received',
                summary: `Lead received: ${lead.interest}`,
                ...receivedBy(lead, submission),
              }),
              ...(contacts ? contactPuts(table.name, lead, contacts.target, contacts.known) : []),
              ...(followsLeadId ? [linkedEnquiryPut(table.name, followsLeadId, lead.leadId)] : []),
            ],
          }),
        );
        await noteMonth(lead);
        return { created: true, lead };
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[1] !== 'ConditionalCheckFailed') {
          if (codes?.slice(3).includes('ConditionalCheckFailed')) {
            throw new ContactTaken(`Another enquiry registered the contact of lead ${lead.leadId}`);
          }
          throw error;
        }
      }
      // The submission was recorded before (a replay, or a concurrent twin that won).
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: submissionItem, ConsistentRead: true }),
      );
      const earlierId = Item?.leadId;
      if (typeof earlierId !== 'string') {
        throw new Error(`Submission ${submissionItem.pk} exists but names no lead`);
      }
      const earlier = await getLead(earlierId);
      if (!earlier)
        throw new Error(
          `Submission ${submissionItem.pk} names lead ${earlierId}, which is missing`,
        );
      // A crash after the transaction may have left the month unmarked: a replay heals it.
      await noteMonth(earlier);
      return { created: false, lead: earlier, fingerprint: String(Item?.fingerprint ?? '') };
    },

    async assignLead(leadId, assignment) {
      const current = await getLead(leadId);
      if (!current || current.version !== assignment.expectedVersion) return false;
      const at = assignment.at.toISOString();
      const next: Lead = {
        ...current,
        status: current.status === 'new' ? 'assigned' : current.status,
        ownerId: assignment.owner.staffId,
        ownerName: assignment.owner.name,
        team: assignment.owner.team,
        assignedAt: at,
        ...(assignment.firstContactDueAt
          ? { firstContactDueAt: assignment.firstContactDueAt.toISOString() }
          : {}),
        version: current.version + 1,
      };
      const { owner } = assignment;
      // The enquiries that follow this lead change hands with it, in the same transaction.
      const followers = await followersOf(table, leadId);
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: leadItem(next),
                  // Leads stored before versions existed count as version 1.
                  ConditionExpression:
                    current.version === 1
                      ? 'attribute_exists(pk) AND (#version = :expected OR attribute_not_exists(#version))'
                      : 'attribute_exists(pk) AND #version = :expected',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': current.version },
                },
              },
              timelinePut(table.name, leadRecordPk(leadId), `assigned#${next.version}`, {
                at,
                step: 'lead-assigned',
                summary: `Assigned to ${owner.name} (team ${owner.team})`,
                by: assignment.by,
                via: assignment.by.kind === 'system' ? 'lead intake (assignment)' : 'back office',
              }),
              ...followerUpdates(
                table.name,
                followers.slice(0, followersPerTransaction),
                owner,
                next.version,
              ),
            ],
          }),
        );
        // Past one transaction's room (never in practice): the rest, each as new as it can be.
        for (const follower of followers.slice(followersPerTransaction)) {
          await followEarlierOwner(table, follower, { owner, version: next.version });
        }
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
        throw error;
      }
    },
  };
}
