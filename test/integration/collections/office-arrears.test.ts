import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { invoicePk, invoiceSk } from '../../../functions/invoicing/store/invoice-keys';
import { addDays, businessDateOf } from '../../../functions/shared/rules/job-dates';
import { overdueAccount, setHold, zone } from '../../support/arrears-fixtures';
import { seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * The back office's arrears list: unpaid invoices past due, with the ladder's last and next
 * steps and the account's state, each shown only to whom may read the account's invoices. The
 * steps are set on the invoice as the ladder records them (running the ladder here would reach
 * other tests' invoices due in the same days).
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
let finance: StaffSession;
let alex: StaffSession;
let bea: StaffSession;
let number: string;
let due: string;

beforeAll(async () => {
  const manager = await signInAs(cloud, seeded.manager);
  [finance, alex, bea] = await Promise.all([
    signInAs(cloud, seeded.finance),
    signInAs(cloud, seeded.agentNorth),
    signInAs(cloud, seeded.agentSouth),
  ]);
  const owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
  due = addDays(businessDateOf(new Date(), zone), -20);
  const account = await overdueAccount(table, { owner, dueDate: due });
  number = account.invoice.number;
  await table.client.send(
    new UpdateCommand({
      TableName: table.name,
      Key: { pk: invoicePk(number), sk: invoiceSk },
      UpdateExpression: 'SET ladderStepsDone = :done',
      ExpressionAttributeValues: { ':done': [3, 14] },
    }),
  );
  await setHold(table, account.accountId, 'dispute over the March invoice');
});

afterAll(() => table.client.destroy());

const arrearsPage = async (session: StaffSession) => {
  const response = await session.fetch('/office/arrears', { headers: { accept: 'text/html' } });
  expect(response.status).toBe(200);
  return response.text();
};

/** The table row of the invoice, or undefined when the page does not list it. */
const rowOf = (page: string) => page.split('<tr>').find((row) => row.includes(`>${number}</a>`));

describe('the arrears list', () => {
  it('shows finance the overdue invoice, its last step, its next step and the hold', async () => {
    const row = rowOf(await arrearsPage(finance));
    expect(row).toBeDefined();
    expect(row).toContain('€124.00');
    expect(row).toContain('Second notice, Call the customer (day 14)');
    expect(row).toContain(
      'Final notice, Supervisor told, Flagged for suspension (day 30), after the hold',
    );
    expect(row).toContain('On hold (dispute) until 9999-12-31');
  });

  it('shows the account’s agent the call task, and another team’s agent nothing of it', async () => {
    expect(rowOf(await arrearsPage(alex))).toContain('Call the customer');
    const other = await arrearsPage(bea);
    expect(other).toContain('<h1>Arrears</h1>');
    expect(rowOf(other)).toBeUndefined();
  });
});
