import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { timelinePut } from '../../shared/store/timeline';
import type { LeadQualification } from '../rules/lead';
import { leadKey, leadRecordPk } from './lead-keys';

/**
 * Keeps what qualification found on the lead, once: conditioned on the lead existing and having
 * no qualification, in one transaction with its timeline entry (a rerun writes nothing).
 */
export async function recordQualification(
  table: Table,
  leadId: string,
  qualification: LeadQualification,
): Promise<boolean> {
  const flagged = qualification.flags.length > 0;
  try {
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: table.name,
              Key: leadKey(leadId),
              UpdateExpression: 'SET qualification = :q',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(qualification)',
              ExpressionAttributeValues: { ':q': qualification },
            },
          },
          timelinePut(table.name, leadRecordPk(leadId), 'qualified', {
            at: qualification.at,
            step: 'lead-qualified',
            summary:
              `Scored ${qualification.score}` +
              (qualification.qualified ? ' (qualified)' : ' (not qualified)') +
              (flagged ? `; flagged: ${qualification.flags.join(', ')}` : ''),
            by: { kind: 'system' },
            via: 'lead intake (qualification)',
          }),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
