import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Lead } from '../domain/lead';
import { cancellationCodes, type Table } from './table';

/**
 * Leads and the submissions that made them.
 *
 * | access pattern                         | keys                                               |
 * |----------------------------------------|----------------------------------------------------|
 * | a lead by id                           | pk = `LEAD#<leadId>`, sk = `LEAD`                  |
 * | the lead a submission made (by its     | pk = `SUBMISSION#<kind>#<key>`, sk = `SUBMISSION`  |
 * | business key: form nonce or            |   → leadId, fingerprint                            |
 * | Idempotency-Key)                       |                                                    |
 *
 * The lead and its submission item are written in one transaction, conditioned on the submission
 * item not existing: a repeated or concurrent submission makes one lead.
 */

export type SubmissionKind = 'form-token' | 'idempotency-key';

export interface Submission {
  kind: SubmissionKind;
  key: string;
  /** Fingerprint of the submitted details, to tell a replay from a reused key. */
  fingerprint: string;
}

export type RecordedLead =
  | { created: true; lead: Lead }
  | { created: false; lead: Lead; fingerprint: string };

export interface LeadStore {
  /** Stores the lead unless its submission was recorded before; then returns the earlier lead. */
  recordLead(lead: Lead, submission: Submission): Promise<RecordedLead>;
  getLead(leadId: string): Promise<Lead | undefined>;
}

const leadKey = (leadId: string) => ({ pk: `LEAD#${leadId}`, sk: 'LEAD' });
const submissionKey = (kind: SubmissionKind, key: string) => ({
  pk: `SUBMISSION#${kind}#${key}`,
  sk: 'SUBMISSION',
});

export function leadStore(table: Table): LeadStore {
  async function getLead(leadId: string): Promise<Lead | undefined> {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: leadKey(leadId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, entity: _entity, ...lead } = Item;
    return lead as Lead;
  }

  return {
    getLead,

    async recordLead(lead, submission) {
      const submissionItem = submissionKey(submission.kind, submission.key);
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: { ...leadKey(lead.leadId), entity: 'lead', ...lead },
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
            ],
          }),
        );
        return { created: true, lead };
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[1] !== 'ConditionalCheckFailed') throw error;
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
      return { created: false, lead: earlier, fingerprint: String(Item?.fingerprint ?? '') };
    },
  };
}
