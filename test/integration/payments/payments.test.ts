import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emailsTo } from '../../support/local-cloud-clients';
import { csrfOf, fieldValue, postForm, seeded, staffIdOf } from '../../support/office';
import {
  type AccountWithInvoices,
  accountWithInvoices,
  localTable,
  moneyOf,
} from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Recording payments against the local cloud: through `POST /payments` (JSON, Idempotency-Key)
 * and the back-office form, with the ledger, each invoice's unpaid amount and the receipts read
 * back. Invoices here are 100.00 + 24 % tax = 124.00 EUR each.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
let finance: StaffSession;
let agent: StaffSession;
let owner: { staffId: string; team: string };
/** The payments' date. */
let today: string;

beforeAll(async () => {
  finance = await signInAs(cloud, seeded.finance);
  agent = await signInAs(cloud, seeded.agentNorth);
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
  // Yesterday in UTC: never ahead of the business date, whatever the company's zone.
  today = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
});

afterAll(() => table.client.destroy());

function pay(session: StaffSession, key: string, body: Record<string, unknown>) {
  return session.fetch('/payments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
}

const payment = (account: AccountWithInvoices, extra: Record<string, unknown> = {}) => ({
  accountId: account.accountId,
  amount: '150.00',
  currency: 'EUR',
  date: today,
  method: 'bank-transfer',
  reference: 'Transfer 4711',
  ...extra,
});

interface PaymentAnswer {
  paymentId: string;
  allocations: { invoiceNumber: string; amountMinor: number; openAfterMinor: number }[];
  creditMinor: number;
  receipt: string;
}

describe('POST /payments', () => {
  it('pays the oldest invoices first, keeps the ledger exact and emails one receipt in the customer’s language', async () => {
    const account = await accountWithInvoices(table, {
      owner,
      count: 2,
      unitPriceMinor: 10_000,
      language: 'de',
    });
    const [first, second] = account.invoices;
    const response = await pay(finance, `first-${account.accountId}`, payment(account));
    expect(response.status, await response.clone().text()).toBe(201);
    const body = (await response.json()) as PaymentAnswer;
    expect(body.paymentId).toMatch(new RegExp(`^PAY-${today}-`));
    expect(body.allocations).toEqual([
      { invoiceNumber: first?.number, amountMinor: 12_400, openAfterMinor: 0 },
      { invoiceNumber: second?.number, amountMinor: 2_600, openAfterMinor: 9_800 },
    ]);
    expect(body.creditMinor).toBe(0);
    expect(body.receipt).toBe('sent');

    const money = await moneyOf(table, account);
    expect(money.balance).toMatchObject({ balanceMinor: 24_800 - 15_000, creditMinor: 0 });
    expect(money.invoices).toEqual([
      { number: first?.number, openMinor: 0, onOpenIndex: false },
      { number: second?.number, openMinor: 9_800, onOpenIndex: true },
    ]);

    const mails = await emailsTo(cloud, account.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain('Zahlung erhalten');
    expect(mails[0]?.subject).toContain(body.paymentId);
    expect(mails[0]?.body.html).toContain('150,00');
    expect(mails[0]?.body.html).toContain('vollständig bezahlt');
    expect(mails[0]?.body.text).toContain('Transfer 4711');
  });

  it('answers the same Idempotency-Key with the first payment, records and emails nothing more', async () => {
    const account = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const key = `again-${account.accountId}`;
    const first = await pay(finance, key, payment(account, { amount: '24' }));
    expect(first.status).toBe(201);
    const again = await pay(finance, key, payment(account, { amount: '24' }));
    expect(again.status).toBe(200);
    expect(((await again.json()) as PaymentAnswer).paymentId).toBe(
      ((await first.json()) as PaymentAnswer).paymentId,
    );
    // The same key for another payment is refused.
    const other = await pay(finance, key, payment(account, { amount: '25' }));
    expect(other.status).toBe(409);

    expect((await moneyOf(table, account)).balance?.balanceMinor).toBe(12_400 - 2_400);
    expect(await emailsTo(cloud, account.email)).toHaveLength(1);
  });

  it('pays the invoice the payer names first, and keeps an over-payment as credit', async () => {
    const account = await accountWithInvoices(table, { owner, count: 2, unitPriceMinor: 10_000 });
    const [first, second] = account.invoices;
    const response = await pay(
      finance,
      `named-${account.accountId}`,
      payment(account, { amount: '300', invoiceNumber: second?.number, method: 'cheque' }),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as PaymentAnswer;
    expect(body.allocations.map((a) => a.invoiceNumber)).toEqual([second?.number, first?.number]);
    expect(body.creditMinor).toBe(30_000 - 24_800);
    const money = await moneyOf(table, account);
    expect(money.balance).toMatchObject({ balanceMinor: 0, creditMinor: 5_200 });
    const [mail] = await emailsTo(cloud, account.email);
    expect(mail?.body.text).toContain('€52.00 is more than your open invoices');
  });

  it('refuses bad input with 400 naming each field, and changes nothing', async () => {
    const account = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const cases: [Record<string, unknown>, string[]][] = [
      [
        { amount: '12.345', method: 'barter', date: '2026-02-30', reference: '' },
        ['method', 'date', 'reference'],
      ],
      [{ amount: '12.345' }, ['amount']],
      [{ amount: '-5' }, ['amount']],
      [{ currency: 'EURO' }, ['currency']],
      [{ currency: 'USD' }, ['currency']],
      [{ invoiceNumber: 'INV-1999-000001' }, ['invoiceNumber']],
      [{ date: '2999-01-01' }, ['date']],
      [{ accountId: 'ACC-nobody' }, ['accountId']],
    ];
    for (const [change, fields] of cases) {
      const response = await pay(finance, `bad-${Math.random()}`, payment(account, change));
      const body = (await response.json()) as { errors: { field: string }[] };
      expect(response.status, JSON.stringify(change)).toBe(400);
      expect(body.errors.map((e) => e.field).sort(), JSON.stringify(change)).toEqual(fields.sort());
    }
    const missing = await pay(finance, 'bad-missing', { accountId: account.accountId });
    expect(missing.status).toBe(400);
    const missingFields = ((await missing.json()) as { errors: { field: string }[] }).errors.map(
      (e) => e.field,
    );
    expect(missingFields).toEqual(
      expect.arrayContaining(['amount', 'currency', 'date', 'method', 'reference']),
    );
    const noKey = await finance.fetch('/payments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payment(account)),
    });
    expect(noKey.status).toBe(400);

    const money = await moneyOf(table, account);
    expect(money.balance).toMatchObject({ balanceMinor: 12_400, creditMinor: 0 });
    expect(await emailsTo(cloud, account.email)).toHaveLength(0);
  });

  it('is refused to agents', async () => {
    const account = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    expect((await pay(agent, `agent-${account.accountId}`, payment(account))).status).toBe(403);
    expect((await moneyOf(table, account)).balance?.balanceMinor).toBe(12_400);
  });

  it('100 concurrent payments on one account leave the balance exact, each receipt sent once', async () => {
    const account = await accountWithInvoices(table, { owner, count: 3, unitPriceMinor: 10_000 });
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        pay(
          finance,
          `concurrent-${account.accountId}-${i}`,
          payment(account, { amount: '5.00', reference: `Slip ${i}`, method: 'cash' }),
        ),
      ),
    );
    const bodies = await Promise.all(
      answers.map(async (a) => ({ status: a.status, body: (await a.json()) as PaymentAnswer })),
    );
    expect(bodies.filter((b) => b.status !== 201)).toEqual([]);
    expect(new Set(bodies.map((b) => b.body.paymentId)).size).toBe(100);

    // 3 × 124.00 owed, 100 × 5.00 paid: all three paid, 128.00 kept as credit.
    const paid = bodies.flatMap((b) => b.body.allocations).reduce((s, a) => s + a.amountMinor, 0);
    expect(paid).toBe(37_200);
    expect(bodies.reduce((s, b) => s + b.body.creditMinor, 0)).toBe(12_800);
    const money = await moneyOf(table, account);
    expect(money.balance).toMatchObject({ balanceMinor: 0, creditMinor: 12_800 });
    expect(money.invoices.every((i) => i.openMinor === 0 && !i.onOpenIndex)).toBe(true);

    const mails = await emailsTo(cloud, account.email);
    expect(mails).toHaveLength(100);
    const receipts = new Set(mails.map((m) => /PAY-[\w-]+/.exec(m.subject)?.[0]));
    expect(receipts).toEqual(new Set(bodies.map((b) => b.body.paymentId)));
  }, 120_000);
});

describe('the payment form in the back office', () => {
  it('records a payment once, however often the form is posted, and shows what it paid', async () => {
    const account = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const [invoice] = account.invoices;
    const path = `/office/accounts/${account.accountId}/payments`;
    const accountPage = async (session: StaffSession) =>
      (
        await session.fetch(`/office/accounts/${account.accountId}`, {
          headers: { accept: 'text/html' },
        })
      ).text();
    expect(await accountPage(finance)).toContain(`${path}/new`);
    // The account's agent too: for the cash and cheques they collect.
    expect(await accountPage(agent)).toContain(`${path}/new`);
    const form = await finance.fetch(`${path}/new`, { headers: { accept: 'text/html' } });
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain(invoice?.number);
    const entryKey = fieldValue(page, 'entryKey') ?? '';
    const csrf = await csrfOf(finance);
    const fields = {
      csrf,
      entryKey,
      amount: '124.00',
      currency: 'EUR',
      date: today,
      method: 'cash',
      reference: 'Receipt book 12/7',
      invoiceNumber: '',
    };

    const refused = await postForm(finance, path, { ...fields, amount: 'lots' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Amount');

    const posted = await postForm(finance, path, fields);
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`${path}/PAY-${today}-`));
    const again = await postForm(finance, path, fields);
    expect(again.headers.get('location')).toBe(location);

    const shown = await finance.fetch(location, { headers: { accept: 'text/html' } });
    expect(shown.status).toBe(200);
    const detail = await shown.text();
    expect(detail).toContain('Paid in full');
    expect(detail).toContain('Receipt book 12/7');
    expect((await moneyOf(table, account)).balance?.balanceMinor).toBe(0);
    expect(await emailsTo(cloud, account.email)).toHaveLength(1);

    // The account's agent reads the payment; their form offers only cash and cheques.
    expect((await agent.fetch(location, { headers: { accept: 'text/html' } })).status).toBe(200);
    const agentForm = await agent.fetch(`${path}/new`, { headers: { accept: 'text/html' } });
    expect(agentForm.status).toBe(200);
    expect(await agentForm.text()).not.toContain('value="bank-transfer"');
  });
});
