import { createHash } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { accountActivityPut } from '../../accounts/store/account-activity';
import { accountRecordPk } from '../../accounts/store/accounts';
import { Conflict } from '../../shared/errors';
import { formatMoney } from '../../shared/rules/money';
import { cancellationCodes, type Table } from '../../shared/store/table';
import { timelinePut } from '../../shared/store/timeline';
import { CurrencyMismatch, issueWithCredit, type LedgerChange } from '../invoice-ledger';
import {
  businessDate,
  dueDate,
  formatInvoiceNumber,
  type Invoice,
  type InvoiceDraft,
  type InvoiceSeries,
} from '../rules/invoice';
import { invoiceIndexKeys, invoiceKeyAttributes, invoicePk, invoiceSk } from './invoice-keys';
import { ledgerChangeItem, ledgerStore } from './ledger';

/**
 * Issuing invoices (and credit notes) with numbers a tax office accepts: sequential per series and
 * year, no gap, no duplicate. The year is the issue date's year in the company's time zone.
 *
 * | access pattern                          | keys                                                |
 * |-----------------------------------------|-----------------------------------------------------|
 * | the last number of a series in a year   | pk = `INVOICE-SERIES#<series>#<year>`, sk = `COUNTER` (attribute `last`) |
 * | an issued invoice by its number         | pk = `INVOICE#<number>`, sk = `INVOICE` (and its index keys: `invoice-keys.ts`) |
 * | the invoice one request issued          | pk = `INVOICE-REQUEST#<series>#<request key>`, sk = `REQUEST` |
 *
 * One TransactWriteItems moves the counter from the value read to the next, puts the invoice
 * under its new number (unpaid: `openMinor` = its total, less the account's credit it spends,
 * `issueWithCredit`), records the request and moves the account's ledger (`ledger.ts`,
 * conditioned on the credit read when it spends some): all four or none, so a number is never taken without its
 * invoice (no gap) nor given twice (no duplicate), the balance is always the sum of the invoices,
 * and a request sent twice gets the invoice of its first success. A lost race re-reads and tries
 * again.
 *
 * Within one process (a Lambda environment, the local cloud) issuers of the same series and year
 * take turns: racing there would only burn reads on lost transactions. Between processes the
 * conditional transaction alone keeps the numbers right.
 */

/** An invoice as stored: with what is still unpaid of it. */
export interface StoredInvoice extends Invoice {
  /** Unpaid amount in minor units: the total at issue, 0 once paid (0 for a credit note). */
  openMinor: number;
  /** The account's credit that paid it when it was issued (absent: none). Never changed. */
  creditAppliedMinor?: number;
  /** Of that credit, what payment reversals took back since (the invoice opened again by it). */
  creditReversedMinor?: number;
}

export interface IssueResult {
  invoice: StoredInvoice;
  /** False when the request had issued this invoice before (a retry or a double click). */
  created: boolean;
}

export interface InvoiceNumberStore {
  /**
   * Numbers and stores `draft`, issued at `issuedAt` (its business date in `zone` is the issue
   * date and picks the year). The same `requestKey` again returns the same invoice; with a
   * different draft it throws Conflict.
   */
  issueInvoice(
    draft: InvoiceDraft,
    requestKey: string,
    issuedAt: Date,
    zone: string,
    options?: IssueOptions,
  ): Promise<IssueResult>;
  getInvoice(number: string): Promise<StoredInvoice | undefined>;
}

/**
 * Writes that belong with the document, read afresh for each attempt: a credit note takes what it
 * credits off the invoice (conditioned on the value read) and may move the ledger otherwise than
 * by its total (what exceeds the invoice's unpaid amount becomes credit).
 */
export interface IssueOptions {
  companions?: () => Promise<{ items: Record<string, unknown>[]; ledger?: LedgerChange }>;
}

/** Gave up after this many lost races: far beyond what a desk's load ever makes. */
export class NumberingContention extends Error {
  override name = 'NumberingContention';
}

export { invoicePk };

const counterKey = (series: InvoiceSeries, year: number) => ({
  pk: `INVOICE-SERIES#${series}#${year}`,
  sk: 'COUNTER',
});
const requestKeyOf = (series: InvoiceSeries, requestKey: string) => ({
  pk: `INVOICE-REQUEST#${series}#${requestKey}`,
  sk: 'REQUEST',
});

/** The number a request issued, if it issued one (read before the drafts of a retry are built). */
export async function numberIssuedFor(
  table: Table,
  series: InvoiceSeries,
  requestKey: string,
): Promise<string | undefined> {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.name,
      Key: requestKeyOf(series, requestKey),
      ConsistentRead: true,
    }),
  );
  return Item ? String(Item.number) : undefined;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

const defaultRetry: RetryPolicy = { maxAttempts: 100, baseDelayMs: 3, maxDelayMs: 100 };

export function invoiceNumberStore(
  table: Table,
  retry: RetryPolicy = defaultRetry,
): InvoiceNumberStore {
  const turns = new Map<string, Promise<unknown>>();
  const ledger = ledgerStore(table);
  /** Runs `work` after the earlier work queued under `key` in this process has finished. */
  function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = turns.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    turns.set(key, settled);
    void settled.then(() => {
      if (turns.get(key) === settled) turns.delete(key);
    });
    return next;
  }

  const get = async (key: { pk: string; sk: string }) =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      )
    ).Item;

  async function getInvoice(number: string): Promise<StoredInvoice | undefined> {
    const item = await get({ pk: invoicePk(number), sk: invoiceSk });
    return item ? toInvoice(item) : undefined;
  }

  /** The invoice a request issued before, if any; Conflict if that request was another draft. */
  async function earlier(
    series: InvoiceSeries,
    requestKey: string,
    fingerprint: string,
  ): Promise<StoredInvoice | undefined> {
    const request = await get(requestKeyOf(series, requestKey));
    if (!request) return undefined;
    if (request.fingerprint !== fingerprint) {
      throw new Conflict(`Request ${requestKey} issued a different invoice before`);
    }
    const invoice = await getInvoice(String(request.number));
    if (!invoice) throw new Error(`Invoice ${request.number} of request ${requestKey} is missing`);
    return invoice;
  }

  return {
    getInvoice,

    async issueInvoice(draft, requestKey, issuedAt, zone, options = {}) {
      if (!requestKey) throw new RangeError('An invoice needs a request key');
      const fingerprint = fingerprintOf(draft);
      const issueDate = businessDate(issuedAt, zone);
      const year = Number(issueDate.slice(0, 4));
      const counter = counterKey(draft.series, year);
      return inTurn(counter.pk, () =>
        issue(draft, requestKey, issuedAt, { fingerprint, issueDate, year, counter }, options),
      );
    },
  };

  async function issue(
    draft: InvoiceDraft,
    requestKey: string,
    issuedAt: Date,
    at: {
      fingerprint: string;
      issueDate: string;
      year: number;
      counter: { pk: string; sk: string };
    },
    options: IssueOptions,
  ): Promise<IssueResult> {
    const { fingerprint, issueDate, year, counter } = at;
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
      // A first attempt skips this read: if the request was issued before, the transaction's
      // condition on the request item fails and the next attempt finds it here.
      if (attempt > 1) {
        const before = await earlier(draft.series, requestKey, fingerprint);
        if (before) return { invoice: before, created: false };
      }

      const last = Number((await get(counter))?.last ?? 0);
      const sequence = last + 1;
      const number = formatInvoiceNumber(draft.series, year, sequence);
      const issued: Invoice = {
        ...draft,
        number,
        year,
        sequence,
        issuedAt: issuedAt.toISOString(),
        issueDate,
        dueDate: dueDate(issueDate, draft.paymentTerms, draft.period),
      };
      const companions = options.companions ? await options.companions() : { items: [] };
      // The account's credit pays the invoice first (a credit note's companions move the
      // ledger their own way and spend none); the change is conditioned on the credit read.
      const balance = companions.ledger ? undefined : await ledger.getBalance(draft.accountId);
      const withCredit = issueWithCredit(issued, balance);
      const spent = withCredit.creditAppliedMinor;
      const invoice: StoredInvoice = {
        ...issued,
        openMinor: withCredit.openMinor,
        ...(spent > 0 ? { creditAppliedMinor: spent } : {}),
      };
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: table.name,
                  Key: counter,
                  UpdateExpression: 'SET #last = :next',
                  // The value read, or no counter yet for the first number of the year.
                  ConditionExpression: last === 0 ? 'attribute_not_exists(pk)' : '#last = :last',
                  ExpressionAttributeNames: { '#last': 'last' },
                  ExpressionAttributeValues:
                    last === 0 ? { ':next': sequence } : { ':next': sequence, ':last': last },
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    pk: invoicePk(number),
                    sk: invoiceSk,
                    entity: 'invoice',
                    ...invoice,
                    ...invoiceIndexKeys(invoice, invoice.openMinor),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...requestKeyOf(draft.series, requestKey),
                    entity: 'invoice-request',
                    number,
                    fingerprint,
                    at: issuedAt.toISOString(),
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              ledgerChangeItem(
                table.name,
                draft.accountId,
                companions.ledger ?? withCredit.change,
                issuedAt,
                spent > 0 ? balance?.creditMinor : undefined,
              ),
              ...companions.items,
              ...(spent > 0 ? [creditAppliedEntry(table.name, invoice, spent, issuedAt)] : []),
              // The statement run finds the account in the issue month (account-activity.ts).
              accountActivityPut(table.name, draft.accountId, issueDate),
            ],
          }),
        );
        return { invoice, created: true };
      } catch (error) {
        if (cancellationCodes(error)?.[ledgerItem] === 'ConditionalCheckFailed') {
          const kept = (await ledger.getBalance(draft.accountId))?.currency;
          if (kept !== undefined && kept !== draft.currency) {
            throw new CurrencyMismatch(
              `Account ${draft.accountId} is kept in ${kept}, not ${draft.currency}`,
            );
          }
          // The credit moved since it was read (a payment, another invoice): read again.
        }
        if (!isLostRace(error)) throw error;
        await pause(backoff(attempt, retry));
      }
    }
    throw new NumberingContention(
      `No ${draft.series} number could be taken for ${year} after ${retry.maxAttempts} attempts`,
    );
  }
}

/** The ledger's place in the transaction: its condition fails on another currency or moved credit. */
const ledgerItem = 3;

/** The account's timeline says which invoice its credit paid. */
function creditAppliedEntry(tableName: string, invoice: Invoice, spent: number, at: Date) {
  const amount = formatMoney({ amountMinor: spent, currency: invoice.currency }, 'en');
  return timelinePut(tableName, accountRecordPk(invoice.accountId), `credit#${invoice.number}`, {
    at: at.toISOString(),
    step: 'credit-applied',
    summary: `${amount} of the account's credit paid invoice ${invoice.number}`,
    by: { kind: 'system' },
    via: 'invoice issued',
  });
}

/** Another writer moved the counter or recorded the request first: read again and retry. */
function isLostRace(error: unknown): boolean {
  const codes = cancellationCodes(error);
  if (codes)
    return codes.every((c) =>
      ['None', 'ConditionalCheckFailed', 'TransactionConflict'].includes(c),
    );
  return error instanceof Error && error.name === 'TransactionConflictException';
}

/** Exponential back-off with full jitter, so racing writers spread out instead of colliding. */
function backoff(attempt: number, retry: RetryPolicy): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.min(attempt, 16));
  return Math.random() * ceiling;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The same draft always gives the same fingerprint, whatever the order of its keys. */
function fingerprintOf(draft: InvoiceDraft): string {
  return createHash('sha256').update(stableJson(draft)).digest('base64url');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function toInvoice(item: Record<string, unknown>): StoredInvoice {
  const invoice: Record<string, unknown> = { ...item };
  for (const key of invoiceKeyAttributes) delete invoice[key];
  return { ...(invoice as unknown as Invoice), openMinor: Number(item.openMinor ?? 0) };
}
