import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { billingTermWrite } from '../../../functions/invoicing/store/billing-terms';
import { invoiceStore } from '../../../functions/invoicing/store/invoices';
import { quoteStore } from '../../../functions/quotes/store/quotes';
import { billingEnvironment, billingRunner, signedContract } from '../../support/billing-fixtures';
import { uniqueAddress, waitForEmailsTo } from '../../support/local-cloud-clients';
import { seeded, staffIdOf, submitLead, uniqueWord } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { drawQuote } from '../../support/quotes';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * A recurring contract with a one-off line, billed on the local cloud: a setup fee of 50.00
 * (+ 24 % = 62.00) beside a membership of 100.00 (+ 24 % = 124.00) a month. The first invoice
 * bills the fee once with the first month, whether issued at signing (prepaid) or by the billing
 * run (net, in arrears); every later month and every renewed term bills the membership alone.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const { env, close } = billingEnvironment(cloud, table);
let owner: { staffId: string; team: string };
let manager: StaffSession;

beforeAll(async () => {
  manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => {
  close();
  table.client.destroy();
});

const ours = new Set<string>();
const billingRun = billingRunner(env, ours);
const sign = async (options: Omit<Parameters<typeof signedContract>[1], 'owner'>) => {
  const contract = await signedContract(env, { owner, setupFeeMinor: 5_000, ...options });
  ours.add(contract.contractId);
  return contract;
};

/** Each invoice of the account, oldest first: its period's start, its lines and its total. */
async function billed(accountId: string) {
  const { invoices } = await invoiceStore(table).listAccountInvoices(accountId, { limit: 100 });
  return invoices
    .sort((a, b) => (a.number < b.number ? -1 : 1))
    .map((i) => ({
      from: i.period?.start,
      lines: i.lines.map((l) => l.service),
      totalMinor: i.totals.total.amountMinor,
    }));
}

const first = (from: string) => ({ from, lines: ['Membership', 'Setup'], totalMinor: 18_600 });
const later = (from: string) => ({ from, lines: ['Membership'], totalMinor: 12_400 });

describe('a one-off line on a recurring contract', () => {
  it('is billed once, with the first invoice issued at signing; later months bill the membership alone', async () => {
    const c = await sign({
      plan: 'monthly',
      prepaid: true,
      startDate: '2041-02-01',
      termMonths: 3,
      signedOn: '2041-01-10',
    });
    expect(c.firstInvoice).toMatch(/^INV-2041-/);
    const run = billingRun('prepaid-setup');
    await run('2041-02-28');
    await run('2041-03-31');
    expect(await billed(c.accountId)).toEqual([
      first('2041-02-01'),
      later('2041-03-01'),
      later('2041-04-01'),
    ]);
  });

  it('is billed with the first period when the run bills it in arrears, and never on a renewed term', async () => {
    const c = await sign({
      plan: 'monthly',
      prepaid: false,
      startDate: '2041-06-01',
      termMonths: 2,
      signedOn: '2041-05-20',
    });
    expect(c.firstInvoice).toBeNull();
    // The renewed term, written as the renewals do: not the contract's first.
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          billingTermWrite(
            table.name,
            {
              contractId: c.contractId,
              accountId: c.accountId,
              startDate: '2041-08-01',
              endDate: '2041-08-31',
              billedThroughIndex: -1,
            },
            { billingPlan: 'monthly', paymentTerms: { kind: 'net', days: 30 } },
          ),
        ],
      }),
    );
    const run = billingRun('net-setup');
    await run('2041-06-30');
    expect(await billed(c.accountId)).toEqual([first('2041-06-01')]);
    await run('2041-07-31');
    await run('2041-08-31');
    expect(await billed(c.accountId)).toEqual([
      first('2041-06-01'),
      later('2041-07-01'),
      later('2041-08-01'),
    ]);
  });

  it('is marked on the New quote form and shown so on the quote page and in the customer’s email', async () => {
    const word = uniqueWord();
    const leadId = await submitLead(cloud, {
      name: `Setup Prospect ${word}`,
      company: `Setup Co ${word}`,
      email: `setup.${word}@example.org`,
    });
    const customer = uniqueAddress('setup');
    const { quoteId } = await drawQuote(manager, leadId, {
      email: customer,
      service2: 'Setup',
      quantity2: '1',
      unitPrice2: '50.00',
      taxRate2: '19',
      billing2: 'one-off',
    });
    const stored = await quoteStore(table).get(quoteId);
    expect(stored?.quote.lines.map((l) => [l.service, l.oneOff])).toEqual([
      ['Office cleaning', undefined],
      ['Setup', true],
    ]);
    const page = await (
      await manager.fetch(`/office/quotes/${quoteId}`, { headers: { accept: 'text/html' } })
    ).text();
    expect(page).toContain('Once (one-off)');
    // 120.00 + 19 % = 142.80 a month; the first invoice adds the setup fee of 59.50.
    expect(page).toContain('142.80 EUR (the one-off lines are on the first only)');
    const [email] = await waitForEmailsTo(cloud, customer);
    expect(email?.body.text).toContain('- Setup (one-off): 1 × €50.00');
    expect(email?.body.text).toContain('€202.30');
    expect(email?.body.text).toContain('after that €142.80 a month');
  });
});
