import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, isConditionFailed, type Table } from '../../shared/store/table';
import { type TimelineActor, timelinePut } from '../../shared/store/timeline';
import type { Lead } from '../rules/lead';
import { changeLead } from './lead-changes';
import { leadItem, leadKey, leadRecordPk, toLead } from './lead-keys';

/**
 * How a lead ends: `won` when a contract made from it becomes active (written in the activation's
 * own transaction), `lost` when staff say so with a reason. Either takes the lead off the
 * first-contact index in the same write, so nothing chases it any more. A flagged lead its
 * supervisor rejects ends `rejected`.
 */

/** The writes that mark the lead won, for the contract activation's transaction. */
export function leadWonWrites(tableName: string, leadId: string, contractId: string, at: Date) {
  const when = at.toISOString();
  return [
    {
      Update: {
        TableName: tableName,
        Key: leadKey(leadId),
        UpdateExpression:
          'SET #status = :won, wonWith = :wonWith, #version = if_not_exists(#version, :one) + :one ' +
          'REMOVE firstContactPk, firstContactSk',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
        ExpressionAttributeValues: {
          ':won': 'won',
          ':wonWith': { contractId, at: when },
          ':one': 1,
        },
      },
    },
    timelinePut(tableName, leadRecordPk(leadId), `won#${contractId}`, {
      at: when,
      step: 'lead-won',
      summary: `Won: contract ${contractId} is active`,
      by: { kind: 'system' },
      via: 'contract workflow (activation)',
    }),
  ];
}

export type LostResult = 'lost' | 'stale' | 'not-open';

/** The statuses a lead may be lost from: it is still being worked. */
export const openLeadStatuses: readonly Lead['status'][] = ['new', 'assigned', 'contacted'];

/**
 * Marks the lead lost with its reason, if it is still open at `expectedVersion`; its timeline
 * says who and why. A lead not open (won, rejected, lost before) answers `not-open`.
 */
export async function markLeadLost(
  table: Table,
  leadId: string,
  by: Extract<TimelineActor, { kind: 'staff' }>,
  reason: string,
  expectedVersion: number,
  at: Date,
): Promise<LostResult> {
  const when = at.toISOString();
  const outcome = await changeLead(table, leadId, expectedVersion, {
    appliesTo: (lead) => openLeadStatuses.includes(lead.status),
    apply: (lead) => ({
      ...lead,
      status: 'lost',
      lost: { reason, at: when, by: { staffId: by.staffId, name: by.name } },
    }),
    timeline: (lost) => ({
      stepKey: `lost#${lost.version}`,
      entry: { at: when, step: 'lead-lost', summary: `Lost: ${reason}`, by, via: 'back office' },
    }),
  });
  return outcome === 'changed' ? 'lost' : outcome === 'stale' ? 'stale' : 'not-open';
}

/** A supervisor rejected the flagged lead: it is marked rejected with the reason; false if it was before. */
export async function rejectLead(
  table: Table,
  leadId: string,
  reason: string,
  by: TimelineActor,
  at: Date,
): Promise<boolean> {
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
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed' || isConditionFailed(error)) {
      throw new Error(`Lead ${leadId} changed while being rejected; retry`);
    }
    throw error;
  }
}
