import { createHash } from 'node:crypto';
import { queryAll, type Table } from './table';

/**
 * A record's timeline: one item per step, under the record's own partition, oldest first.
 *
 * | access pattern                    | keys                                                   |
 * |-----------------------------------|--------------------------------------------------------|
 * | the timeline of a record, in order| pk = the record's pk (`LEAD#<leadId>`), sk begins with |
 * |                                   |   `TIMELINE#`: sk = `TIMELINE#<at>#<step key>`         |
 *
 * The step key is fixed by the step (an email's outbox message, an assignment's version), and every
 * entry is written with `attribute_not_exists(pk)` in the same transaction as the change it notes:
 * a rerun or retry cannot write it twice, and a change never lands without its entry.
 */

export type TimelineStep =
  | 'lead-received'
  | 'email-sent'
  | 'lead-assigned'
  | 'lead-qualified'
  | 'first-contact'
  | 'lead-review-requested'
  | 'lead-review-escalated'
  | 'lead-review-decided'
  | 'duplicate-enquiry'
  | 'lead-rejected'
  | 'acknowledgement-withheld'
  | 'lead-won'
  | 'lead-lost'
  | 'quote-drafted'
  | 'quote-approval-requested'
  | 'quote-approval-escalated'
  | 'quote-approved'
  | 'quote-rejected'
  | 'quote-sent'
  | 'quote-accepted'
  | 'quote-declined'
  | 'quote-expired'
  | 'contract-drafted'
  | 'contract-documents-requested'
  | 'contract-document-uploaded'
  | 'contract-approval-requested'
  | 'contract-approval-escalated'
  | 'contract-approved'
  | 'contract-returned'
  | 'contract-resubmitted'
  | 'contract-corrected'
  | 'contract-signature-requested'
  | 'contract-signed'
  | 'contract-activated'
  | 'contract-renewal-reminded'
  | 'contract-renewed'
  | 'contract-lapsed'
  | 'contract-new-quote-asked'
  | 'account-opened'
  | 'payment-recorded'
  | 'payment-reversed'
  | 'credit-applied'
  | 'charge-voided'
  | 'balance-written-off'
  | 'hold-set'
  | 'hold-lifted';

/** Who made a step happen. */
export type TimelineActor =
  | { kind: 'prospect'; name: string }
  | { kind: 'customer'; name: string }
  | { kind: 'staff'; staffId: string; name: string }
  | { kind: 'system' };

export interface TimelineEntry {
  at: string;
  step: TimelineStep;
  /** One line saying what happened, for people. */
  summary: string;
  by: TimelineActor;
  /** Through which channel or link: `web form`, `API`, `outbox message …`, `back office`. */
  via: string;
}

const prefix = 'TIMELINE#';

/** The item (with its write condition) that adds `entry` to the timeline of `recordPk`. */
export function timelinePut(
  tableName: string,
  recordPk: string,
  stepKey: string,
  entry: TimelineEntry,
) {
  // Step keys may be long (an outbox id holds an address): a hash keeps the sort key short.
  const key = createHash('sha256').update(stepKey).digest('base64url').slice(0, 16);
  return {
    Put: {
      TableName: tableName,
      Item: { pk: recordPk, sk: `${prefix}${entry.at}#${key}`, entity: 'timeline-entry', ...entry },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** Every entry of a record's timeline, oldest first. */
export async function readTimeline(table: Table, recordPk: string): Promise<TimelineEntry[]> {
  const items = await queryAll(table, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': recordPk, ':prefix': prefix },
  });
  return items.map((item) => ({
    at: String(item.at),
    step: item.step as TimelineStep,
    summary: String(item.summary),
    by: item.by as TimelineActor,
    via: String(item.via),
  }));
}
