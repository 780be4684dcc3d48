import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { accountRecordPk } from './accounts';
import { invoicePk, invoiceSk, invoicesOpenByDueIndex, openInvoicesPk } from './invoice-keys';
import { cancellationCodes, type Table } from './table';

/**
 * What the arrears ladder reads and writes. It reads open invoices from the sparse index
 * `invoices-open-by-due` (one partition per due month, never a scan) and keeps its progress on
 * the invoice item itself:
 *
 * | attribute on `INVOICE#<number>` / `INVOICE` | meaning                                         |
 * |---------------------------------------------|-------------------------------------------------|
 * | `ladderStepsDone` (list of numbers)          | days past due of the steps done (or passed over)|
 * | `ladderVersion` (number)                     | bumped by each step: the write's condition      |
 *
 * A step is recorded in one transaction with the claims of its emails (the outbox), and with the
 * account's change (flagged for suspension, suspended) and its event when the step has one.
 */

/** An open invoice as the ladder sees it. */
export interface DunningState {
  number: string;
  accountId: string;
  dueDate: string;
  currency: string;
  openMinor: number;
  ladderStepsDone: number[];
  ladderVersion: number;
}

const projection =
  '#number, accountId, dueDate, currency, openMinor, ladderStepsDone, ladderVersion';
const projectionNames = { '#number': 'number' };

function toState(item: Record<string, unknown>): DunningState {
  return {
    number: String(item.number),
    accountId: String(item.accountId),
    dueDate: String(item.dueDate),
    currency: String(item.currency),
    openMinor: Number(item.openMinor ?? 0),
    ladderStepsDone: Array.isArray(item.ladderStepsDone)
      ? item.ladderStepsDone.map((d) => Number(d))
      : [],
    ladderVersion: Number(item.ladderVersion ?? 0),
  };
}

/** The account's change that goes with a step. */
export type AccountChange =
  | { kind: 'flag-for-suspension'; on: string }
  | { kind: 'suspend'; on: string };

export interface StepWrite {
  invoice: DunningState;
  /** The steps' days to add to `ladderStepsDone` (the one performed and those passed over). */
  stepsDone: number[];
  /** Outbox claim Puts (`outboxClaimPut`). */
  claims: object[];
  account?: AccountChange;
  /** The event's Put (`recordEvent`), with a suspension. */
  event?: object;
  at: Date;
}

export interface ArrearsStore {
  /**
   * Open invoices due from `fromDue` to `upToDue` (inclusive), oldest due first, page by page,
   * with how many items each page read.
   */
  overdueInvoices(fromDue: string, upToDue: string): AsyncGenerator<DunningState[]>;
  /** The invoice read again, consistently, just before a step. */
  dunningState(number: string): Promise<DunningState | undefined>;
  /**
   * Records a step if the invoice is as read (same unpaid amount, same ladder version) and, with
   * a suspension, the account still active: 'stale' when something moved, and nothing changed.
   */
  recordStep(write: StepWrite): Promise<'recorded' | 'stale'>;
  /**
   * Lifts the account's suspension (or clears its flag) if it is suspended (flagged) and its
   * balance is nothing or a credit, with the event when there is one: 'stale' if either moved.
   */
  clearArrears(
    accountId: string,
    lift: 'suspension' | 'flag',
    at: Date,
    event?: object,
  ): Promise<'cleared' | 'stale'>;
}

/** The due months (`yyyy-mm`) from one date to another, inclusive. */
export function dueMonths(fromDue: string, upToDue: string): string[] {
  const months: string[] = [];
  let month = DateTime.fromISO(fromDue, { zone: 'UTC' }).startOf('month');
  const last = DateTime.fromISO(upToDue, { zone: 'UTC' }).startOf('month');
  while (month <= last) {
    months.push(month.toFormat('yyyy-MM'));
    month = month.plus({ months: 1 });
  }
  return months;
}

export function arrearsStore(table: Table): ArrearsStore {
  return {
    async *overdueInvoices(fromDue, upToDue) {
      for (const month of dueMonths(fromDue, upToDue)) {
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await table.client.send(
            new QueryCommand({
              TableName: table.name,
              IndexName: invoicesOpenByDueIndex,
              // `~` sorts after `#` and digits: every invoice of the last day is included.
              KeyConditionExpression: 'openPk = :pk AND openSk BETWEEN :from AND :upTo',
              ExpressionAttributeValues: {
                ':pk': openInvoicesPk(month),
                ':from': `${fromDue}#`,
                ':upTo': `${upToDue}#~`,
              },
              ProjectionExpression: projection,
              ExpressionAttributeNames: projectionNames,
              ExclusiveStartKey: startKey,
            }),
          );
          yield (page.Items ?? []).map(toState);
          startKey = page.LastEvaluatedKey;
        } while (startKey);
      }
    },

    async dunningState(number) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: { pk: invoicePk(number), sk: invoiceSk },
          ProjectionExpression: projection,
          ExpressionAttributeNames: projectionNames,
          ConsistentRead: true,
        }),
      );
      return Item ? toState(Item) : undefined;
    },

    async recordStep(write) {
      const { invoice, at } = write;
      const items: object[] = [
        {
          Update: {
            TableName: table.name,
            Key: { pk: invoicePk(invoice.number), sk: invoiceSk },
            UpdateExpression:
              'SET ladderStepsDone = :done, ladderVersion = :next, ladderUpdatedAt = :at',
            ConditionExpression:
              'openMinor = :open AND ' +
              (invoice.ladderVersion === 0
                ? 'attribute_not_exists(ladderVersion)'
                : 'ladderVersion = :seen'),
            ExpressionAttributeValues: {
              ':done': [...invoice.ladderStepsDone, ...write.stepsDone],
              ':next': invoice.ladderVersion + 1,
              ':at': at.toISOString(),
              ':open': invoice.openMinor,
              ...(invoice.ladderVersion === 0 ? {} : { ':seen': invoice.ladderVersion }),
            },
          },
        },
        ...write.claims,
      ];
      if (write.account) items.push(accountUpdate(table.name, invoice, write.account, at));
      if (write.event) items.push(write.event);
      try {
        await table.client.send(new TransactWriteCommand({ TransactItems: items as never }));
        return 'recorded';
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return 'stale';
        throw error;
      }
    },

    async clearArrears(accountId, lift, at, event) {
      const pk = accountRecordPk(accountId);
      const items: object[] = [
        {
          ConditionCheck: {
            TableName: table.name,
            Key: { pk, sk: 'BALANCE' },
            ConditionExpression: 'balanceMinor <= :zero',
            ExpressionAttributeValues: { ':zero': 0 },
          },
        },
        lift === 'suspension'
          ? {
              Update: {
                TableName: table.name,
                Key: { pk, sk: 'ACCOUNT' },
                UpdateExpression:
                  'SET #status = :active, liftedAt = :at, updatedAt = :at ' +
                  'REMOVE suspendedOn, suspendedFor, suspensionFlaggedOn ADD version :one',
                ConditionExpression: '#status = :suspended',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':active': 'active',
                  ':suspended': 'suspended',
                  ':at': at.toISOString(),
                  ':one': 1,
                },
              },
            }
          : {
              Update: {
                TableName: table.name,
                Key: { pk, sk: 'ACCOUNT' },
                UpdateExpression: 'REMOVE suspensionFlaggedOn',
                ConditionExpression: 'attribute_exists(suspensionFlaggedOn)',
              },
            },
      ];
      if (event) items.push(event);
      try {
        await table.client.send(new TransactWriteCommand({ TransactItems: items as never }));
        return 'cleared';
      } catch (error) {
        if (cancellationCodes(error)?.includes('ConditionalCheckFailed')) return 'stale';
        throw error;
      }
    },
  };
}

function accountUpdate(tableName: string, invoice: DunningState, change: AccountChange, at: Date) {
  const key = { pk: accountRecordPk(invoice.accountId), sk: 'ACCOUNT' };
  if (change.kind === 'flag-for-suspension') {
    return {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET suspensionFlaggedOn = if_not_exists(suspensionFlaggedOn, :on)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':on': change.on },
      },
    };
  }
  // Only an active account is suspended: a second invoice reaching the step finds it suspended
  // and the ladder re-reads (then records its step without a second suspension).
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression:
        'SET #status = :suspended, suspendedOn = :on, suspendedFor = :number, ' +
        'collectionsSince = if_not_exists(collectionsSince, :on), updatedAt = :at ADD version :one',
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':suspended': 'suspended',
        ':active': 'active',
        ':on': change.on,
        ':number': invoice.number,
        ':at': at.toISOString(),
        ':one': 1,
      },
    },
  };
}
