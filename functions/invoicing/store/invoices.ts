import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../shared/store/table';
import {
  accountInvoicesPk,
  invoicePk,
  invoiceSk,
  invoicesByAccountIndex,
  invoicesOpenByDueIndex,
  openInvoicesPk,
} from './invoice-keys';
import { type StoredInvoice, toInvoice } from './invoice-numbers';

/**
 * Reading issued invoices: one by number, an account's (newest first), the open ones by due
 * month. Issuing is `invoice-numbers.ts`; the keys are in `invoice-keys.ts`.
 */

export interface InvoicePage {
  invoices: StoredInvoice[];
  /** Pass back as `after` for the next page; absent on the last one. */
  next?: string;
}

export interface InvoiceStore {
  get(number: string): Promise<StoredInvoice | undefined>;
  /** An account's invoices and credit notes, newest first. */
  listAccountInvoices(
    accountId: string,
    options?: { limit?: number; after?: string },
  ): Promise<InvoicePage>;
  /** Open invoices due in a month (`yyyy-mm`) up to `dueBy` (inclusive), oldest due first. */
  openInvoicesDueIn(
    month: string,
    dueBy: string,
    options?: { limit?: number; after?: string },
  ): Promise<InvoicePage>;
}

const encode = (key: Record<string, unknown> | undefined) =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

function decode(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (key && typeof key === 'object' && !Array.isArray(key)) return key;
  } catch {
    // A cursor we did not make: fall through to the clear error below.
  }
  throw new RangeError('after: not a page cursor this list gave');
}

export function invoiceStore(table: Table): InvoiceStore {
  return {
    async get(number) {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: { pk: invoicePk(number), sk: invoiceSk },
          ConsistentRead: true,
        }),
      );
      return Item ? toInvoice(Item) : undefined;
    },

    async listAccountInvoices(accountId, options = {}) {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: invoicesByAccountIndex,
          KeyConditionExpression: 'invoiceAccountPk = :pk',
          ExpressionAttributeValues: { ':pk': accountInvoicesPk(accountId) },
          ScanIndexForward: false,
          Limit: options.limit ?? 50,
          ExclusiveStartKey: decode(options.after),
        }),
      );
      const next = encode(page.LastEvaluatedKey);
      return { invoices: (page.Items ?? []).map(toInvoice), ...(next ? { next } : {}) };
    },

    async openInvoicesDueIn(month, dueBy, options = {}) {
      if (!/^\d{4}-\d\d$/.test(month)) throw new RangeError(`${month} is not a month (yyyy-mm)`);
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: invoicesOpenByDueIndex,
          // `~` sorts after `#` and digits: every number of the last day is included.
          KeyConditionExpression: 'openPk = :pk AND openSk <= :upTo',
          ExpressionAttributeValues: { ':pk': openInvoicesPk(month), ':upTo': `${dueBy}#~` },
          Limit: options.limit ?? 100,
          ExclusiveStartKey: decode(options.after),
        }),
      );
      const next = encode(page.LastEvaluatedKey);
      return { invoices: (page.Items ?? []).map(toInvoice), ...(next ? { next } : {}) };
    },
  };
}
