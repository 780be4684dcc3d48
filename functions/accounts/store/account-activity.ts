import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../shared/store/table';
import { accountRecordPk } from './accounts';

/**
 * Which accounts had money activity in a month: what the statement run on the 1st reads, so it
 * never scans. A marker per (month, account) is put in the same transaction as every money event
 * (an invoice or credit note issued, a payment, a write-off): the event and its marker exist
 * together or not at all. A statement that closes with a balance marks the next month too, so an
 * account that owes (or holds credit) but did nothing still gets its statement.
 *
 * | access pattern                            | keys                                                |
 * |-------------------------------------------|-----------------------------------------------------|
 * | an account active in a month              | pk = `ACCOUNT#<accountId>`, sk = `ACTIVE-MONTH#<yyyy-mm>` |
 * | the accounts active in a month (the run)  | index `accounts-active-by-month`: activePk =        |
 * |                                           |   `ACCOUNTS-ACTIVE#<yyyy-mm>`, activeSk = accountId |
 *
 * The marker is the same item whoever writes it (no condition), so writing it twice is harmless.
 */

export const accountsActiveByMonthIndex = 'accounts-active-by-month';

const monthPattern = /^\d{4}-\d\d$/;

function monthOf(dateOrMonth: string): string {
  const month = dateOrMonth.slice(0, 7);
  if (!monthPattern.test(month)) throw new RangeError(`${dateOrMonth} names no month (yyyy-mm)`);
  return month;
}

function markerItem(accountId: string, month: string) {
  return {
    pk: accountRecordPk(accountId),
    sk: `ACTIVE-MONTH#${month}`,
    entity: 'account-active-month',
    accountId,
    month,
    activePk: `ACCOUNTS-ACTIVE#${month}`,
    activeSk: accountId,
  };
}

/**
 * The TransactWriteItems element marking `accountId` active in the month of `date` (a business
 * date `YYYY-MM-DD`, or a month `YYYY-MM`).
 */
export function accountActivityPut(
  tableName: string,
  accountId: string,
  date: string,
): { Put: { TableName: string; Item: Record<string, unknown> } } {
  return { Put: { TableName: tableName, Item: markerItem(accountId, monthOf(date)) } };
}

export interface AccountActivityStore {
  /** Marks an account active in a month on its own (a balance carried into it). */
  mark(accountId: string, month: string): Promise<void>;
  /** Every account marked active in `month`, in account id order. */
  accountsActiveIn(month: string): Promise<string[]>;
}

export function accountActivityStore(table: Table): AccountActivityStore {
  return {
    async mark(accountId, month) {
      await table.client.send(
        new PutCommand({ TableName: table.name, Item: markerItem(accountId, monthOf(month)) }),
      );
    },

    async accountsActiveIn(month) {
      if (!monthPattern.test(month)) throw new RangeError(`${month} is not a month (yyyy-mm)`);
      const accounts: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            IndexName: accountsActiveByMonthIndex,
            KeyConditionExpression: 'activePk = :pk',
            ExpressionAttributeValues: { ':pk': `ACCOUNTS-ACTIVE#${month}` },
            ProjectionExpression: 'activeSk',
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) accounts.push(String(item.activeSk));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return accounts;
    },
  };
}
