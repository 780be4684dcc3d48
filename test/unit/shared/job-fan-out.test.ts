import { describe, expect, it } from 'vitest';
import {
  completeDate,
  JobDateIncomplete,
  planDates,
  retryShard,
  runShard,
  shardOf,
} from '../../../functions/shared/jobs/fan-out';
import type { DailyJob } from '../../../functions/shared/jobs/runner';
import { memoryJobStore as store } from '../../support/memory-job-store';

const ids = Array.from({ length: 40 }, (_, i) => `INV-2031-${String(i + 1).padStart(6, '0')}`);
function job(failing = new Set<string>()) {
  const acted: string[] = [];
  const daily: DailyJob<string> & { acted: string[] } = {
    name: 'reminders',
    acted,
    items: async () => ids.map((id) => ({ id, item: id })),
    reload: async (id) => id,
    act: async (item) => {
      if (failing.has(item)) throw new Error('SES is down');
      acted.push(item);
      return 'sent';
    },
  };
  return daily;
}
const now = () => new Date('2031-05-04T04:00:00Z');
const asOf = new Date('2031-05-04T04:00:00Z');
const shardRun = { date: '2031-05-04', asOf, shards: 4, now, attemptsPerItem: 5 };

describe('a job run in shards', () => {
  it('puts every item in exactly one shard, the same one every time', () => {
    const shards = ids.map((id) => shardOf(id, 4));
    expect(ids.map((id) => shardOf(id, 4))).toEqual(shards);
    expect(new Set(shards)).toEqual(new Set([0, 1, 2, 3]));
    expect(shards.every((s) => s >= 0 && s < 4)).toBe(true);
  });

  it('acts on each item once over the shards, also when a shard runs twice', async () => {
    const progress = store();
    const daily = job();
    const run = (shard: number) => runShard(daily, progress, { ...shardRun, shard });
    const results = await Promise.all([0, 1, 2, 3, 2].map(run));
    expect([...daily.acted].sort()).toEqual(ids);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(40);
    expect(results.every((r) => r.allDone)).toBe(true);
    await completeDate(daily, progress, '2031-05-04', results, 4, now());
    expect(progress.last.get('reminders')).toBe('2031-05-04');
  });

  it('completes a date whose shard failed an item (listed), not one a shard missed or another run holds', async () => {
    const progress = store();
    const failing = new Set([ids[3] as string]);
    const daily = job(failing);
    const failedShard = shardOf(ids[3] as string, 4);
    const results = await Promise.all(
      [0, 1, 2, 3].map((shard) => runShard(daily, progress, { ...shardRun, shard })),
    );
    expect(results.find((r) => r.shard === failedShard)).toMatchObject({
      failed: 1,
      allDone: true,
      failures: [{ itemId: ids[3], attempts: 1, reason: 'Error: SES is down' }],
    });
    const others = results.filter((r) => r.shard !== failedShard);
    await expect(completeDate(daily, progress, '2031-05-04', others, 4, now())).rejects.toThrow(
      `shards ${failedShard} were not run`,
    );
    const held = results.map((r) => (r.shard === 0 ? { ...r, allDone: false } : r));
    await expect(completeDate(daily, progress, '2031-05-04', held, 4, now())).rejects.toThrow(
      JobDateIncomplete,
    );
    await completeDate(daily, progress, '2031-05-04', results, 4, now());
    expect(progress.last.get('reminders')).toBe('2031-05-04');
    expect([...progress.open.values()]).toEqual([
      expect.objectContaining({ itemId: ids[3], state: 'failed', date: '2031-05-04' }),
    ]);

    // The next day's run tries it again in its own shard, as of its own date; fixed, it is sent.
    failing.clear();
    const nextDay = {
      ...shardRun,
      date: '2031-05-05',
      asOf: new Date('2031-05-05T04:00:00Z'),
      runStartedAt: new Date('2031-05-05T04:00:00Z'),
    };
    const retried = await Promise.all(
      [0, 1, 2, 3].map((shard) => retryShard(daily, progress, { ...nextDay, shard })),
    );
    expect(retried.map((r) => r.sent)).toEqual(
      [0, 1, 2, 3].map((shard) => (shard === failedShard ? 1 : 0)),
    );
    expect(daily.acted.filter((id) => id === ids[3])).toHaveLength(1);
    expect(progress.open.size).toBe(0);
  });

  it('plans every date since the last completed one, the last as of the schedule’s time', async () => {
    const progress = store();
    await progress.recordCompleted('reminders', '2031-05-01', now());
    expect(await planDates(job(), progress, asOf, 'Asia/Seoul')).toEqual([
      { date: '2031-05-02', asOf: '2031-05-02T14:59:59.999Z' },
      { date: '2031-05-03', asOf: '2031-05-03T14:59:59.999Z' },
      { date: '2031-05-04', asOf: '2031-05-04T04:00:00.000Z' },
    ]);
  });
});
