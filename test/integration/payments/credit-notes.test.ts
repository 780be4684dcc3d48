import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { emailsTo } from '../../support/local-cloud-clients';
import { csrfOf, fieldValue, postForm, seeded, staffIdOf } from '../../support/office';
import { accountWithInvoices, localTable, moneyOf } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Credit notes in the back office against the local cloud: partial and full, in their own series,
 * taking what they credit off the invoice's unpaid amount (the excess of a paid invoice becomes
 * credit), never beyond the invoice's total, each issued and emailed once per form.
 * The invoice is 100.00 + 24 % tax = 124.00 EUR.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
let finance: StaffSession;
let csrf: string;
let owner: { staffId: string; team: string };

beforeAll(async () => {
  finance = await signInAs(cloud, seeded.finance);
  csrf = await csrfOf(finance);
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => table.client.destroy());

describe('credit notes', () => {
  it('credit part of an invoice, then the rest, never more than its total, each once', async () => {
    const account = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const [invoice] = account.invoices;
    const path = `/office/invoices/${invoice?.number}/credit-notes`;
    const paid = await finance.fetch('/payments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `cn-${account.accountId}` },
      body: JSON.stringify({
        accountId: account.accountId,
        amount: '24.00',
        currency: 'EUR',
        date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        method: 'cash',
        reference: 'Part payment',
      }),
    });
    expect(paid.status).toBe(201);

    const newForm = async () => {
      const response = await finance.fetch(`${path}/new`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      return fieldValue(await response.text(), 'entryKey') ?? '';
    };
    const partial = {
      csrf,
      entryKey: await newForm(),
      kind: 'partial',
      amount: '50.00',
      reason: 'Hours billed twice',
    };
    const first = await postForm(finance, path, partial);
    expect(first.status, await first.clone().text()).toBe(303);
    const location = first.headers.get('location') ?? '';
    const firstNumber = /CN-\d{4}-\d{6}$/.exec(location)?.[0];
    expect(firstNumber).toBeDefined();
    expect((await postForm(finance, path, partial)).headers.get('location')).toBe(location);

    // 50.00 + 24 % = 62.00 off the 100.00 still unpaid.
    let money = await moneyOf(table, account);
    expect(money.balance).toMatchObject({ balanceMinor: 3_800, creditMinor: 0 });
    expect(money.invoices[0]).toMatchObject({ openMinor: 3_800, onOpenIndex: true });

    const page = await finance.fetch(location, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Credit note');
    const mails = await emailsTo(cloud, account.email);
    const creditMails = mails.filter((m) => m.subject.includes(String(firstNumber)));
    expect(creditMails).toHaveLength(1);
    expect(creditMails[0]?.subject).toContain(invoice?.number);

    // A full credit, or 60.00 more, would credit beyond the invoice's 124.00: refused.
    for (const over of [
      { kind: 'full', amount: '' },
      { kind: 'partial', amount: '60.00' },
    ]) {
      const refused = await postForm(finance, path, {
        ...partial,
        ...over,
        entryKey: await newForm(),
      });
      expect(refused.status, JSON.stringify(over)).toBe(400);
    }
    expect(
      (await postForm(finance, path, { ...partial, reason: '', entryKey: await newForm() })).status,
    ).toBe(400);

    // The other 62.00: 38.00 pays off what is unpaid, 24.00 (already paid) becomes credit.
    const rest = await postForm(finance, path, { ...partial, entryKey: await newForm() });
    expect(rest.status).toBe(303);
    const secondNumber = /CN-\d{4}-\d{6}$/.exec(rest.headers.get('location') ?? '')?.[0];
    expect(Number(secondNumber?.slice(-6))).toBe(Number(firstNumber?.slice(-6)) + 1);
    money = await moneyOf(table, account);
    expect(money.balance).toMatchObject({ balanceMinor: 0, creditMinor: 2_400 });
    expect(money.invoices[0]).toMatchObject({ openMinor: 0, onOpenIndex: false });
  });

  it('is refused to agents', async () => {
    const agent = await signInAs(cloud, seeded.agentNorth);
    const account = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const response = await agent.fetch(
      `/office/invoices/${account.invoices[0]?.number}/credit-notes/new`,
      { headers: { accept: 'text/html' } },
    );
    expect(response.status).toBe(403);
  });
});
