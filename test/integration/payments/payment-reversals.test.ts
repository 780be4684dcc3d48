import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountStore } from '../../../functions/accounts/store/accounts';
import { arrearsStore } from '../../../functions/collections/store/arrears';
import { dunningKeys } from '../../../functions/invoicing/store/invoice-keys';
import { invoiceNumberStore } from '../../../functions/invoicing/store/invoice-numbers';
import { invoiceStore } from '../../../functions/invoicing/store/invoices';
import { ledgerStore } from '../../../functions/invoicing/store/ledger';
import { addDays } from '../../../functions/shared/rules/job-dates';
import { loadBusinessRules } from '../../../functions/staff/settings/settings';
import { settingsStore } from '../../../functions/staff/settings/settings-store';
import {
  csrfOf,
  decodeEntities,
  fieldValue,
  postForm,
  seeded,
  staffIdOf,
} from '../../support/office';
import { accountWithInvoices, localTable } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Over-payment credit and payment reversals on the local cloud. An account with two invoices of
 * 124.00 EUR pays 300.00: both are paid and 52.00 is kept as credit; its next invoice is issued
 * with that credit spent on it. Then the payment is reversed in the back office: the three
 * invoices are open again, back on the arrears ladder's lists, and the ledger owes all of it.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
let finance: StaffSession;
let agent: StaffSession;
let csrf: string;
let owner: { staffId: string; team: string };
/** The payments' date: yesterday in UTC, never ahead of the business date. */
const today = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  finance = await signInAs(cloud, seeded.finance);
  agent = await signInAs(cloud, seeded.agentNorth);
  csrf = await csrfOf(finance);
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => table.client.destroy());

const page = async (session: StaffSession, path: string) =>
  decodeEntities(await (await session.fetch(path, { headers: { accept: 'text/html' } })).text());

async function invoiceItem(number: string) {
  const { Item } = await table.client.send(
    new GetCommand({
      TableName: table.name,
      Key: { pk: `INVOICE#${number}`, sk: 'INVOICE' },
      ConsistentRead: true,
    }),
  );
  if (!Item) throw new Error(`invoice ${number} missing`);
  return Item;
}

describe('over-payment credit and payment reversal', () => {
  it('credit pays the next invoice; a reversal opens everything again, on the arrears lists', async () => {
    const account = await accountWithInvoices(table, { owner, count: 2, unitPriceMinor: 10_000 });
    const [first, second] = account.invoices;
    if (!first || !second) throw new Error('invoices missing');
    const { rules } = await loadBusinessRules(settingsStore(table));
    const ladder = rules.dunning.ladder;
    // The ladder took its first step on the first invoice before the money came.
    const firstStep = ladder[0]?.daysPastDue ?? 3;
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { pk: `INVOICE#${first.number}`, sk: 'INVOICE' },
        UpdateExpression:
          'SET ladderStepsDone = :done, ladderVersion = :one, dunningPk = :pk, dunningSk = :sk',
        ExpressionAttributeValues: {
          ':done': [firstStep],
          ':one': 1,
          ...Object.fromEntries(
            Object.entries(dunningKeys('next-step', first.number, first.dueDate)).map(([k, v]) => [
              k === 'dunningPk' ? ':pk' : ':sk',
              v,
            ]),
          ),
        },
      }),
    );

    const paid = await finance.fetch('/payments', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `rev-${account.accountId}`,
      },
      body: JSON.stringify({
        accountId: account.accountId,
        amount: '300,00',
        currency: 'EUR',
        date: today,
        method: 'bank-transfer',
        reference: 'Booked to the wrong customer',
      }),
    });
    expect(paid.status, await paid.clone().text()).toBe(201);
    const { paymentId, creditMinor } = (await paid.json()) as {
      paymentId: string;
      creditMinor: number;
    };
    expect(creditMinor).toBe(5_200);
    const ledger = ledgerStore(table);
    expect(await ledger.getBalance(account.accountId)).toMatchObject({
      balanceMinor: 0,
      creditMinor: 5_200,
    });
    expect(await page(finance, `/office/accounts/${account.accountId}`)).toContain(
      'Credit</dt><dd>€52.00: pays the next invoices as they are issued',
    );

    // The next invoice takes the credit when it is issued.
    const {
      number: _n,
      year: _y,
      sequence: _s,
      issuedAt: _at,
      issueDate: _on,
      dueDate: _due,
      openMinor: _open,
      ...draft
    } = first;
    const { invoice: third } = await invoiceNumberStore(table).issueInvoice(
      draft,
      `credit-test#${account.accountId}`,
      new Date(),
      'Europe/Athens',
    );
    expect(third).toMatchObject({ openMinor: 7_200, creditAppliedMinor: 5_200 });
    expect(await ledger.getBalance(account.accountId)).toMatchObject({
      balanceMinor: 7_200,
      creditMinor: 0,
    });
    const invoicePage = await page(finance, `/office/invoices/${third.number}`);
    expect(invoicePage).toContain('Paid from account credit</dt><dd>€52.00');
    expect(invoicePage).toContain('Unpaid</dt><dd>€72.00');
    const timeline = await accountStore(table).timeline(account.accountId);
    expect(timeline.map((e) => e.summary)).toContain(
      `€52.00 of the account's credit paid invoice ${third.number}`,
    );

    // Reversed in the back office: a reason is required, a double click acts once.
    const path = `/office/accounts/${account.accountId}/payments/${paymentId}`;
    expect(await page(agent, path)).not.toContain('Reverse this payment');
    expect(await page(finance, path)).toContain(`${path}/reversal`);
    const form = await page(finance, `${path}/reversal`);
    const entryKey = fieldValue(form, 'entryKey') ?? '';
    const blank = await postForm(finance, `${path}/reversal`, { csrf, entryKey, reason: '' });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('Reason: say why the payment is reversed');
    const reason = 'Posted to the wrong account';
    const twice = await Promise.all(
      [1, 2].map(() => postForm(finance, `${path}/reversal`, { csrf, entryKey, reason })),
    );
    expect(twice.map((r) => r.status)).toEqual([303, 303]);
    const again = await postForm(finance, `${path}/reversal`, {
      csrf,
      // Another form (the page offers none once reversed): refused, nothing changes.
      entryKey: ulid(),
      reason: 'Once more',
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('was reversed on');

    // The ledger and every invoice follow: all three are owed again.
    expect(await ledger.getBalance(account.accountId)).toMatchObject({
      balanceMinor: 37_200,
      creditMinor: 0,
    });
    for (const number of [first.number, second.number, third.number]) {
      const item = await invoiceItem(number);
      expect(item, number).toMatchObject({
        openMinor: 12_400,
        openPk: `OPEN-INVOICES#${first.dueDate.slice(0, 7)}`,
      });
      expect(item.paidAt, number).toBeUndefined();
    }
    // Its credit at issue stays as it was (its statements replay it); the reversal took it back.
    expect(await invoiceItem(third.number)).toMatchObject({
      creditAppliedMinor: 5_200,
      creditReversedMinor: 5_200,
    });
    expect(await page(finance, `/office/invoices/${third.number}`)).toContain(
      '€52.00 (€52.00 taken back: the payment it came from was reversed)',
    );
    // Back on the ladder's lists as its keys say: the first at the day of its next step, the
    // second not chased yet under its due date.
    const nextStep = addDays(first.dueDate, ladder[1]?.daysPastDue ?? 14);
    expect(await invoiceItem(first.number)).toMatchObject(
      dunningKeys('next-step', first.number, nextStep),
    );
    expect(await invoiceItem(second.number)).toMatchObject(
      dunningKeys('first-step', second.number, second.dueDate),
    );
    const listed: string[] = [];
    for await (const rows of arrearsStore(table).toChase(
      'first-step',
      second.dueDate,
      second.dueDate,
    )) {
      listed.push(...rows.map((r) => r.number));
    }
    expect(listed).toEqual(expect.arrayContaining([second.number, third.number]));
    const open = await invoiceStore(table).openInvoicesDueIn(
      first.dueDate.slice(0, 7),
      first.dueDate,
      { limit: 1000 },
    );
    expect(open.invoices.map((i) => i.number)).toEqual(
      expect.arrayContaining([first.number, second.number, third.number]),
    );

    // Shown as reversed on its page and in the account's activity; audited once.
    const shown = await page(finance, path);
    expect(shown).toContain(`Payment ${paymentId} (reversed)`);
    // Dated on the desk's business date (the shared clock may run ahead of the payment's day).
    expect(shown).toMatch(
      /Reversed<\/strong> on \d{4}-\d\d-\d\d by Finn Finance: Posted to the wrong account/,
    );
    const accountPage = await page(finance, `/office/accounts/${account.accountId}`);
    expect(accountPage).toMatch(new RegExp(`Reversed on \\d{4}-\\d\\d-\\d\\d: ${reason}`));
    expect(accountPage).toContain(`Reversal of ${paymentId}`);
    const entries = (await accountStore(table).timeline(account.accountId)).filter(
      (e) => e.step === 'payment-reversed',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]?.summary).toContain(`reversed: ${reason}`);
  });

  it('refuses at entry a payment beyond the ledger, naming the amount', async () => {
    const account = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const response = await finance.fetch('/payments', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `big-${account.accountId}`,
      },
      body: JSON.stringify({
        accountId: account.accountId,
        amount: '100000000000000000',
        currency: 'EUR',
        date: today,
        method: 'cash',
        reference: 'Too much',
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('is too large: the ledger holds at most');
    expect(await ledgerStore(table).getBalance(account.accountId)).toMatchObject({
      balanceMinor: 12_400,
    });
  });
});
