import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { accountActivityPut } from '../../accounts/store/account-activity';
import { accountRecordPk } from '../../accounts/store/accounts';
import { ledgerChangeItem } from '../../invoicing/store/ledger';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';
import type { Payment, PaymentReversal, WriteOff } from '../payment-model';
import { type InvoicePaydown, paydownItem } from './payments';

/**
 * Write-offs, and an account's activity by date (payments and write-offs) for statements.
 *
 * | access pattern                          | keys                                                   |
 * |-----------------------------------------|--------------------------------------------------------|
 * | a write-off of an account               | pk = `ACCOUNT#<accountId>`, sk =                       |
 * |                                         |   `ACTIVITY#<date>#WRITE-OFF#<writeOffId>`             |
 * | the write-off one request made          | pk = `WRITE-OFF-REQUEST#<request key>`, sk = `REQUEST` |
 * | an account's activity in a date range   | pk = `ACCOUNT#<accountId>`, sk between                 |
 * |   (payments, write-offs, reversals), by |   `ACTIVITY#<from>` and `ACTIVITY#<to>~`               |
 * |   date                                  |                                                        |
 *
 * Invoices and credit notes are on the `invoices-by-account` index (`invoice-keys.ts`).
 *
 * A write-off, what it takes off each invoice, the ledger change (conditioned on the balance the
 * manager saw) and, when it is the whole balance, the account's `written-off` status: one
 * transaction.
 */

const activityPrefix = 'ACTIVITY#';
export const writeOffSk = (w: Pick<WriteOff, 'date' | 'writeOffId'>) =>
  `${activityPrefix}${w.date}#WRITE-OFF#${w.writeOffId}`;
const requestKeyOf = (requestKey: string) => ({
  pk: `WRITE-OFF-REQUEST#${requestKey}`,
  sk: 'REQUEST',
});

export interface WriteOffWrite {
  writeOff: WriteOff;
  requestKey: string;
  fingerprint: string;
  paydowns: readonly InvoicePaydown[];
  /** The balance read: the write fails if anything moved it since. */
  balanceRead: number;
  timeline: TimelineEntry;
}

export type WriteOffOutcome = 'recorded' | 'request-used' | 'lost-race';

export type AccountActivity =
  | { kind: 'payment'; date: string; payment: Payment }
  | { kind: 'write-off'; date: string; writeOff: WriteOff }
  | { kind: 'payment-reversal'; date: string; reversal: PaymentReversal };

export interface WriteOffStore {
  write(write: WriteOffWrite): Promise<WriteOffOutcome>;
  request(
    requestKey: string,
  ): Promise<
    { accountId: string; writeOffId: string; date: string; fingerprint: string } | undefined
  >;
  get(accountId: string, w: Pick<WriteOff, 'date' | 'writeOffId'>): Promise<WriteOff | undefined>;
  /** Payments, write-offs and payment reversals dated in [from, to] (inclusive), by date. */
  accountActivity(accountId: string, from: string, to: string): Promise<AccountActivity[]>;
  /** The latest of them, newest first (the account page). */
  latestActivity(accountId: string, limit: number): Promise<AccountActivity[]>;
}

export function writeOffStore(table: Table): WriteOffStore {
  const get = async (key: { pk: string; sk: string }) =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      )
    ).Item;

  return {
    async write(w) {
      const { writeOff } = w;
      const pk = accountRecordPk(writeOff.accountId);
      const ledger = ledgerChangeItem(
        table.name,
        writeOff.accountId,
        {
          currency: writeOff.amount.currency,
          balanceMinor: -writeOff.amount.amountMinor,
          creditMinor: 0,
        },
        new Date(writeOff.recordedAt),
      );
      const items = [
        {
          Put: {
            TableName: table.name,
            Item: {
              ...requestKeyOf(w.requestKey),
              entity: 'write-off-request',
              accountId: writeOff.accountId,
              writeOffId: writeOff.writeOffId,
              date: writeOff.date,
              fingerprint: w.fingerprint,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table.name,
            Item: { pk, sk: writeOffSk(writeOff), entity: 'write-off', ...writeOff },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...w.paydowns.map((p) => paydownItem(table.name, p, writeOff.recordedAt)),
        {
          Update: {
            ...ledger.Update,
            ConditionExpression: `(${ledger.Update.ConditionExpression}) AND balanceMinor = :read`,
            ExpressionAttributeValues: {
              ...ledger.Update.ExpressionAttributeValues,
              ':read': w.balanceRead,
            },
          },
        },
        ...(writeOff.wholeBalance
          ? [
              {
                Update: {
                  TableName: table.name,
                  Key: { pk, sk: 'ACCOUNT' },
                  UpdateExpression: 'SET #status = :writtenOff ADD version :one',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':writtenOff': 'written-off', ':one': 1 },
                },
              },
            ]
          : []),
        timelinePut(table.name, pk, `write-off#${writeOff.writeOffId}`, w.timeline),
        // The statement run finds the account in the write-off's month (account-activity.ts).
        accountActivityPut(table.name, writeOff.accountId, writeOff.date),
      ];
      try {
        await table.client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'recorded';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') return 'request-used';
        if (
          codes?.every((c) => ['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(c))
        ) {
          return 'lost-race';
        }
        if (error instanceof Error && error.name === 'TransactionConflictException')
          return 'lost-race';
        throw error;
      }
    },

    async request(requestKey) {
      const item = await get(requestKeyOf(requestKey));
      if (!item) return undefined;
      return {
        accountId: String(item.accountId),
        writeOffId: String(item.writeOffId),
        date: String(item.date),
        fingerprint: String(item.fingerprint),
      };
    },

    async get(accountId, w) {
      const item = await get({ pk: accountRecordPk(accountId), sk: writeOffSk(w) });
      return item ? (strip(item) as unknown as WriteOff) : undefined;
    },

    async accountActivity(accountId, from, to) {
      const activity: AccountActivity[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: {
              ':pk': accountRecordPk(accountId),
              ':from': `${activityPrefix}${from}`,
              ':to': `${activityPrefix}${to}~`,
            },
            ExclusiveStartKey: startKey,
          }),
        );
        activity.push(...(page.Items ?? []).flatMap(toActivity));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return activity;
    },

    async latestActivity(accountId, limit) {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': accountRecordPk(accountId),
            ':prefix': activityPrefix,
          },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (page.Items ?? []).flatMap(toActivity);
    },
  };
}

function toActivity(item: Record<string, unknown>): AccountActivity[] {
  const date = String(item.date);
  switch (item.entity) {
    case 'payment':
      return [{ kind: 'payment', date, payment: strip(item) as unknown as Payment }];
    case 'write-off':
      return [{ kind: 'write-off', date, writeOff: strip(item) as unknown as WriteOff }];
    case 'payment-reversal':
      return [
        { kind: 'payment-reversal', date, reversal: strip(item) as unknown as PaymentReversal },
      ];
    default:
      return [];
  }
}

function strip(item: Record<string, unknown>): Record<string, unknown> {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest;
}
