import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../shared/store/table';
import type { AccountBalance, LedgerChange } from '../invoice-ledger';

/**
 * The account ledger item. Changed only inside the transaction that writes the document moving
 * it (an invoice here; payments and credit notes in issue 6), never on its own.
 *
 * | access pattern          | keys                                             |
 * |-------------------------|--------------------------------------------------|
 * | an account's balance    | pk = `ACCOUNT#<accountId>`, sk = `BALANCE`       |
 */

const ledgerKey = (accountId: string) => ({ pk: `ACCOUNT#${accountId}`, sk: 'BALANCE' });

/**
 * The transaction item applying `change` (see `applyLedgerChange`): ADD creates the ledger with
 * the first document. Its condition fails when the account is kept in another currency, or, when
 * the change spends credit (`creditRead`), when the credit moved since it was read.
 */
export function ledgerChangeItem(
  tableName: string,
  accountId: string,
  change: LedgerChange,
  at: Date,
  creditRead?: number,
) {
  const currency = 'attribute_not_exists(currency) OR currency = :currency';
  return {
    Update: {
      TableName: tableName,
      Key: ledgerKey(accountId),
      UpdateExpression:
        'SET entity = :entity, accountId = :accountId, currency = if_not_exists(currency, :currency), ' +
        'updatedAt = :at ADD balanceMinor :balance, creditMinor :credit, version :one',
      ConditionExpression:
        creditRead === undefined ? currency : `(${currency}) AND creditMinor = :creditRead`,
      ExpressionAttributeValues: {
        ':entity': 'account-balance',
        ':accountId': accountId,
        ':currency': change.currency,
        ':at': at.toISOString(),
        ':balance': change.balanceMinor,
        ':credit': change.creditMinor,
        ':one': 1,
        ...(creditRead === undefined ? {} : { ':creditRead': creditRead }),
      },
    },
  };
}

export interface LedgerStore {
  getBalance(accountId: string): Promise<AccountBalance | undefined>;
}

export function ledgerStore(table: Table): LedgerStore {
  return {
    async getBalance(accountId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: ledgerKey(accountId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return {
        accountId,
        currency: String(Item.currency),
        balanceMinor: Number(Item.balanceMinor ?? 0),
        creditMinor: Number(Item.creditMinor ?? 0),
        version: Number(Item.version ?? 0),
      };
    },
  };
}
