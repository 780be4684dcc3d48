import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emailsTo } from '../support/local-cloud-clients';
import { csrfOf, seeded, staffIdOf } from '../support/office';
import { accountWithInvoices, localTable, moneyOf } from '../support/payment-fixtures';
import { type StaffSession, signInAs } from '../support/staff-session';

/**
 * Importing a CSV bank statement in the back office against the local cloud: rows matched to
 * accounts by invoice or reference, recorded once however often the file is imported, a file
 * with a bad row refused whole. Invoices are 124.00 EUR each.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
let finance: StaffSession;
let csrf: string;
let owner: { staffId: string; team: string };
/** Yesterday in UTC: never ahead of the business date, whatever the company's zone. */
const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  finance = await signInAs(cloud, seeded.finance);
  csrf = await csrfOf(finance);
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => table.client.destroy());

function upload(csv: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set('csrf', csrf);
  form.set('currency', 'EUR');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'statement.csv');
  return finance.fetch('/office/payments/import', {
    method: 'POST',
    headers: { accept: 'text/html' },
    body: form,
  });
}

const counts = (page: string) => ({
  recorded: Number(/Recorded: <strong>(\d+)/.exec(page)?.[1]),
  already: Number(/Already recorded: <strong>(\d+)/.exec(page)?.[1]),
  unmatched: Number(/Unmatched: <strong>(\d+)/.exec(page)?.[1]),
});

describe('importing a bank statement', () => {
  it('records each matched row once, however often the file is imported', async () => {
    const a = await accountWithInvoices(table, { owner, count: 2, unitPriceMinor: 10_000 });
    const b = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const [a1, a2] = a.invoices;
    const [b1] = b.invoices;
    const csv = [
      'Date,Amount,Method,Reference,Invoice',
      `${day},124.00,bank-transfer,Thank you,${a2?.number}`,
      `${day},50.00,bank-transfer,Part of ${b1?.number},`,
      `${day},10.00,card,Customer ${a.accountId},`,
      `${day},10.00,card,Customer ${a.accountId},`,
      `${day},7.00,cash,Nobody we know,`,
    ].join('\n');

    const form = await finance.fetch('/office/payments/import', {
      headers: { accept: 'text/html' },
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('enctype="multipart/form-data"');

    const first = await upload(csv);
    const page = await first.text();
    expect(first.status, page).toBe(200);
    expect(counts(page)).toEqual({ recorded: 4, already: 0, unmatched: 1 });
    expect(page).toContain('Nobody we know');

    // a: 248.00 owed; a2 named and paid, then two identical rows of 10.00 pay a1 (oldest).
    const moneyA = await moneyOf(table, a);
    expect(moneyA.balance).toMatchObject({ balanceMinor: 24_800 - 14_400, creditMinor: 0 });
    expect(moneyA.invoices).toEqual([
      { number: a1?.number, openMinor: 10_400, onOpenIndex: true },
      { number: a2?.number, openMinor: 0, onOpenIndex: false },
    ]);
    expect((await moneyOf(table, b)).balance).toMatchObject({ balanceMinor: 7_400 });
    expect(await emailsTo(cloud, a.email)).toHaveLength(3);
    expect(await emailsTo(cloud, b.email)).toHaveLength(1);

    const again = await upload(csv);
    const againPage = await again.text();
    expect(again.status).toBe(200);
    expect(counts(againPage)).toEqual({ recorded: 0, already: 4, unmatched: 1 });
    expect((await moneyOf(table, a)).balance?.balanceMinor).toBe(10_400);
    expect((await moneyOf(table, b)).balance?.balanceMinor).toBe(7_400);
    expect(await emailsTo(cloud, a.email)).toHaveLength(3);
    expect(await emailsTo(cloud, b.email)).toHaveLength(1);
  });

  it('reads a file with decimal commas and semicolons', async () => {
    const c = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const csv = `amount;date;method;reference;invoice\n"24,00";${day};cheque;Scheck 17;${c.invoices[0]?.number}\n`;
    const response = await upload(csv, { decimalSeparator: ',', delimiter: ';' });
    expect(counts(await response.text())).toEqual({ recorded: 1, already: 0, unmatched: 0 });
    expect((await moneyOf(table, c)).balance?.balanceMinor).toBe(10_000);
  });

  it('refuses a file with a bad row whole, naming the row and field, and records nothing', async () => {
    const d = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const csv = [
      'amount,date,method,reference,invoice',
      `24.00,${day},bank-transfer,Fine row,${d.invoices[0]?.number}`,
      `1,234.00,${day},bank-transfer,Bad row,`,
    ].join('\n');
    const response = await upload(csv);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('nothing was recorded');
    expect(page).toContain('Row 3');
    expect((await moneyOf(table, d)).balance?.balanceMinor).toBe(12_400);
    expect(await emailsTo(cloud, d.email)).toHaveLength(0);
  });

  it('is refused without the form’s CSRF token, and to agents', async () => {
    const form = new FormData();
    form.set('file', new Blob(['amount,date,method,reference\n'], { type: 'text/csv' }), 's.csv');
    const forged = await finance.fetch('/office/payments/import', { method: 'POST', body: form });
    expect(forged.status).toBe(403);
    const agent = await signInAs(cloud, seeded.agentNorth);
    const page = await agent.fetch('/office/payments/import', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(403);
  });
});
