import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contractBilling } from '../../../functions/contracts/rules/contract';
import { contractStore } from '../../../functions/contracts/store/contracts';
import { invoiceDraft } from '../../../functions/invoicing/rules/invoice';
import {
  billingTermStore,
  billingTermWrite,
} from '../../../functions/invoicing/store/billing-terms';
import {
  invoiceNumberStore,
  numberIssuedFor,
} from '../../../functions/invoicing/store/invoice-numbers';
import {
  at,
  billingEnvironment,
  billingRunner,
  invoicesEmailedTo,
  invoicesOf,
  signedContract,
  zone,
} from '../../support/billing-fixtures';
import { seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { signInAs } from '../../support/staff-session';

/**
 * The billing run on the local cloud (DynamoDB Local, the SES mailbox, the documents bucket),
 * through the job runner as the schedule and the CLI run it. Each test signs its own contract in
 * its own months of 2035-2036 and runs a job of its own name, so no test meets another's terms.
 * Every contract is 100.00 EUR + 24 % = 124.00 a period.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const { env, close } = billingEnvironment(cloud, table);
let owner: { staffId: string; team: string };

beforeAll(async () => {
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => {
  close();
  table.client.destroy();
});

/** The contracts of this file: its runs bill only these. */
const ours = new Set<string>();
const billingRun = billingRunner(env, ours);
const sign = async (options: Omit<Parameters<typeof signedContract>[1], 'owner'>) => {
  const contract = await signedContract(env, { owner, ...options });
  ours.add(contract.contractId);
  return contract;
};

/** A run of a job that never ran: it processes just this date (no catch-up), as a first run. */
const once = (date: string) => billingRun('once')(date);

const period = (start: string, end: string) => `${start}..${end}`;

describe('the billing run', () => {
  it('bills a net monthly contract at each month end, in arrears, once, catching up missed ones', async () => {
    const c = await sign({
      plan: 'monthly',
      prepaid: false,
      startDate: '2035-01-01',
      termMonths: 4,
      signedOn: '2034-12-20',
    });
    expect(c.firstInvoice).toBeNull(); // billed in arrears, by the run
    const run = billingRun('net');

    await run('2035-01-30');
    expect(await invoicesOf(table, c.accountId)).toEqual([]);

    const first = await run('2035-01-31');
    expect(first).toMatchObject({ sent: 1, failed: 0 });
    const january = await invoicesOf(table, c.accountId);
    expect(january).toEqual([
      expect.objectContaining({
        issueDate: '2035-01-31',
        dueDate: '2035-03-02',
        period: period('2035-01-01', '2035-01-31'),
        totalMinor: 12_400,
      }),
    ]);

    // Two runs missed (machine off): the run on 31 March bills February and March, in order.
    await run('2035-03-31');
    const later = await invoicesOf(table, c.accountId);
    expect(later.map((i) => [i.period, i.issueDate])).toEqual([
      [period('2035-01-01', '2035-01-31'), '2035-01-31'],
      [period('2035-02-01', '2035-02-28'), '2035-02-28'],
      [period('2035-03-01', '2035-03-31'), '2035-03-31'],
    ]);

    // Another run for the same dates (a rerun of the schedule) bills nothing again.
    const again = billingRun('net-again');
    await again('2035-03-31');
    // The last period, then nothing: the contract ends 30 April.
    await once('2035-04-30');
    await once('2035-05-31');
    const all = await invoicesOf(table, c.accountId);
    expect(all.map((i) => i.period)).toEqual([
      period('2035-01-01', '2035-01-31'),
      period('2035-02-01', '2035-02-28'),
      period('2035-03-01', '2035-03-31'),
      period('2035-04-01', '2035-04-30'),
    ]);
    expect(await invoicesEmailedTo(cloud, c.email)).toEqual(all.map((i) => i.number));
    expect(await billingTermStore(table).get(c.contractId, '2035-01-01')).toMatchObject({
      billedThroughIndex: 3,
    });
  });

  it('bills a prepaid plan before its period: the first at signing, the next at the month end before', async () => {
    const c = await sign({
      plan: 'monthly',
      prepaid: true,
      startDate: '2035-06-01',
      termMonths: 3,
      signedOn: '2035-05-10',
    });
    expect(c.firstInvoice).toMatch(/^INV-2035-/);
    const run = billingRun('prepaid');
    await run('2035-05-31');
    await run('2035-06-29');
    expect(await invoicesOf(table, c.accountId)).toHaveLength(1);
    // July's fee on the last month end before July; due on its first day, before the service.
    await run('2035-06-30');
    const invoices = await invoicesOf(table, c.accountId);
    expect(invoices.map((i) => [i.period, i.issueDate, i.dueDate])).toEqual([
      [period('2035-06-01', '2035-06-30'), '2035-05-10', '2035-06-01'],
      [period('2035-07-01', '2035-07-31'), '2035-06-30', '2035-07-01'],
    ]);
    await run('2035-07-31');
    expect(await invoicesOf(table, c.accountId)).toHaveLength(3);
    expect(await invoicesEmailedTo(cloud, c.email)).toHaveLength(3);
  });

  it('bills quarterly and annual plans on their dates', async () => {
    const quarterly = await sign({
      plan: 'quarterly',
      prepaid: false,
      startDate: '2035-08-15',
      termMonths: 6,
      signedOn: '2035-08-01',
    });
    const annual = await sign({
      plan: 'annual',
      prepaid: true,
      startDate: '2035-09-01',
      termMonths: 24,
      signedOn: '2035-08-01',
    });
    await once('2035-11-29');
    expect(await invoicesOf(table, quarterly.accountId)).toEqual([]);
    // Net, in arrears: the quarter ending 14 November on the month end after it.
    await once('2035-11-30');
    expect((await invoicesOf(table, quarterly.accountId)).map((i) => i.period)).toEqual([
      period('2035-08-15', '2035-11-14'),
    ]);
    await once('2036-02-29');
    expect((await invoicesOf(table, quarterly.accountId)).map((i) => i.period)).toEqual([
      period('2035-08-15', '2035-11-14'),
      period('2035-11-15', '2036-02-14'),
    ]);
    await once('2036-08-31');
    expect((await invoicesOf(table, annual.accountId)).map((i) => [i.period, i.issueDate])).toEqual(
      [
        [period('2035-09-01', '2036-08-31'), '2035-08-01'],
        [period('2036-09-01', '2037-08-31'), '2036-08-31'],
      ],
    );
  });

  it('bills a renewed term (its record written as renewals do) like any other, by its own keys', async () => {
    const c = await sign({
      plan: 'monthly',
      prepaid: false,
      startDate: '2036-03-01',
      termMonths: 2,
      signedOn: '2036-02-20',
    });
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: [
          billingTermWrite(
            table.name,
            {
              contractId: c.contractId,
              accountId: c.accountId,
              startDate: '2036-05-01',
              endDate: '2036-06-30',
              billedThroughIndex: -1,
            },
            { billingPlan: 'monthly', paymentTerms: { kind: 'net', days: 30 } },
          ),
        ],
      }),
    );
    await once('2036-05-31'); // March and April of the first term were missed: caught up too
    await once('2036-06-30');
    await once('2036-07-31');
    const invoices = await invoicesOf(table, c.accountId);
    expect(invoices.map((i) => [i.period, i.issueDate])).toEqual([
      [period('2036-03-01', '2036-03-31'), '2036-05-31'],
      [period('2036-04-01', '2036-04-30'), '2036-05-31'],
      [period('2036-05-01', '2036-05-31'), '2036-05-31'],
      [period('2036-06-01', '2036-06-30'), '2036-06-30'],
    ]);
    expect(await numberIssuedFor(table, 'INV', `recurring#${c.contractId}#2036-05-01#1`)).toBe(
      invoices[3]?.number,
    );
    expect(await invoicesEmailedTo(cloud, c.email)).toEqual(invoices.map((i) => i.number));
  });

  it('run twice at once for one date: one invoice and one email', async () => {
    const c = await sign({
      plan: 'monthly',
      prepaid: false,
      startDate: '2035-10-01',
      termMonths: 12,
      signedOn: '2035-09-20',
    });
    const [a, b] = [billingRun('race-a'), billingRun('race-b')];
    const summaries = await Promise.all([a('2035-10-31'), b('2035-10-31')]);
    expect(summaries.every((s) => s.failed === 0)).toBe(true);
    const invoices = await invoicesOf(table, c.accountId);
    expect(invoices.map((i) => i.period)).toEqual([period('2035-10-01', '2035-10-31')]);
    expect(await invoicesEmailedTo(cloud, c.email)).toEqual([invoices[0]?.number]);
  });

  it('a crash between issuing a period and moving the term on does not bill it twice', async () => {
    const c = await sign({
      plan: 'monthly',
      prepaid: false,
      startDate: '2036-01-01',
      termMonths: 12,
      signedOn: '2035-12-15',
    });
    // The crashed run got as far as issuing January (period 0 of the first term), no further.
    const contract = await contractStore(table).get(c.contractId);
    if (!contract) throw new Error('contract missing');
    const { invoice } = await invoiceNumberStore(table).issueInvoice(
      invoiceDraft(contractBilling(contract, c.accountId), {
        start: '2036-01-01',
        end: '2036-01-31',
      }),
      `first-invoice#${c.contractId}`,
      at('2036-01-31', '23:00'),
      zone,
    );
    await billingRun('crash')('2036-01-31');
    const invoices = await invoicesOf(table, c.accountId);
    expect(invoices.map((i) => i.number)).toEqual([invoice.number]);
    expect(await invoicesEmailedTo(cloud, c.email)).toEqual([invoice.number]);
    expect(await billingTermStore(table).get(c.contractId, '2036-01-01')).toMatchObject({
      billedThroughIndex: 0,
      nextBillingDay: '2036-02-29',
    });
  });
});
