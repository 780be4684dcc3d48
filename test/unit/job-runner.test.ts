import { describe, expect, it } from 'vitest';
import type { ItemKey, ItemMarker, JobStore } from '../../functions/core/jobs/job-store';
import { type DailyJob, runDailyJob } from '../../functions/core/jobs/runner';

/** The job store's contract in memory, conditions included. */
function memoryJobStore(): JobStore & { markers: Map<string, ItemMarker> } {
  const last = new Map<string, string>();
  const markers = new Map<string, ItemMarker>();
  const id = (k: ItemKey) => `${k.job}#${k.date}#${k.itemId}`;
  return {
    markers,
    async lastCompleted(job) {
      return last.get(job);
    },
    async recordCompleted(job, date) {
      const current = last.get(job);
      if (current === undefined || current < date) last.set(job, date);
    },
    async claimItem(key, runId, now, staleBefore) {
      const m = markers.get(id(key));
      const free =
        !m ||
        m.state === 'failed' ||
        (m.state === 'started' && m.startedAt < staleBefore.toISOString());
      if (!free) return false;
      markers.set(id(key), { state: 'started', runId, startedAt: now.toISOString() });
      return true;
    },
    async finishItem(key, runId, outcome) {
      const m = markers.get(id(key));
      if (m?.runId !== runId) throw new Error('taken over');
      Object.assign(m, { state: 'done', outcome });
    },
    async failItem(key, runId, error) {
      const m = markers.get(id(key));
      if (m?.runId !== runId) throw new Error('taken over');
      Object.assign(m, { state: 'failed', lastError: error });
    },
    async marker(key) {
      return markers.get(id(key));
    },
  };
}

/** A job over fixed items per date that records what it acted on. */
function recordingJob(itemsPerDate: Record<string, string[]>) {
  const acted: string[] = [];
  const job: DailyJob<string> & { acted: string[]; failOn: Set<string>; killAfter?: number } = {
    name: 'notices',
    acted,
    failOn: new Set(),
    async items(date) {
      return (itemsPerDate[date] ?? ['a', 'b', 'c']).map((id) => ({ id, item: id }));
    },
    async act(item, date) {
      if (job.killAfter !== undefined && acted.length >= job.killAfter) {
        throw Object.assign(new Error('killed'), { killed: true });
      }
      // Concurrency shows only if acting takes a moment.
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (job.failOn.has(`${date}:${item}`)) throw new Error('SES is down');
      acted.push(`${date}:${item}`);
      return 'sent';
    },
  };
  return job;
}

const zone = 'Asia/Seoul';
const at = (iso: string) => new Date(iso);
const options = (asOf: Date, now = asOf) => ({ asOf, zone, now: () => now });

describe('the daily job runner', () => {
  it('a first run does today; a run days later catches up every missed date in order', async () => {
    const store = memoryJobStore();
    const job = recordingJob({
      '2026-02-26': ['x'],
      '2026-02-27': ['y'],
      '2026-02-28': ['z'],
      '2026-03-01': ['w'],
    });
    // 23:30 in Seoul on 25 Feb is still Seoul's 25 Feb (14:30 UTC).
    const first = await runDailyJob(job, store, options(at('2026-02-25T14:30:00Z')));
    expect(first.dates).toEqual(['2026-02-25']);
    expect(first.completed).toEqual(['2026-02-25']);
    // The machine was off until 1 March (no leap day in 2026).
    const later = await runDailyJob(job, store, options(at('2026-03-01T01:00:00Z')));
    expect(later.dates).toEqual(['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
    expect(job.acted.slice(3)).toEqual([
      '2026-02-26:x',
      '2026-02-27:y',
      '2026-02-28:z',
      '2026-03-01:w',
    ]);
    expect(await store.lastCompleted('notices')).toBe('2026-03-01');
    // Run again the same day: nothing left to do.
    const again = await runDailyJob(job, store, options(at('2026-03-01T02:00:00Z')));
    expect(again.dates).toEqual([]);
    expect(job.acted).toHaveLength(7);
  });

  it('a run killed half-way is resumed: only what was not done is acted on', async () => {
    const store = memoryJobStore();
    const job = recordingJob({});
    const asOf = at('2026-05-04T09:00:00Z');
    await runDailyJob(job, store, options(at('2026-05-03T09:00:00Z')));
    job.acted.length = 0;
    job.killAfter = 1;
    // The process dies while acting on the second item (here: the act throws, marked failed).
    const killed = await runDailyJob(job, store, options(asOf));
    expect(killed).toMatchObject({ sent: 1, failed: 2, completed: [] });
    job.killAfter = undefined;
    const resumed = await runDailyJob(job, store, options(asOf, at('2026-05-04T09:05:00Z')));
    expect(resumed).toMatchObject({ sent: 2, skipped: 1, failed: 0, completed: ['2026-05-04'] });
    expect(job.acted).toEqual(['2026-05-04:a', '2026-05-04:b', '2026-05-04:c']);
  });

  it('an item left started by a dead run is taken over only after the lease', async () => {
    const store = memoryJobStore();
    const job = recordingJob({});
    await runDailyJob(job, store, options(at('2026-05-03T09:00:00Z')));
    job.acted.length = 0;
    // A run that died right after claiming item b.
    await store.claimItem(
      { job: 'notices', date: '2026-05-04', itemId: 'b' },
      'dead-run',
      at('2026-05-04T09:00:00Z'),
      at('2026-05-04T08:45:00Z'),
    );
    const soon = await runDailyJob(job, store, options(at('2026-05-04T09:01:00Z')));
    expect(soon).toMatchObject({ sent: 2, busy: 1, completed: [] });
    const later = await runDailyJob(
      job,
      store,
      options(at('2026-05-04T09:01:00Z'), at('2026-05-04T09:20:00Z')),
    );
    expect(later).toMatchObject({ sent: 1, skipped: 2, completed: ['2026-05-04'] });
    expect(job.acted.sort()).toEqual(['2026-05-04:a', '2026-05-04:b', '2026-05-04:c']);
  });

  it('two runs at once for one date act once per item', async () => {
    const store = memoryJobStore();
    const job = recordingJob({});
    const asOf = at('2026-05-04T09:00:00Z');
    const [one, two] = await Promise.all([
      runDailyJob(job, store, options(asOf)),
      runDailyJob(job, store, options(asOf)),
    ]);
    expect(job.acted.sort()).toEqual(['2026-05-04:a', '2026-05-04:b', '2026-05-04:c']);
    expect(one.sent + two.sent).toBe(3);
  });

  it('a failed item keeps its date open; later dates run but the job does not skip past it', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-05': ['p'], '2026-05-06': ['q'] });
    await runDailyJob(job, store, options(at('2026-05-04T09:00:00Z')));
    job.failOn.add('2026-05-05:p');
    const run = await runDailyJob(job, store, options(at('2026-05-06T09:00:00Z')));
    expect(run).toMatchObject({ sent: 1, failed: 1, completed: [] });
    expect(await store.lastCompleted('notices')).toBe('2026-05-04');
    job.failOn.clear();
    const next = await runDailyJob(job, store, options(at('2026-05-06T10:00:00Z')));
    expect(next).toMatchObject({ sent: 1, skipped: 1, completed: ['2026-05-05', '2026-05-06'] });
  });

  it('a dry run counts what it would do and changes nothing', async () => {
    const store = memoryJobStore();
    const job = recordingJob({});
    const dry = await runDailyJob(job, store, {
      ...options(at('2026-05-04T09:00:00Z')),
      dryRun: true,
    });
    expect(dry).toMatchObject({ sent: 3, skipped: 0, completed: [], dryRun: true });
    expect(job.acted).toEqual([]);
    expect(store.markers.size).toBe(0);
    expect(await store.lastCompleted('notices')).toBeUndefined();
  });
});
