import type { Table } from '../../shared/store/table';
import { type TimelineActor, timelinePut } from '../../shared/store/timeline';
import type { Lead } from '../rules/lead';
import { changeLead } from './lead-changes';
import { leadKey, leadRecordPk } from './lead-keys';

/**
 * How a lead ends: `won` when a contract made from it becomes active (written in the activation's
 * own transaction), `lost` when staff say so with a reason. Either takes the lead off the
 * first-contact index in the same write, so nothing chases it any more.
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
