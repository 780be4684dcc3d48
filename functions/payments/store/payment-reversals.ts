import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { accountActivityPut } from '../../accounts/store/account-activity';
import { accountRecordPk } from '../../accounts/store/accounts';
import {
  dunningKeys,
  invoicePk,
  invoiceSk,
  openInvoiceKeys,
} from '../../invoicing/store/invoice-keys';
import { ledgerChangeItem } from '../../invoicing/store/ledger';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';
import type { PaymentReversal, PaymentReversalMark } from '../payment-model';
import type { Reopening, ReversedInvoice } from '../rules/payment-reversal';
import { accountInvoiceNumbers, paymentSk } from './payments';

/**
 * Payment reversals. The reversal, the payment's mark, each invoice opened again (back on the
 * open-by-due index and, by its ladder, on the dunning list), the ledger (conditioned on the
 * credit read) and the timeline entry: one transaction, each part conditioned on what was read,
 * so a payment, ladder step or invoice landing meanwhile makes it read again.
 *
 * | access pattern                          | keys                                                   |
 * |-----------------------------------------|--------------------------------------------------------|
 * | the reversal of a payment, by its date  | pk = `ACCOUNT#<accountId>`, sk =                       |
 * |   (an account's activity for statements)|   `ACTIVITY#<date>#REVERSAL#<paymentId>`               |
 * | whether a payment is reversed           | attribute `reversal` on the payment item (`payments.ts`)|
 * | the invoices the account's credit paid  | index `invoices-by-account`, newest first, filtered on |
 * |   (newest first)                        |   `creditAppliedMinor > 0`, then read consistently     |
 *
 * An invoice's `creditAppliedMinor` (the credit that paid it at issue) is never changed: its
 * statements replay it. What a reversal takes back of it is `creditReversedMinor`.
 */

export const reversalSk = (r: Pick<PaymentReversal, 'date' | 'paymentId'>) =>
  `ACTIVITY#${r.date}#REVERSAL#${r.paymentId}`;

/** An invoice as read for a reversal, with what its write is conditioned on. */
export interface ReversalInvoiceRead extends ReversedInvoice {
  /** Absent: the ladder never acted on it. */
  ladderVersion?: number;
}

/** An invoice opened again, and where it goes on the ladder's list. */
export interface InvoiceReopening {
  reopening: Reopening;
  read: ReversalInvoiceRead;
  dunning: { list: 'first-step' | 'next-step'; date: string } | 'stays' | 'none';
}

export interface ReversalWrite {
  reversal: PaymentReversal;
  mark: PaymentReversalMark;
  invoices: readonly InvoiceReopening[];
  /** The account's credit read (the ledger write is conditioned on it). */
  creditRead: number;
  currency: string;
  timeline: TimelineEntry;
}

export type ReversalWriteOutcome = 'reversed' | 'already-reversed' | 'lost-race';

export interface PaymentReversalStore {
  invoice(number: string): Promise<ReversalInvoiceRead | undefined>;
  /** The account's invoices its credit paid, newest first, read consistently. */
  paidByCredit(accountId: string): Promise<ReversalInvoiceRead[]>;
  write(write: ReversalWrite): Promise<ReversalWriteOutcome>;
  get(accountId: string, date: string, paymentId: string): Promise<PaymentReversal | undefined>;
}

export function paymentReversalStore(table: Table): PaymentReversalStore {
  const get = async (key: { pk: string; sk: string }) =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      )
    ).Item;

  const invoice = async (number: string) => {
    const item = await get({ pk: invoicePk(number), sk: invoiceSk });
    return item ? toRead(item) : undefined;
  };

  return {
    invoice,

    async paidByCredit(accountId) {
      const numbers = await accountInvoiceNumbers(
        table,
        accountId,
        'creditAppliedMinor',
        'newest-first',
      );
      const read: ReversalInvoiceRead[] = [];
      for (const number of numbers) {
        const found = await invoice(number);
        if (found && found.creditAppliedMinor > found.creditReversedMinor) read.push(found);
      }
      return read;
    },

    async write(w) {
      const { reversal } = w;
      const pk = accountRecordPk(reversal.accountId);
      const at = new Date(reversal.recordedAt);
      const items = [
        {
          Update: {
            TableName: table.name,
            Key: { pk, sk: paymentSk(reversal.paymentId) },
            UpdateExpression: 'SET reversal = :mark',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(reversal)',
            ExpressionAttributeValues: { ':mark': w.mark },
          },
        },
        {
          Put: {
            TableName: table.name,
            Item: { pk, sk: reversalSk(reversal), entity: 'payment-reversal', ...reversal },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...w.invoices.map((i) => reopenItem(table.name, i)),
        ledgerChangeItem(
          table.name,
          reversal.accountId,
          {
            currency: w.currency,
            balanceMinor: w.invoices.reduce(
              (sum, i) => sum + i.reopening.openAfter - i.reopening.openBefore,
              0,
            ),
            creditMinor: -reversal.creditTakenMinor,
          },
          at,
          w.creditRead,
        ),
        timelinePut(table.name, pk, `payment-reversed#${reversal.paymentId}`, w.timeline),
        // The statement run finds the account in the reversal's month (account-activity.ts).
        accountActivityPut(table.name, reversal.accountId, reversal.date),
      ];
      try {
        await table.client.send(new TransactWriteCommand({ TransactItems: items }));
        return 'reversed';
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') return 'already-reversed';
        if (
          codes?.every((c) => ['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(c))
        ) {
          return 'lost-race';
        }
        if (error instanceof Error && error.name === 'TransactionConflictException') {
          return 'lost-race';
        }
        throw error;
      }
    },

    async get(accountId, date, paymentId) {
      const item = await get({
        pk: accountRecordPk(accountId),
        sk: reversalSk({ date, paymentId }),
      });
      if (!item) return undefined;
      const { pk: _pk, sk: _sk, entity: _entity, ...reversal } = item;
      return reversal as PaymentReversal;
    },
  };
}

/**
 * Opens an invoice again, conditioned on its unpaid amount, ladder version and credit as read:
 * back on the open-by-due index, and on the ladder's list where its ladder says.
 */
function reopenItem(tableName: string, i: InvoiceReopening) {
  const { reopening: r, read } = i;
  const open = openInvoiceKeys(read);
  const dunning =
    typeof i.dunning === 'object'
      ? dunningKeys(i.dunning.list, read.number, i.dunning.date)
      : undefined;
  const set: Record<string, unknown> = {
    ':after': r.openAfter,
    ':openPk': open.openPk,
    ':openSk': open.openSk,
    ...(dunning ? { ':dunningPk': dunning.dunningPk, ':dunningSk': dunning.dunningSk } : {}),
    ...(r.creditReversedAfter !== undefined ? { ':reversedAfter': r.creditReversedAfter } : {}),
  };
  const conditions = [
    'openMinor = :before',
    read.ladderVersion === undefined
      ? 'attribute_not_exists(ladderVersion)'
      : 'ladderVersion = :ladderVersion',
    ...(r.creditReversedAfter === undefined
      ? []
      : [
          read.creditReversedMinor === 0
            ? 'attribute_not_exists(creditReversedMinor)'
            : 'creditReversedMinor = :reversedBefore',
        ]),
  ];
  return {
    Update: {
      TableName: tableName,
      Key: { pk: invoicePk(read.number), sk: invoiceSk },
      UpdateExpression:
        'SET openMinor = :after, openPk = :openPk, openSk = :openSk' +
        (dunning ? ', dunningPk = :dunningPk, dunningSk = :dunningSk' : '') +
        (r.creditReversedAfter !== undefined ? ', creditReversedMinor = :reversedAfter' : '') +
        ' REMOVE paidAt',
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeValues: {
        ...set,
        ':before': r.openBefore,
        ...(read.ladderVersion === undefined ? {} : { ':ladderVersion': read.ladderVersion }),
        ...(r.creditReversedAfter !== undefined && read.creditReversedMinor > 0
          ? { ':reversedBefore': read.creditReversedMinor }
          : {}),
      },
    },
  };
}

function toRead(item: Record<string, unknown>): ReversalInvoiceRead {
  const totals = item.totals as { total: { amountMinor: number } } | undefined;
  return {
    number: String(item.number),
    dueDate: String(item.dueDate),
    totalMinor: Number(totals?.total.amountMinor ?? 0),
    creditedMinor: Number(item.creditedMinor ?? 0),
    openMinor: Number(item.openMinor ?? 0),
    creditAppliedMinor: Number(item.creditAppliedMinor ?? 0),
    creditReversedMinor: Number(item.creditReversedMinor ?? 0),
    ladderStepsDone: Array.isArray(item.ladderStepsDone)
      ? item.ladderStepsDone.map((d) => Number(d))
      : [],
    listedForDunning: item.dunningPk !== undefined,
    ...(item.ladderVersion === undefined ? {} : { ladderVersion: Number(item.ladderVersion) }),
  };
}
