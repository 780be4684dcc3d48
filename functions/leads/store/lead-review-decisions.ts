import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, isConditionFailed, type Table } from '../../shared/store/table';
import { timelinePut } from '../../shared/store/timeline';
import { usedLinkPut } from '../../shared/store/used-links';
import { leadRecordPk } from './lead-keys';

/**
 * A supervisor's decision on a flagged lead, kept on the review item (`LEAD#<leadId>` /
 * `REVIEW`, see `lead-reviews.ts`). Recording it takes the task token off the review in the same
 * conditional write, so of two decisions (two clicks, link and back office) exactly one wins.
 * The token moves to `decisionToken` until the workflow has heard the decision: a crash between
 * the write and `SendTaskSuccess` is repaired by the next look at the review, never lost.
 */

export type ReviewVerdict = 'approve' | 'reject';

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

/** `changed`: the review is no longer as read (decided, escalated, or a new token): read again. */
export type RecordResult = 'recorded' | 'changed' | 'link-used';

export interface LeadReviewDecisionStore {
  /**
   * Records the decision if the review still waits with `taskToken` (and, for a link, marks the
   * link used in the same transaction).
   */
  recordDecision(input: {
    leadId: string;
    taskToken: string;
    decision: ReviewDecision;
    link?: { linkId: string; purpose: string; expiresAt: Date };
  }): Promise<RecordResult>;
  /** The workflow has the decision (or can no longer take it): the kept token goes (once). */
  markDecisionDelivered(leadId: string, outcome: 'delivered' | 'too-late', at: Date): Promise<void>;
}

const reviewKey = (leadId: string) => ({ pk: leadRecordPk(leadId), sk: 'REVIEW' });

export function leadReviewDecisionStore(table: Table): LeadReviewDecisionStore {
  return {
    async recordDecision({ leadId, taskToken, decision, link }) {
      const verdict = decision.decision === 'approve' ? 'Approved' : 'Rejected';
      const transactItems = [
        {
          Update: {
            TableName: table.name,
            Key: reviewKey(leadId),
            UpdateExpression: 'SET decision = :decision, decisionToken = :token REMOVE taskToken',
            // Escalated: the step timed out, its token is dead; the back office assigns instead.
            ConditionExpression:
              'taskToken = :token AND attribute_not_exists(decision) AND attribute_not_exists(escalatedAt)',
            ExpressionAttributeValues: { ':decision': decision, ':token': taskToken },
          },
        },
        timelinePut(table.name, leadRecordPk(leadId), 'review-decided', {
          at: decision.at,
          step: 'lead-review-decided',
          summary: decision.reason ? `${verdict}: ${decision.reason}` : verdict,
          by: { kind: 'staff', staffId: decision.staffId, name: decision.name },
          via: decision.via === 'link' ? 'signed link (supervisor review)' : 'back office',
        }),
        ...(link
          ? [
              {
                Put: usedLinkPut(table.name, link.linkId, {
                  purpose: link.purpose,
                  subject: leadId,
                  usedAt: new Date(decision.at),
                  linkExpiresAt: link.expiresAt,
                }),
              },
            ]
          : []),
      ];
      try {
        await table.client.send(new TransactWriteCommand({ TransactItems: transactItems }));
        return 'recorded';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (!codes) throw error;
        if (codes[0] === 'ConditionalCheckFailed') return 'changed';
        if (codes[2] === 'ConditionalCheckFailed') return 'link-used';
        // The timeline entry exists: the same decision was written at this very instant.
        if (codes[1] === 'ConditionalCheckFailed') return 'changed';
        throw error;
      }
    },

    async markDecisionDelivered(leadId, outcome, at) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: reviewKey(leadId),
            UpdateExpression:
              'SET decisionDelivery = :outcome, decisionDeliveredAt = :at REMOVE decisionToken',
            ConditionExpression: 'attribute_exists(decisionToken)',
            ExpressionAttributeValues: { ':outcome': outcome, ':at': at.toISOString() },
          }),
        );
      } catch (error) {
        // Noted already by another hand-over of the same decision.
        if (!isConditionFailed(error)) throw error;
      }
    },
  };
}
