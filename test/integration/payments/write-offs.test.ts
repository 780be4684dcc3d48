import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountStore } from '../../../functions/accounts/store/accounts';
import { writeOffStore } from '../../../functions/payments/store/write-offs';
import { csrfOf, fieldValue, postForm, seeded, staffIdOf } from '../../support/office';
import { accountWithInvoices, localTable, moneyOf } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * A manager writes off what cannot be collected, in the back office, against the local cloud:
 * part of the balance, then the rest (the account becomes `written-off`), each once however
 * often the form is posted; and the account's activity (payments, write-offs) by date, as
 * statements read it. Invoices are 124.00 EUR each.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
let manager: StaffSession;
let finance: StaffSession;
let csrf: string;
let owner: { staffId: string; team: string };

beforeAll(async () => {
  manager = await signInAs(cloud, seeded.manager);
  finance = await signInAs(cloud, seeded.finance);
  csrf = await csrfOf(manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => table.client.destroy());

async function formOf(accountId: string) {
  const response = await manager.fetch(`/office/accounts/${accountId}/write-offs/new`, {
    headers: { accept: 'text/html' },
  });
  expect(response.status).toBe(200);
  const page = await response.text();
  return { page, entryKey: fieldValue(page, 'entryKey') ?? '' };
}

describe('write-offs', () => {
  it('takes part, then all of the balance off the oldest invoices, once per form', async () => {
    const account = await accountWithInvoices(table, { owner, count: 2, unitPriceMinor: 10_000 });
    const [first, second] = account.invoices;
    const path = `/office/accounts/${account.accountId}/write-offs`;

    // A payment first, so the activity shows both kinds.
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const paid = await finance.fetch('/payments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `wo-${account.accountId}` },
      body: JSON.stringify({
        accountId: account.accountId,
        amount: '24.00',
        currency: 'EUR',
        date: day,
        method: 'cash',
        reference: 'Before the write-off',
      }),
    });
    expect(paid.status).toBe(201);

    const form = await formOf(account.accountId);
    expect(form.page).toContain('€224.00');
    const part = { csrf, entryKey: form.entryKey, amount: '50.00', reason: 'Disputed hours' };
    for (const bad of [
      { ...part, amount: '300.00' },
      { ...part, amount: 'half' },
      { ...part, reason: '' },
    ]) {
      expect((await postForm(manager, path, bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await moneyOf(table, account)).balance?.balanceMinor).toBe(22_400);

    expect((await postForm(manager, path, part)).status).toBe(303);
    expect((await postForm(manager, path, part)).status).toBe(303);
    let money = await moneyOf(table, account);
    expect(money.balance).toMatchObject({ balanceMinor: 17_400, creditMinor: 0 });
    expect(money.invoices.map((i) => i.openMinor)).toEqual([5_000, 12_400]);
    expect((await accountStore(table).get(account.accountId))?.status).toBe('active');

    const rest = {
      csrf,
      entryKey: (await formOf(account.accountId)).entryKey,
      amount: '',
      reason: 'Insolvent',
    };
    expect((await postForm(manager, path, rest)).status).toBe(303);
    money = await moneyOf(table, account);
    expect(money.balance).toMatchObject({ balanceMinor: 0, creditMinor: 0 });
    expect(money.invoices).toEqual([
      { number: first?.number, openMinor: 0, onOpenIndex: false },
      { number: second?.number, openMinor: 0, onOpenIndex: false },
    ]);
    expect((await accountStore(table).get(account.accountId))?.status).toBe('written-off');

    // Nothing is owed any more: a further write-off is refused.
    const more = {
      csrf,
      entryKey: (await formOf(account.accountId)).entryKey,
      amount: '',
      reason: 'Again',
    };
    expect((await postForm(manager, path, more)).status).toBe(400);

    // Up to any date: other tests move the shared desk clock days ahead of real time.
    const activity = await writeOffStore(table).accountActivity(
      account.accountId,
      day,
      '2999-12-31',
    );
    expect(activity.map((a) => a.kind)).toEqual(['payment', 'write-off', 'write-off']);
    const amounts = activity.map((a) =>
      a.kind === 'payment'
        ? a.payment.amount.amountMinor
        : a.kind === 'write-off'
          ? a.writeOff.amount.amountMinor
          : a.reversal.amount.amountMinor,
    );
    expect(amounts).toEqual([2_400, 5_000, 17_400]);

    const accountPage = await (
      await manager.fetch(`/office/accounts/${account.accountId}`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(accountPage).toContain(`${path}/new`);
    expect(accountPage).toContain('the account is written off');
  });

  it('is finance’s as well as a manager’s: finance opens the form', async () => {
    const account = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const response = await finance.fetch(`/office/accounts/${account.accountId}/write-offs/new`, {
      headers: { accept: 'text/html' },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Write off');
  });
});
