import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { accountRecordPk } from '../../accounts/store/accounts';
import {
  type DunningList,
  dunningKeys,
  dunningPk,
  invoicePk,
  invoiceSk,
  invoicesByDunningDateIndex,
  invoicesOpenByDueIndex,
  openInvoicesPk,
} from '../../invoicing/store/invoice-keys';
import {
  cancellationCodes,
  isConditionFailed,
  type MonthlyIndex,
  queryByDate,
  type Table,
} from '../../shared/store/table';

/**
 * What the arrears ladder reads and writes. The daily run reads the sparse index
 * `invoices-by-dunning-date` (`invoice-keys.ts`): the invoices not chased yet by due date and the
 * chased ones by the date of their next step, one partition per month, never a scan; the back
 * office's arrears list reads `invoices-open-by-due`. The ladder keeps its progress on the
 * invoice item itself:
 *
 * | attribute on `INVOICE#<number>` / `INVOICE` | meaning                                         |
 * |---------------------------------------------|-------------------------------------------------|
 * | `ladderStepsDone` (list of numbers)          | days past due of the steps done (or passed over)|
 * | `ladderVersion` (number)                     | bumped by each step: the write's condition      |
 *
 * A step is recorded in one transaction with the claims of its emails (the outbox), the
 * invoice's move to the day of its next step on the ladder's list (or off it, the ladder done),
 * and the account's change (flagged for suspension, suspended) and its event when it has one.
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
  /** The business date of the invoice's next step; none when the ladder is done. */
  nextStepOn: string | undefined;
  /** Outbox claim Puts (`outboxClaimPut`). */
  claims: object[];
  account?: AccountChange;
  /** The event's Put (`recordEvent`), with a suspension. */
  event?: object;
  at: Date;
}

export interface ArrearsStore {
  /**
   * Open invoices due from `fromDue` to `upToDue` (inclusive), oldest due first, page by page
   * (the back office's arrears list).
   */
  overdueInvoices(fromDue: string, upToDue: string): AsyncGenerator<DunningState[]>;
  /**
   * The invoices on one of the ladder's lists (not chased yet, by due date; chased, by the date
   * of their next step) from `from` to `upTo` (inclusive), oldest first, page by page.
   */
  toChase(list: DunningList, from: string, upTo: string): AsyncGenerator<DunningState[]>;
  /**
   * Puts a chased invoice under the date of its next step (off the list when there is none) if
   * it is as read: 'stale' when it moved, and nothing changed. For an invoice read on a day with
   * no step to take (the ladder changed since its last step).
   */
  moveToNextStep(
    invoice: DunningState,
    nextStepOn: string | undefined,
    at: Date,
  ): Promise<'moved' | 'stale'>;
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

export function arrearsStore(table: Table): ArrearsStore {
  const read = async function* (index: MonthlyIndex, from: string, upTo: string) {
    const projected = { expression: projection, names: projectionNames };
    for await (const items of queryByDate(table, index, from, upTo, projected)) {
      yield items.map(toState);
    }
  };

  return {
    overdueInvoices: (fromDue, upToDue) =>
      read(
        {
          name: invoicesOpenByDueIndex,
          partitionKey: 'openPk',
          sortKey: 'openSk',
          partitionOf: openInvoicesPk,
        },
        fromDue,
        upToDue,
      ),

    toChase: (list, from, upTo) =>
      read(
        {
          name: invoicesByDunningDateIndex,
          partitionKey: 'dunningPk',
          sortKey: 'dunningSk',
          partitionOf: (month) => dunningPk(list, month),
        },
        from,
        upTo,
      ),

    async moveToNextStep(invoice, nextStepOn, at) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            ...ladderUpdate(invoice, [], nextStepOn, at),
          }),
        );
        return 'moved';
      } catch (error) {
        if (isConditionFailed(error)) return 'stale';
        throw error;
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
            ...ladderUpdate(invoice, write.stepsDone, write.nextStepOn, at),
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

/**
 * The invoice's ladder moved on, if it is as read (same unpaid amount, same ladder version):
 * steps added to those done, and its place on the ladder's list the day of its next step.
 */
function ladderUpdate(
  invoice: DunningState,
  stepsDone: number[],
  nextStepOn: string | undefined,
  at: Date,
) {
  const next = nextStepOn ? dunningKeys('next-step', invoice.number, nextStepOn) : undefined;
  return {
    Key: { pk: invoicePk(invoice.number), sk: invoiceSk },
    UpdateExpression:
      'SET ladderStepsDone = :done, ladderVersion = :next, ladderUpdatedAt = :at' +
      (next ? ', dunningPk = :listPk, dunningSk = :listSk' : ' REMOVE dunningPk, dunningSk'),
    ConditionExpression:
      'openMinor = :open AND ' +
      (invoice.ladderVersion === 0
        ? 'attribute_not_exists(ladderVersion)'
        : 'ladderVersion = :seen'),
    ExpressionAttributeValues: {
      ':done': [...invoice.ladderStepsDone, ...stepsDone],
      ':next': invoice.ladderVersion + 1,
      ':at': at.toISOString(),
      ':open': invoice.openMinor,
      ...(invoice.ladderVersion === 0 ? {} : { ':seen': invoice.ladderVersion }),
      ...(next ? { ':listPk': next.dunningPk, ':listSk': next.dunningSk } : {}),
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
