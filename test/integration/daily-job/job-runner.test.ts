import { afterAll, describe, expect, inject, it } from 'vitest';
import { jobStore } from '../../../functions/shared/jobs/job-store';
import { type DailyJob, runDailyJob } from '../../../functions/shared/jobs/runner';
import { businessDateOf } from '../../../functions/shared/rules/job-dates';
import { runJobCli } from '../../support/job-cli';
import { cloudNow } from '../../support/local-cloud-clients';
import { localTable } from '../../support/staff-fixtures';

/**
 * The job runner against DynamoDB Local (its conditional writes are what make two runs act once
 * per item), and the job CLI against the running local cloud.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const store = jobStore(table);
afterAll(() => table.client.destroy());
const zone = 'Europe/Athens';

function countingJob(name: string, items: string[], actMs = 5) {
  const acted: string[] = [];
  const job: DailyJob<string> & { acted: string[]; failOn?: string } = {
    name,
    acted,
    async items() {
      return items.map((id) => ({ id, item: id }));
    },
    async reload(id) {
      return id;
    },
    async act(item, date) {
      if (job.failOn === item) throw new Error(`bad data in ${item}`);
      await new Promise((resolve) => setTimeout(resolve, actMs));
      acted.push(`${date}:${item}`);
      return 'sent';
    },
  };
  return job;
}

describe('the job runner on DynamoDB Local', () => {
  it('two concurrent runs for one date act once per item, and the date is completed', async () => {
    const name = `concurrent-${Date.now()}`;
    const items = Array.from({ length: 12 }, (_, i) => `item-${i}`);
    const job = countingJob(name, items);
    const asOf = new Date('2026-07-01T06:00:00Z');
    const runs = await Promise.all([
      runDailyJob(job, store, { asOf, zone, now: () => new Date() }),
      runDailyJob(job, store, { asOf, zone, now: () => new Date() }),
    ]);
    expect([...job.acted].sort()).toEqual(items.map((i) => `2026-07-01:${i}`).sort());
    expect(runs[0].sent + runs[1].sent).toBe(12);
    expect(await store.lastCompleted(name)).toBe('2026-07-01');
  });

  it('an item that fails is recorded and listed; the dates complete, and a later date tries it again', async () => {
    const name = `failing-${Date.now()}`;
    const job = countingJob(name, ['a', 'b', 'c']);
    await runDailyJob(job, store, {
      asOf: new Date('2026-02-27T10:00:00Z'),
      zone,
      now: () => new Date(),
    });
    job.acted.length = 0;
    job.failOn = 'b';
    const broken = await runDailyJob(job, store, {
      asOf: new Date('2026-03-01T10:00:00Z'),
      zone,
      now: () => new Date(),
    });
    expect(broken).toMatchObject({
      dates: ['2026-02-28', '2026-03-01'],
      sent: 4,
      failed: 2,
      completed: ['2026-02-28', '2026-03-01'],
    });
    expect(await store.openItemsOf(name)).toEqual([
      expect.objectContaining({ itemId: 'b', date: '2026-02-28', state: 'failed', attempts: 2 }),
    ]);
    job.failOn = undefined;
    const next = await runDailyJob(job, store, {
      asOf: new Date('2026-03-02T10:00:00Z'),
      zone,
      now: () => new Date(),
    });
    expect(next).toMatchObject({ sent: 3, failed: 0, retried: 1, completed: ['2026-03-02'] });
    expect(await store.openItemsOf(name)).toEqual([]);
    expect(job.acted.filter((a) => a.endsWith(':b'))).toEqual(['2026-03-02:b']);
  });
});

const runCli = runJobCli;

describe('npm run job', () => {
  const local = { DESK_LOCAL_READY: JSON.stringify(cloud) };

  it('refuses an unknown job or a bad date, naming the argument, with exit code 2', async () => {
    const unknown = await runCli(['nonsense', '--as-of', '2026-05-01'], local);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('name: there is no job "nonsense"');
    const badDate = await runCli(['first-contacts', '--as-of', '2026-02-30'], local);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--as-of: 2026-02-30 is not a date');
    const noDate = await runCli(['first-contacts'], local);
    expect(noDate.code).toBe(2);
    expect(noDate.stderr).toContain('--as-of');
  });

  it('runs first-contacts on the local cloud: a dry run changes nothing, a run completes the date once', async () => {
    const today = businessDateOf(await cloudNow(cloud), zone);
    const before = await store.lastCompleted('first-contacts');

    const dry = await runCli(['first-contacts', '--as-of', today, '--dry-run'], local);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('dry run: nothing sent or recorded');
    expect(dry.stdout).toMatch(/would send \d+, skipped \d+, failed 0/);
    expect(await store.lastCompleted('first-contacts')).toBe(before);

    const run = await runCli(['first-contacts', '--as-of', today], local);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sent \d+, skipped \d+, failed 0/);
    // Not a terminal: the progress is plain lines.
    expect(run.stderr).not.toContain('\r');
    expect((await store.lastCompleted('first-contacts')) ?? '').toBe(today);

    const again = await runCli(['first-contacts', '--as-of', today], local);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to do (already completed)');
  });
});
