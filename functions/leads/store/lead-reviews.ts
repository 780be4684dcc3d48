import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, isConditionFailed, type Table } from '../../shared/store/table';
import { type TimelineActor, timelinePut } from '../../shared/store/timeline';
import type { Lead } from '../rules/lead';
import { leadItem, leadKey, leadRecordPk, toLead } from './lead-keys';
import type { ReviewDecision } from './lead-review-decisions';

/**
 * A flagged lead's supervisor review: the workflow's task token waits on the lead until a
 * supervisor decides (or the review times out).
 *
 * | access pattern                      | keys                                      |
 * |-------------------------------------|-------------------------------------------|
 * | the open review of a lead           | pk = `LEAD#<leadId>`, sk = `REVIEW`       |
 */

export interface LeadReviewRequest {
  leadId: string;
  taskToken: string;
  deadline: string;
  requestedAt: string;
  /** The supervisor the signed link was sent to: a link decision is theirs. */
  reviewer: { staffId: string; name: string };
}

export interface LeadReview extends Omit<LeadReviewRequest, 'taskToken' | 'reviewer'> {
  /** Present while the workflow waits for a decision. */
  taskToken?: string;
  reviewer?: { staffId: string; name: string };
  escalatedAt?: string;
  decision?: ReviewDecision;
  /** The token the decision was recorded against, until the workflow has heard it. */
  decisionToken?: string;
  decisionDelivery?: 'delivered' | 'too-late';
}

const reviewKey = (leadId: string) => ({ pk: leadRecordPk(leadId), sk: 'REVIEW' });

export interface LeadReviewStore {
  /**
   * Keeps the task token of the review. The first request writes the review and its timeline entry
   * together; a rerun (a retried step gets a new token) only replaces the token, unless a
   * decision was recorded meanwhile (`already-decided`: the caller hands it to the new token).
   */
  requestReview(
    review: LeadReviewRequest,
  ): Promise<'requested' | 'token-replaced' | 'already-decided'>;
  getReview(leadId: string): Promise<LeadReview | undefined>;
  /** Notes the escalation once; false if it was noted before. */
  noteEscalation(leadId: string, at: Date): Promise<boolean>;
  /** Marks the lead rejected with the reason; false if it was rejected before. */
  rejectLead(leadId: string, reason: string, by: TimelineActor, at: Date): Promise<boolean>;
}

export function leadReviewStore(table: Table): LeadReviewStore {
  return {
    async requestReview(review) {
      const item = { ...reviewKey(review.leadId), entity: 'lead-review', ...review };
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: item,
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              timelinePut(table.name, leadRecordPk(review.leadId), 'review-requested', {
                at: review.requestedAt,
                step: 'lead-review-requested',
                summary: `Flagged: a supervisor decides by ${review.deadline.slice(0, 10)}`,
                by: { kind: 'system' },
                via: 'lead intake (supervisor review)',
              }),
            ],
          }),
        );
        return 'requested';
      } catch (error) {
        if (cancellationCodes(error)?.[0] !== 'ConditionalCheckFailed') throw error;
      }
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: reviewKey(review.leadId),
            UpdateExpression: 'SET taskToken = :token',
            ConditionExpression: 'attribute_not_exists(decision)',
            ExpressionAttributeValues: { ':token': review.taskToken },
          }),
        );
      } catch (error) {
        if (isConditionFailed(error)) return 'already-decided';
        throw error;
      }
      return 'token-replaced';
    },

    async getReview(leadId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: reviewKey(leadId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, entity: _entity, ...review } = Item;
      return review as LeadReview;
    },

    async noteEscalation(leadId, at) {
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table.name,
                  Key: reviewKey(leadId),
                  UpdateExpression: 'SET escalatedAt = :at',
                  ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(escalatedAt)',
                  ExpressionAttributeValues: { ':at': at.toISOString() },
                },
              },
              timelinePut(table.name, leadRecordPk(leadId), 'review-escalated', {
                at: at.toISOString(),
                step: 'lead-review-escalated',
                summary: 'No supervisor decided in time: left flagged for the back office',
                by: { kind: 'system' },
                via: 'lead intake (review timeout)',
              }),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
        throw error;
      }
    },

    async rejectLead(leadId, reason, by, at) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: leadKey(leadId),
          ConsistentRead: true,
        }),
      );
      if (!Item) throw new Error(`Lead ${leadId} does not exist`);
      const current = toLead(Item);
      if (current.status === 'rejected') return false;
      const next: Lead = {
        ...current,
        status: 'rejected',
        rejectionReason: reason,
        version: current.version + 1,
      };
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: leadItem(next),
                  ConditionExpression:
                    'attribute_exists(pk) AND (#version = :expected OR attribute_not_exists(#version))',
                  ExpressionAttributeNames: { '#version': 'version' },
                  ExpressionAttributeValues: { ':expected': current.version },
                },
              },
              timelinePut(table.name, leadRecordPk(leadId), 'rejected', {
                at: at.toISOString(),
                step: 'lead-rejected',
                summary: reason ? `Rejected: ${reason}` : 'Rejected',
                by,
                via: 'supervisor review',
              }),
            ],
          }),
        );
        return true;
      } catch (error) {
        if (
          cancellationCodes(error)?.[0] === 'ConditionalCheckFailed' ||
          isConditionFailed(error)
        ) {
          throw new Error(`Lead ${leadId} changed while being rejected; retry`);
        }
        throw error;
      }
    },
  };
}
