import { randomUUID } from 'node:crypto';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountRecordPk } from '../../../functions/accounts/store/accounts';
import { shardOf } from '../../../functions/shared/jobs/fan-out';
import { jobStore } from '../../../functions/shared/jobs/job-store';
import { addDays } from '../../../functions/shared/rules/job-dates';
import { overdueAccount } from '../../support/arrears-fixtures';
import {
  emailsTo,
  executionArn,
  sfnClient,
  stateMachineArn,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { signInAs } from '../../support/staff-session';

/**
 * The `daily-job` workflow on the local Step Functions service: the arrears job's date run in 4
 * shards, at most 2 at once, by the real `run-job-shard` function. Its progress is kept under a
 * name of its own (`progressName`), and its invoices fall due in 2039, so no other test's run or
 * invoices meet it.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const sfn = sfnClient(cloud);
let owner: { staffId: string; team: string };

beforeAll(async () => {
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});
afterAll(() => {
  table.client.destroy();
  sfn.destroy();
});

async function runWorkflow(input: Record<string, unknown>) {
  const name = `arrears-fanout-${randomUUID()}`;
  await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: stateMachineArn(cloud, 'daily-job'),
      name,
      input: JSON.stringify(input),
    }),
  );
  return waitForExecution(cloud, executionArn(cloud, 'daily-job', name), 120_000);
}

describe('the daily-job workflow', () => {
  it('runs a date in 4 shards, acting on each item once, also when run twice at once', async () => {
    const due = '2042-06-01'; // a year no other test's invoices fall due in
    const date = addDays(due, 3);
    const invoices = await Promise.all(
      Array.from({ length: 8 }, () => overdueAccount(table, { owner, dueDate: due })),
    );
    // The invoices spread over more than one shard (the hash is stable: this holds every run).
    const used = new Set(invoices.map((i) => shardOf(i.invoice.number, 4)));
    expect(used.size).toBeGreaterThan(1);

    const progressName = `arrears-fanout-${randomUUID().slice(0, 8)}`;
    const input = {
      job: 'arrears',
      progressName,
      scheduledTime: `${date}T07:00:00+03:00`,
      shards: 4,
      maxConcurrency: 2,
    };
    // Two executions at once: claims decide; one of them may find items held by the other.
    const both = await Promise.all([runWorkflow(input), runWorkflow(input)]);
    for (const run of both) {
      if (run.status !== 'SUCCEEDED') expect(run.error).toBe('JobDateIncomplete');
    }
    // A later run finishes what was left: the date is then completed, and nothing sent twice.
    const last = await runWorkflow(input);
    expect(last.status).toBe('SUCCEEDED');
    expect(await jobStore(table).lastCompleted(progressName)).toBe(date);

    const succeeded = [...both, last].filter((run) => run.status === 'SUCCEEDED');
    const sentInAll = succeeded
      .map((run) => JSON.parse(run.output ?? '{}') as { dates: { sent: number }[] })
      .flatMap((output) => output.dates)
      .reduce((sum, d) => sum + d.sent, 0);
    expect(sentInAll).toBeLessThanOrEqual(8);
    for (const { email, invoice } of invoices) {
      const reminders = (await emailsTo(cloud, email)).filter((e) =>
        e.subject.includes(invoice.number),
      );
      expect(reminders.map((e) => e.subject)).toEqual([
        `Friendly reminder: invoice ${invoice.number} is overdue`,
      ]);
    }

    // Run again for the same date: nothing is left to plan, nothing is sent.
    const again = await runWorkflow(input);
    expect(again.status).toBe('SUCCEEDED');
    expect(JSON.parse(again.output ?? '{}')).toEqual({
      job: 'arrears',
      dates: [],
      retried: { sent: 0, skipped: 0, failed: 0, waiting: 0, leftForPerson: 0 },
    });
  });

  it('records an item that fails, completes its date for the rest, and tries it again the next day', async () => {
    const due = '2049-03-01'; // a year no other test's invoices fall due in
    const date = addDays(due, 3);
    const invoices = await Promise.all(
      Array.from({ length: 4 }, () => overdueAccount(table, { owner, dueDate: due })),
    );
    // A bug left one invoice without its account: its step cannot be taken.
    const broken = invoices[0] as (typeof invoices)[number];
    await table.client.send(
      new DeleteCommand({
        TableName: table.name,
        Key: { pk: accountRecordPk(broken.accountId), sk: 'ACCOUNT' },
      }),
    );
    const progressName = `arrears-failing-${randomUUID().slice(0, 8)}`;
    const input = { job: 'arrears', progressName, shards: 4, maxConcurrency: 2 };
    const first = await runWorkflow({ ...input, scheduledTime: `${date}T07:00:00+02:00` });
    expect(first.status).toBe('SUCCEEDED');
    expect(JSON.parse(first.output ?? '{}').dates).toEqual([
      expect.objectContaining({ date, completed: date, sent: 3, failed: 1 }),
    ]);
    expect(await jobStore(table).lastCompleted(progressName)).toBe(date);
    for (const { email, invoice } of invoices.slice(1)) {
      const sent = (await emailsTo(cloud, email)).filter((e) => e.subject.includes(invoice.number));
      expect(sent).toHaveLength(1);
    }
    const item = () => jobStore(table).getOpen(progressName, broken.invoice.number);
    expect(await item()).toMatchObject({
      state: 'failed',
      date,
      attempts: 1,
      reason: expect.stringContaining('ArrearsAccountMissing'),
    });

    // The next day's run: its date, then the failed item again, as of that day.
    const next = await runWorkflow({
      ...input,
      scheduledTime: `${addDays(date, 1)}T07:00:00+02:00`,
    });
    expect(next.status).toBe('SUCCEEDED');
    expect(await item()).toMatchObject({ state: 'failed', date, attempts: 2 });
  });
});
