import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { accountRecordPk } from '../../accounts/store/accounts';
import { isConditionFailed, type Table } from '../../shared/store/table';

/**
 * The statements made for an account, as the back office lists them: the month, its balances
 * and where the PDF is kept. Written once when the statement is made (the first one stays).
 *
 * | access pattern                      | keys                                                     |
 * |-------------------------------------|----------------------------------------------------------|
 * | an account's statements, newest first | pk = `ACCOUNT#<accountId>`, sk begins with `STATEMENT#` |
 * | one month's statement of an account | pk = `ACCOUNT#<accountId>`, sk = `STATEMENT#<yyyy-mm>`   |
 */

export interface StatementRecord {
  accountId: string;
  month: string;
  currency: string;
  openingMinor: number;
  closingMinor: number;
  lineCount: number;
  documentKey: string;
  madeAt: string;
}

const prefix = 'STATEMENT#';

export interface StatementRecordStore {
  record(statement: StatementRecord): Promise<void>;
  list(accountId: string): Promise<StatementRecord[]>;
}

export function statementRecordStore(table: Table): StatementRecordStore {
  return {
    async record(statement) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              pk: accountRecordPk(statement.accountId),
              sk: `${prefix}${statement.month}`,
              entity: 'statement',
              ...statement,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        // Made before (a resumed run): the first record stays, as the first PDF does.
        if (!isConditionFailed(error)) throw error;
      }
    },

    async list(accountId) {
      const records: StatementRecord[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': accountRecordPk(accountId), ':prefix': prefix },
            ScanIndexForward: false,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const { pk: _pk, sk: _sk, entity: _entity, ...record } = item;
          records.push(record as StatementRecord);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return records;
    },
  };
}
