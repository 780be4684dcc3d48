import { describe, expect, it } from 'vitest';
import {
  completeDate,
  JobDateIncomplete,
  planDates,
  runShard,
  shardOf,
} from '../../../functions/core/jobs/fan-out';
import type { ItemMarker, JobStore } from '../../../functions/core/jobs/job-store';
import type { DailyJob } from '../../../functions/core/jobs/runner';

/** Markers and completed dates in memory, with the claim's condition. */
function store(): JobStore & { last: Map<string, string> } {
  const last = new Map<string, string>();
  const markers = new Map<string, ItemMarker>();
  const id = (k: { job: string; date: string; itemId: string }) => `${k.job}#${k.date}#${k.itemId}`;
  return {
    last,
    lastCompleted: async (job) => last.get(job),
    recordCompleted: async (job, date) => {
      if ((last.get(job) ?? '') < date) last.set(job, date);
    },
    claimItem: async (key, runId, now) => {
      const m = markers.get(id(key));
      if (m && m.state !== 'failed') return false;
      markers.set(id(key), { state: 'started', runId, startedAt: now.toISOString() });
      return true;
    },
    finishItem: async (key, _runId, outcome) => {
      Object.assign(markers.get(id(key)) ?? {}, { state: 'done', outcome });
    },
    failItem: async (key, _runId, error) => {
      Object.assign(markers.get(id(key)) ?? {}, { state: 'failed', lastError: error });
    },
    marker: async (key) => markers.get(id(key)),
  };
}

const ids = Array.from({ length: 40 }, (_, i) => `INV-2031-${String(i + 1).padStart(6, '0')}`);
function job(failing = new Set<string>()) {
  const acted: string[] = [];
  const daily: DailyJob<string> & { acted: string[] } = {
    name: 'reminders',
    acted,
    items: async () => ids.map((id) => ({ id, item: id })),
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
    const run = (shard: number) =>
      runShard(daily, progress, { date: '2031-05-04', asOf, shard, shards: 4, now });
    const results = await Promise.all([0, 1, 2, 3, 2].map(run));
    expect([...daily.acted].sort()).toEqual(ids);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(40);
    expect(results.every((r) => r.allDone)).toBe(true);
    await completeDate(daily, progress, '2031-05-04', results, 4, now());
    expect(progress.last.get('reminders')).toBe('2031-05-04');
  });

  it('leaves a date open when a shard failed an item or did not run', async () => {
    const progress = store();
    const daily = job(new Set([ids[3] as string]));
    const failedShard = shardOf(ids[3] as string, 4);
    const results = await Promise.all(
      [0, 1, 2, 3].map((shard) =>
        runShard(daily, progress, { date: '2031-05-04', asOf, shard, shards: 4, now }),
      ),
    );
    expect(results.find((r) => r.shard === failedShard)).toMatchObject({
      failed: 1,
      allDone: false,
    });
    await expect(completeDate(daily, progress, '2031-05-04', results, 4, now())).rejects.toThrow(
      JobDateIncomplete,
    );
    const others = results.filter((r) => r.shard !== failedShard);
    await expect(completeDate(daily, progress, '2031-05-04', others, 4, now())).rejects.toThrow(
      `shards ${failedShard} were not run`,
    );
    expect(progress.last.has('reminders')).toBe(false);
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
