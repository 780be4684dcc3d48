import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DailyJob, runDailyJob } from '../../../functions/shared/jobs/runner';
import { memoryJobStore } from '../../support/memory-job-store';

/**
 * A job over fixed items per date that records what it acted on. `failOn` holds `date:item`
 * (fails on that date) or `item` (fails every time); `gone` items re-load as nothing to do.
 */
function recordingJob(itemsPerDate: Record<string, string[]>) {
  const acted: string[] = [];
  const job: DailyJob<string> & {
    acted: string[];
    failOn: Set<string>;
    waitOn: Set<string>;
    gone: Set<string>;
  } = {
    name: 'notices',
    acted,
    failOn: new Set(),
    waitOn: new Set(),
    gone: new Set(),
    async items(date) {
      return (itemsPerDate[date] ?? ['a', 'b', 'c']).map((id) => ({ id, item: id }));
    },
    async reload(id) {
      return job.gone.has(id) ? undefined : id;
    },
    async act(item, date) {
      // Concurrency shows only if acting takes a moment.
      await new Promise((resolve) => setTimeout(resolve, 1));
      acted.push(`${date}:${item}`);
      if (job.failOn.has(`${date}:${item}`) || job.failOn.has(item)) {
        throw new Error(`bad data in ${item}`);
      }
      return job.waitOn.has(item) ? 'waiting' : 'sent';
    },
  };
  return job;
}

const zone = 'Asia/Seoul';
const at = (iso: string) => new Date(iso);
const options = (asOf: Date, now = asOf) => ({ asOf, zone, now: () => now });
/** 09:00 in Seoul on a date of May 2026. */
const may = (day: number) => at(`2026-05-${String(day).padStart(2, '0')}T00:00:00Z`);
const by = { staffId: 'F1', name: 'Finn Finance' };

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
      [],
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

  it('an item that fails is recorded with its error and attempts; its date completes for the rest', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-05': ['p', 'q'], '2026-05-06': ['r'] });
    await runDailyJob(job, store, options(may(4)));
    job.failOn.add('2026-05-05:p');
    const run = await runDailyJob(job, store, options(may(5)));
    expect(run).toMatchObject({
      sent: 1,
      failed: 1,
      completed: ['2026-05-05'],
      failures: [{ date: '2026-05-05', itemId: 'p', reason: 'Error: bad data in p', attempts: 1 }],
    });
    expect(await store.openItemsOf('notices')).toEqual([
      expect.objectContaining({ itemId: 'p', date: '2026-05-05', state: 'failed', attempts: 1 }),
    ]);
    // The next run does its own date and tries p again, as of that date: fixed, it goes out.
    const next = await runDailyJob(job, store, options(may(6)));
    expect(next).toMatchObject({ sent: 2, failed: 0, retried: 1, completed: ['2026-05-06'] });
    expect(job.acted.filter((a) => a.endsWith(':p'))).toEqual(['2026-05-05:p', '2026-05-06:p']);
    expect(store.open.size).toBe(0);
  });

  it('a failed item is tried once a business date, as of that date, then left for a person at the limit', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-04': ['p'] });
    job.failOn.add('p');
    for (const day of [4, 5, 6]) {
      // Two runs a day: the second finds it tried on that date already.
      await runDailyJob(job, store, { ...options(may(day)), attemptsPerItem: 3 });
      await runDailyJob(job, store, { ...options(may(day)), attemptsPerItem: 3 });
    }
    // Listed only on 4 May: re-loaded by its id on the 5th and 6th, acting as of those dates.
    expect(job.acted.filter((a) => a.endsWith(':p'))).toEqual([
      '2026-05-04:p',
      '2026-05-05:p',
      '2026-05-06:p',
    ]);
    const after = await runDailyJob(job, store, { ...options(may(7)), attemptsPerItem: 3 });
    expect(after).toMatchObject({ failed: 0, leftForPerson: 1 });
    expect(store.open.get('notices#p')).toMatchObject({ state: 'failed', attempts: 3 });
  });

  it('an item fixed meanwhile goes out with the next try and leaves the list; one gone is closed', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-04': ['p', 'q'] });
    job.failOn.add('p');
    job.failOn.add('q');
    await runDailyJob(job, store, options(may(4)));
    expect(await store.countOpen()).toEqual({ failed: 2, waiting: 0 });
    job.failOn.clear();
    job.gone.add('q');
    const next = await runDailyJob(job, store, options(may(5)));
    expect(next).toMatchObject({ retried: 2, failed: 0 });
    expect(job.acted).toContain('2026-05-05:p');
    expect(job.acted).not.toContain('2026-05-05:q');
    expect(await store.countOpen()).toEqual({ failed: 0, waiting: 0 });
  });

  it('two runs at once try a failed item once', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-04': ['p'] });
    job.failOn.add('2026-05-04:p');
    await runDailyJob(job, store, options(may(4)));
    job.acted.length = 0;
    await Promise.all([
      runDailyJob(job, store, options(may(5))),
      runDailyJob(job, store, options(may(5))),
    ]);
    expect(job.acted.filter((a) => a.endsWith(':p'))).toEqual(['2026-05-05:p']);
    expect(store.open.size).toBe(0);
  });

  it('a person’s retry tries the item once more, past the limit and on a date it was tried', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-04': ['p'] });
    job.failOn.add('p');
    await runDailyJob(job, store, { ...options(may(4)), attemptsPerItem: 1 });
    expect(await store.requestRetry('notices', 'p', by, may(4))).toBe(true);
    // A double click asks once.
    expect(await store.requestRetry('notices', 'p', by, may(4))).toBe(false);
    job.failOn.clear();
    const retry = await runDailyJob(job, store, { ...options(may(4)), attemptsPerItem: 1 });
    expect(retry).toMatchObject({ retried: 1, sent: 1 });
    expect(job.acted.filter((a) => a.endsWith(':p'))).toEqual(['2026-05-04:p', '2026-05-04:p']);
    expect(store.open.size).toBe(0);
  });

  it('a dismissed item leaves the list with its note; failing again later lists it afresh', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-04': ['p'], '2026-05-05': ['p'] });
    job.failOn.add('p');
    await runDailyJob(job, store, { ...options(may(4)), attemptsPerItem: 1 });
    expect(await store.dismiss('notices', 'p', by, 'Voided by hand', may(4))).toBe('dismissed');
    expect(await store.dismiss('notices', 'p', by, 'Voided by hand', may(4))).toBe('not-failed');
    expect(await store.recentlyDismissed(2026, 10)).toEqual([
      expect.objectContaining({ itemId: 'p', dismissed: expect.objectContaining({ by }) }),
    ]);
    await runDailyJob(job, store, { ...options(may(5)), attemptsPerItem: 1 });
    expect(store.open.get('notices#p')).toMatchObject({ date: '2026-05-05', attempts: 1 });
  });

  it('an item waiting for the company’s details is no failure: tried by every run, no limit, never dismissed', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-04': ['inv'] });
    job.waitOn.add('inv');
    const first = await runDailyJob(job, store, { ...options(may(4)), attemptsPerItem: 1 });
    expect(first).toMatchObject({ waiting: 1, failed: 0, completed: ['2026-05-04'] });
    for (const day of [5, 6, 7]) {
      await runDailyJob(job, store, { ...options(may(day)), attemptsPerItem: 1 });
    }
    expect(store.open.get('notices#inv')).toMatchObject({ state: 'waiting', date: '2026-05-04' });
    expect(await store.dismiss('notices', 'inv', by, 'no', may(7))).toBe('not-failed');
    // Filled in: a second run the same day (an hour later) sends it, once.
    job.waitOn.clear();
    const later = new Date(may(7).getTime() + 3_600_000);
    const released = await runDailyJob(job, store, { ...options(later), attemptsPerItem: 1 });
    expect(released).toMatchObject({ sent: 1, retried: 1 });
    await runDailyJob(job, store, options(may(8)));
    expect(job.acted.filter((a) => a.endsWith(':inv'))).toEqual([
      '2026-05-04:inv',
      '2026-05-05:inv',
      '2026-05-06:inv',
      '2026-05-07:inv',
      '2026-05-07:inv',
    ]);
    expect(store.open.size).toBe(0);
  });

  it('a dry run lists what it would do, item by item, and changes nothing', async () => {
    const store = memoryJobStore();
    const job = recordingJob({ '2026-05-04': ['p'] });
    job.failOn.add('p');
    await runDailyJob(job, store, options(may(4)));
    const markers = store.markers.size;
    const plans: string[] = [];
    const dry = await runDailyJob(job, store, {
      ...options(may(5)),
      dryRun: true,
      onPlan: (p) => plans.push(`${p.date} ${p.itemId}: ${p.plan}`),
    });
    expect(dry).toMatchObject({ sent: 4, skipped: 0, completed: [], dryRun: true });
    expect(plans).toEqual([
      '2026-05-05 a: would act',
      '2026-05-05 b: would act',
      '2026-05-05 c: would act',
      '2026-05-04 p: failed 1 of 5 times: would try again, as of 2026-05-05',
    ]);
    expect(job.acted).toEqual(['2026-05-04:p']);
    expect(store.markers.size).toBe(markers);
    expect(await store.lastCompleted('notices')).toBe('2026-05-04');
  });

  it('whatever fails when, every date completes, each item is acted on at most once a date and a failed one at most the limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom('a', 'b', 'c')), {
          maxLength: 10,
        }),
        fc.subarray(['a', 'b', 'c']),
        fc.subarray([2, 3, 4, 5]),
        async (failures, alwaysFailing, daysOff) => {
          const store = memoryJobStore();
          const job = recordingJob({});
          for (const [day, item] of failures) job.failOn.add(`2026-05-0${day}:${item}`);
          for (const item of alwaysFailing) job.failOn.add(item);
          const limit = 3;
          for (const day of [1, 2, 3, 4, 5, 6].filter((d) => !daysOff.includes(d))) {
            await runDailyJob(job, store, { ...options(may(day)), attemptsPerItem: limit });
          }
          expect(await store.lastCompleted('notices')).toBe('2026-05-06');
          expect(new Set(job.acted).size).toBe(job.acted.length);
          for (const item of alwaysFailing) {
            expect(job.acted.filter((a) => a.endsWith(`:${item}`)).length).toBeLessThanOrEqual(
              limit,
            );
            expect(store.open.get(`notices#${item}`)?.state).toBe('failed');
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
