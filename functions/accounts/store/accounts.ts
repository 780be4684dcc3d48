import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Locale } from '../../shared/locales';
import type { Table } from '../../shared/store/table';
import { readTimeline, type TimelineEntry, timelinePut } from '../../shared/store/timeline';
import type { AccountHold } from '../rules/holds';

/**
 * Account profiles: a customer with an active contract. The profile is created when the first
 * contract is activated, in the same transaction as the contract's change.
 *
 * | access pattern                   | keys                                                      |
 * |----------------------------------|-----------------------------------------------------------|
 * | an account's profile             | pk = `ACCOUNT#<accountId>`, sk = `ACCOUNT`                |
 * | an account's contracts           | pk = `ACCOUNT#<accountId>`, sk begins with `CONTRACT#`    |
 * | an account's timeline            | pk = `ACCOUNT#<accountId>`, sk begins with `TIMELINE#`    |
 *
 * (The ledger `ACCOUNT#<accountId>` / `BALANCE` belongs to invoicing.)
 */

export type AccountStatus = 'active' | 'suspended' | 'lapsed' | 'written-off';

export interface Account {
  accountId: string;
  legalName: string;
  contactName: string;
  email: string;
  phone?: string;
  addressLines: string[];
  taxId?: string;
  country: string;
  language: Locale;
  team: string;
  /** The agent who answers for the account. */
  ownerId: string;
  status: AccountStatus;
  /** The latest hold, kept after it ends (rules/holds.ts). */
  hold?: AccountHold;
  openedAt: string;
  version: number;
}

export interface AccountContractLink {
  contractId: string;
  startDate: string;
  endDate: string;
  serviceName: string;
  activatedAt: string;
}

export const accountRecordPk = (accountId: string) => `ACCOUNT#${accountId}`;
const accountKey = (accountId: string) => ({ pk: accountRecordPk(accountId), sk: 'ACCOUNT' });

/** The transaction items that open an account with its first contract. */
export function openAccountWrites(
  tableName: string,
  account: Account,
  link: AccountContractLink,
  entry: TimelineEntry,
) {
  return [
    {
      Put: {
        TableName: tableName,
        Item: { ...accountKey(account.accountId), entity: 'account', ...account },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          pk: accountRecordPk(account.accountId),
          sk: `CONTRACT#${link.contractId}`,
          entity: 'account-contract',
          ...link,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    timelinePut(tableName, accountRecordPk(account.accountId), `opened#${link.contractId}`, entry),
  ];
}

export interface AccountStore {
  get(accountId: string): Promise<Account | undefined>;
  contracts(accountId: string): Promise<AccountContractLink[]>;
  timeline(accountId: string): Promise<TimelineEntry[]>;
}

export function accountStore(table: Table): AccountStore {
  return {
    async get(accountId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: accountKey(accountId), ConsistentRead: true }),
      );
      if (!Item) return undefined;
      const { pk: _pk, sk: _sk, entity: _entity, ...account } = Item;
      return account as Account;
    },

    async contracts(accountId) {
      const links: AccountContractLink[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: {
              ':pk': accountRecordPk(accountId),
              ':prefix': 'CONTRACT#',
            },
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const { pk: _pk, sk: _sk, entity: _entity, ...link } = item;
          links.push(link as AccountContractLink);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return links;
    },

    timeline: (accountId) => readTimeline(table, accountRecordPk(accountId)),
  };
}
