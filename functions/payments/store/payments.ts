import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { accountActivityPut } from '../../accounts/store/account-activity';
import { accountRecordPk } from '../../accounts/store/accounts';
import type { LedgerChange } from '../../invoicing/invoice-ledger';
import {
  invoicePk,
  invoiceSk,
  invoicesByAccountIndex,
  openInvoiceKeys,
  unpaidIndexAttributes,
} from '../../invoicing/store/invoice-keys';
import { type StoredInvoice, toInvoice } from '../../invoicing/store/invoice-numbers';
import { ledgerChangeItem } from '../../invoicing/store/ledger';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { type TimelineEntry, timelinePut } from '../../shared/store/timeline';
import type { Payment } from '../payment-model';

/**
 * Payments received from customers. A payment, what it pays of each invoice and the account's
 * ledger change in ONE transaction, so the balance is always the sum of the documents.
 *
 * | access pattern                          | keys                                                   |
 * |-----------------------------------------|--------------------------------------------------------|
 * | a payment of an account                 | pk = `ACCOUNT#<accountId>`, sk =                       |
 * |                                         |   `ACTIVITY#<date>#PAYMENT#<paymentId>`                |
 * | an account's activity by date           | `payments-write-offs.ts` (`accountActivity`)           |
 * | the payment one request recorded (a     | pk = `PAYMENT-REQUEST#<request key>`, sk = `REQUEST`   |
 * |   staff Idempotency-Key, a bank row)    |                                                        |
 * | an account's open invoices              | index `invoices-by-account` (invoice-keys.ts), only    |
 * |                                         |   those with `openMinor > 0`, then read consistently   |
 *
 * The payment id starts with the payment's date (`PAY-2026-03-15-<ulid>`), so its key can be
 * built from the id alone.
 */

export const paymentSk = (paymentId: string) =>
  `${activityPrefix}${paymentDateOf(paymentId)}#PAYMENT#${paymentId}`;
const activityPrefix = 'ACTIVITY#';
const requestKeyOf = (requestKey: string) => ({
  pk: `PAYMENT-REQUEST#${requestKey}`,
  sk: 'REQUEST',
});

/** `PAY-2026-03-15-01K…` → `2026-03-15`; undefined for anything that is not a payment id. */
export function paymentDateOf(paymentId: string): string | undefined {
  return /^PAY-(\d{4}-\d\d-\d\d)-[0-9A-HJKMNP-TV-Z]{26}$/.exec(paymentId)?.[1];
}

/** What a payment takes off one invoice: the invoice's unpaid amount read, and after it. */
export interface InvoicePaydown {
  invoice: Pick<StoredInvoice, 'number' | 'accountId' | 'issueDate' | 'dueDate'>;
  openBefore: number;
  openAfter: number;
}

export interface PaymentWrite {
  payment: Payment;
  requestKey: string;
  fingerprint: string;
  paydowns: readonly InvoicePaydown[];
  ledger: LedgerChange;
  timeline: TimelineEntry;
}

/** Why a payment's transaction did not go through. */
export type PaymentWriteOutcome =
  | { kind: 'recorded' }
  /** The request recorded a payment before (a retry, a double click, the same bank row). */
  | { kind: 'request-used' }
  /** An invoice was paid by someone else meanwhile, or a concurrent change won: read again. */
  | { kind: 'lost-race' }
  /** The account's ledger is kept in another currency. */
  | { kind: 'other-currency' };

export interface PaymentRequestRecord {
  paymentId: string;
  accountId: string;
  fingerprint: string;
}

export interface PaymentStore {
  /** The account's invoices with something unpaid, read consistently. */
  openInvoices(accountId: string): Promise<StoredInvoice[]>;
  write(write: PaymentWrite): Promise<PaymentWriteOutcome>;
  request(requestKey: string): Promise<PaymentRequestRecord | undefined>;
  get(accountId: string, paymentId: string): Promise<Payment | undefined>;
}

export function paymentStore(table: Table): PaymentStore {
  const get = async (key: { pk: string; sk: string }) =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      )
    ).Item;

  return {
    async openInvoices(accountId) {
      // The index may lag a moment behind: it only says which invoices to read; the amounts
      // come from consistent reads, and the write is conditioned on them anyway.
      const numbers = await accountInvoiceNumbers(table, accountId, 'openMinor');
      const invoices: StoredInvoice[] = [];
      for (let i = 0; i < numbers.length; i += 100) {
        let keys: Record<string, unknown>[] = numbers
          .slice(i, i + 100)
          .map((n) => ({ pk: invoicePk(n), sk: invoiceSk }));
        while (keys.length > 0) {
          const answer = await table.client.send(
            new BatchGetCommand({
              RequestItems: { [table.name]: { Keys: keys, ConsistentRead: true } },
            }),
          );
          for (const item of answer.Responses?.[table.name] ?? []) invoices.push(toInvoice(item));
          keys = (answer.UnprocessedKeys?.[table.name]?.Keys ?? []) as Record<string, unknown>[];
        }
      }
      return invoices.filter((i) => i.openMinor > 0 && i.accountId === accountId);
    },

    async write(w) {
      const { payment } = w;
      const at = new Date(payment.recordedAt);
      const items = [
        {
          Put: {
            TableName: table.name,
            Item: {
              ...requestKeyOf(w.requestKey),
              entity: 'payment-request',
              paymentId: payment.paymentId,
              accountId: payment.accountId,
              fingerprint: w.fingerprint,
              at: payment.recordedAt,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: table.name,
            Item: {
              pk: accountRecordPk(payment.accountId),
              sk: paymentSk(payment.paymentId),
              entity: 'payment',
              ...payment,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...w.paydowns.map((p) => paydownItem(table.name, p, payment.recordedAt)),
        ledgerChangeItem(table.name, payment.accountId, w.ledger, at),
        timelinePut(
          table.name,
          accountRecordPk(payment.accountId),
          `payment#${payment.paymentId}`,
          w.timeline,
        ),
        // The statement run finds the account in the payment's month (account-activity.ts).
        accountActivityPut(table.name, payment.accountId, payment.date),
      ];
      try {
        await table.client.send(new TransactWriteCommand({ TransactItems: items }));
        return { kind: 'recorded' };
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes?.[0] === 'ConditionalCheckFailed') return { kind: 'request-used' };
        const ledgerAt = 2 + w.paydowns.length;
        if (codes?.[ledgerAt] === 'ConditionalCheckFailed') return { kind: 'other-currency' };
        if (
          codes?.every((c) => ['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(c))
        )
          return { kind: 'lost-race' };
        if (error instanceof Error && error.name === 'TransactionConflictException') {
          return { kind: 'lost-race' };
        }
        throw error;
      }
    },

    async request(requestKey) {
      const item = await get(requestKeyOf(requestKey));
      if (!item) return undefined;
      return {
        paymentId: String(item.paymentId),
        accountId: String(item.accountId),
        fingerprint: String(item.fingerprint),
      };
    },

    async get(accountId, paymentId) {
      if (!paymentDateOf(paymentId)) return undefined;
      const item = await get({ pk: accountRecordPk(accountId), sk: paymentSk(paymentId) });
      return item ? toPayment(item) : undefined;
    },
  };
}

/**
 * The numbers of an account's invoices whose `amount` (unpaid, or paid by credit) is above zero,
 * oldest or newest first, from the `invoices-by-account` index: which invoices to read, not what
 * they hold (the index may lag a moment behind; read them consistently).
 */
export async function accountInvoiceNumbers(
  table: Table,
  accountId: string,
  amount: 'openMinor' | 'creditAppliedMinor',
  order: 'oldest-first' | 'newest-first' = 'oldest-first',
): Promise<string[]> {
  const numbers: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: invoicesByAccountIndex,
        KeyConditionExpression: 'invoiceAccountPk = :pk',
        FilterExpression: '#amount > :zero',
        ExpressionAttributeValues: { ':pk': accountRecordPk(accountId), ':zero': 0 },
        ProjectionExpression: '#number',
        ExpressionAttributeNames: { '#number': 'number', '#amount': amount },
        ScanIndexForward: order === 'oldest-first',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) numbers.push(String(item.number));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return numbers;
}

/**
 * Takes a payment's share off an invoice, conditioned on the unpaid amount read: a concurrent
 * payment that got there first makes the whole transaction fail, to be read again and retried.
 * A paid invoice leaves the open-invoices index and the ladder's list.
 */
export function paydownItem(tableName: string, p: InvoicePaydown, at: string) {
  const paid = p.openAfter === 0;
  const openKeys = openInvoiceKeys(p.invoice);
  return {
    Update: {
      TableName: tableName,
      Key: { pk: invoicePk(p.invoice.number), sk: invoiceSk },
      // Part paid, it stays on the ladder's list as it is: the next step's day is the ladder's.
      UpdateExpression: paid
        ? `SET openMinor = :after, paidAt = :at REMOVE ${unpaidIndexAttributes}`
        : 'SET openMinor = :after, openPk = :openPk, openSk = :openSk',
      ConditionExpression: 'openMinor = :before',
      ExpressionAttributeValues: {
        ':after': p.openAfter,
        ':before': p.openBefore,
        ...(paid ? { ':at': at } : { ':openPk': openKeys.openPk, ':openSk': openKeys.openSk }),
      },
    },
  };
}

function toPayment(item: Record<string, unknown>): Payment {
  const { pk: _pk, sk: _sk, entity: _entity, ...payment } = item;
  return payment as unknown as Payment;
}
