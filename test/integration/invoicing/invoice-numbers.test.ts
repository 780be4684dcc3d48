import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CurrencyMismatch } from '../../../functions/invoicing/invoice-ledger';
import type { InvoiceDraft } from '../../../functions/invoicing/rules/invoice';
import { invoiceNumberStore } from '../../../functions/invoicing/store/invoice-numbers';
import { invoiceStore } from '../../../functions/invoicing/store/invoices';
import { ledgerStore } from '../../../functions/invoicing/store/ledger';
import { priceLine, taxByRate, totalsOf } from '../../../functions/quotes/rules/quote';
import { Conflict } from '../../../functions/shared/errors';
import type { Table } from '../../../functions/shared/store/table';

/**
 * Invoice numbering against DynamoDB Local: concurrent issuing without gaps or duplicates, retries
 * that return the first invoice, and the year taken in the company's zone. Each test uses a year
 * far from today's, so no other test's invoices share its series.
 */

const cloud = inject('localCloud');
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: cloud.dynamodbEndpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // 400 requests at once: more sockets than the SDK's default 50.
    requestHandler: { httpAgent: { maxSockets: 400 }, requestTimeout: 30_000 },
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const table: Table = { client, name: cloud.tableName };
const invoices = invoiceNumberStore(table);
/** Ten stores, as ten Lambda environments issuing at once would each have their own. */
const environments = Array.from({ length: 10 }, () => invoiceNumberStore(table));
afterAll(() => client.destroy());

function draft(customer: string, series: InvoiceDraft['series'] = 'INV'): InvoiceDraft {
  const lines = [
    priceLine(
      {
        service: 'Membership',
        quantity: 1,
        unitPriceMinor: 12_000,
        discountPercent: 0,
        taxRatePercent: 24,
      },
      'EUR',
    ),
  ];
  return {
    series,
    accountId: `ACC-${customer}`,
    contractId: `CON-${customer}`,
    customer: { name: customer, addressLines: ['Odos 1', 'Athens'] },
    language: 'el',
    currency: 'EUR',
    lines,
    totals: totalsOf(lines, 'EUR'),
    taxByRate: taxByRate(lines, 'EUR'),
    paymentTerms: { kind: 'net', days: 30 },
  };
}

describe('invoice numbers', () => {
  it('gives 200 concurrent invoices, each requested twice, the numbers 1 to 200 exactly', async () => {
    const issuedAt = new Date('2091-06-15T09:00:00Z');
    const requests = Array.from({ length: 200 }, (_, i) => ({
      key: `load-${i}`,
      customer: `C${i}`,
    }));
    // Every request is sent twice at the same moment, as a double click or a retry would, and
    // the two land in different environments.
    const results = await Promise.all(
      requests.flatMap((r, i) =>
        [i % 10, (i + 5) % 10].map((e) =>
          environments[e]?.issueInvoice(draft(r.customer), r.key, issuedAt, 'Europe/Athens'),
        ),
      ),
    );
    const byRequest = new Map<string, string[]>();
    results.forEach((result, i) => {
      if (!result) throw new Error('no result');
      const key = requests[Math.floor(i / 2)]?.key ?? '';
      byRequest.set(key, [...(byRequest.get(key) ?? []), result.invoice.number]);
    });
    // Both sends of one request got the same invoice, and only one of them created it.
    for (const numbers of byRequest.values()) expect(numbers[0]).toBe(numbers[1]);
    expect(results.filter((r) => r?.created)).toHaveLength(200);

    const sequences = [...byRequest.values()]
      .map((n) => Number(n[0]?.slice(-6)))
      .sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(results.every((r) => /^INV-2091-\d{6}$/.test(r?.invoice.number ?? ''))).toBe(true);

    // What was stored is what was answered: customer and number belong together.
    const sample = results[123]?.invoice;
    const stored = await invoices.getInvoice(sample?.number ?? '');
    expect(stored?.customer.name).toBe(sample?.customer.name);
    expect(stored?.dueDate).toBe('2091-07-15');
  });

  it('numbers an invoice created at 23:30 UTC on 31 December in the new year of a Seoul desk', async () => {
    // 23:30 UTC on 31 December is 08:30 on 1 January in Seoul: the company's new year.
    const created = new Date('2092-12-31T23:30:00Z');
    const seoul = await invoices.issueInvoice(draft('Seoul'), 'seoul-nye', created, 'Asia/Seoul');
    expect(seoul.invoice.number).toBe('INV-2093-000001');
    expect(seoul.invoice.issueDate).toBe('2093-01-01');

    // The same instant is 18:30 on 31 December for a desk in New York: the old year there.
    const newYork = await invoices.issueInvoice(draft('NY'), 'ny-nye', created, 'America/New_York');
    expect(newYork.invoice.number).toBe('INV-2092-000001');

    // And 23:30 on 31 December on the Seoul clock (14:30 UTC) is still the old year there.
    const evening = new Date('2093-12-31T14:30:00Z');
    const late = await invoices.issueInvoice(draft('Late'), 'seoul-evening', evening, 'Asia/Seoul');
    expect(late.invoice.number).toBe('INV-2093-000002');
    expect(late.invoice.issueDate).toBe('2093-12-31');
  });

  it('keeps credit notes in their own series', async () => {
    const at = new Date('2094-03-01T10:00:00Z');
    const invoice = await invoices.issueInvoice(draft('Series'), 'series-inv', at, 'UTC');
    const credit = await invoices.issueInvoice(draft('Series', 'CN'), 'series-cn', at, 'UTC');
    const second = await invoices.issueInvoice(draft('Series 2', 'CN'), 'series-cn-2', at, 'UTC');
    expect([invoice.invoice.number, credit.invoice.number, second.invoice.number]).toEqual([
      'INV-2094-000001',
      'CN-2094-000001',
      'CN-2094-000002',
    ]);
  });

  it('refuses a request key reused for a different invoice, and takes no number for it', async () => {
    const at = new Date('2095-05-05T10:00:00Z');
    await invoices.issueInvoice(draft('First'), 'reused-key', at, 'UTC');
    await expect(invoices.issueInvoice(draft('Other'), 'reused-key', at, 'UTC')).rejects.toThrow(
      Conflict,
    );
    const next = await invoices.issueInvoice(draft('Next'), 'next-key', at, 'UTC');
    expect(next.invoice.number).toBe('INV-2095-000002');
  });

  it('moves the account ledger with each invoice, in the same transaction', async () => {
    const at = new Date('2096-02-10T10:00:00Z');
    const account = `Ledger-${Date.now()}`;
    const total = draft(account).totals.total.amountMinor;
    // Three at once for one account: they contend for its ledger and all get through.
    const issued = await Promise.all(
      ['a', 'b', 'c'].map((k) => invoices.issueInvoice(draft(account), `ledger-${k}`, at, 'UTC')),
    );
    // A retry moves nothing.
    await invoices.issueInvoice(draft(account), 'ledger-a', at, 'UTC');
    const credit = await invoices.issueInvoice(draft(account, 'CN'), 'ledger-cn', at, 'UTC');

    const balance = await ledgerStore(table).getBalance(`ACC-${account}`);
    expect(balance).toMatchObject({
      balanceMinor: 3 * total - total,
      creditMinor: 0,
      currency: 'EUR',
      version: 4,
    });
    const store = invoiceStore(table);
    const stored = await store.get(issued[0]?.invoice.number ?? '');
    expect(stored?.openMinor).toBe(total);
    expect((await store.get(credit.invoice.number))?.openMinor).toBe(0);

    const listed = await store.listAccountInvoices(`ACC-${account}`);
    expect(listed.invoices.map((i) => i.number).sort()).toEqual(
      [...issued.map((i) => i.invoice.number), credit.invoice.number].sort(),
    );
    // Net 30 from 10 February: all three fall due on 11 March; the credit note is not open.
    const open = await store.openInvoicesDueIn('2096-03', '2096-03-11');
    const mine = open.invoices.filter((i) => i.accountId === `ACC-${account}`);
    expect(mine.map((i) => i.number).sort()).toEqual(issued.map((i) => i.invoice.number).sort());
    const notYet = await store.openInvoicesDueIn('2096-03', '2096-03-10');
    expect(notYet.invoices.filter((i) => i.accountId === `ACC-${account}`)).toEqual([]);
  });

  it('refuses an invoice in another currency than the account’s, taking no number', async () => {
    const at = new Date('2097-04-01T10:00:00Z');
    const first = await invoices.issueInvoice(draft('Currency'), 'currency-eur', at, 'UTC');
    const dollars = { ...draft('Currency'), currency: 'USD' };
    await expect(invoices.issueInvoice(dollars, 'currency-usd', at, 'UTC')).rejects.toThrow(
      CurrencyMismatch,
    );
    const next = await invoices.issueInvoice(draft('Other currency'), 'currency-next', at, 'UTC');
    expect([first.invoice.number, next.invoice.number]).toEqual([
      'INV-2097-000001',
      'INV-2097-000002',
    ]);
    const balance = await ledgerStore(table).getBalance('ACC-Currency');
    expect(balance?.balanceMinor).toBe(first.invoice.totals.total.amountMinor);
  });
});
