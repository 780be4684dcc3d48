import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';
import type { Lead } from '../rules/lead';
import { leadItem, leadKey, leadRecordPk, toLead } from './lead-keys';

/**
 * A person's change to a lead (first contact logged, marked lost). It applies only to a lead in
 * the state the change is for, at the version the person saw; the changed lead (one version up)
 * and its timeline entry are written in one transaction conditioned on that version and status,
 * so of two people acting at once one wins and the other is told the lead changed meanwhile.
 */
export type LeadChange = 'changed' | 'stale' | 'does-not-apply';

export async function changeLead(
  table: Table,
  leadId: string,
  expectedVersion: number,
  change: {
    appliesTo: (lead: Lead) => boolean;
    /** The lead after the change; its version is set here. */
    apply: (lead: Lead) => Lead;
    /** The timeline entry, with its key among the lead's entries (the new version keeps it unique). */
    timeline: (changed: Lead) => { stepKey: string; entry: TimelineEntry };
  },
): Promise<LeadChange> {
  const { Item } = await table.client.send(
    new GetCommand({ TableName: table.name, Key: leadKey(leadId), ConsistentRead: true }),
  );
  if (!Item) return 'does-not-apply';
  const current = toLead(Item);
  if (!change.appliesTo(current)) return 'does-not-apply';
  if (current.version !== expectedVersion) return 'stale';
  const changed: Lead = { ...change.apply(current), version: current.version + 1 };
  const { stepKey, entry } = change.timeline(changed);
  try {
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table.name,
              Item: leadItem(changed),
              ConditionExpression: '#version = :expected AND #status = :status',
              ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
              ExpressionAttributeValues: {
                ':expected': current.version,
                ':status': current.status,
              },
            },
          },
          timelinePut(table.name, leadRecordPk(leadId), stepKey, entry),
        ],
      }),
    );
    return 'changed';
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'stale';
    throw error;
  }
}
