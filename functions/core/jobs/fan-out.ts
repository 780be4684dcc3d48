import { ulid } from 'ulidx';
import { businessDateOf, jobCatchUp } from '../domain/job-dates';
import type { JobStore } from './job-store';
import { actOnce, type DailyJob, endOfBusinessDay } from './runner';

/**
 * A daily job's run fanned out (the `daily-job` workflow on AWS): the dates are planned as the
 * runner plans them, each date's items are split into shards (an item belongs to shard
 * hash(id) mod N) run in parallel, each item claimed as the runner claims it, and the date is
 * recorded completed only when every shard saw all of its items done. A shard run twice, or
 * two at once, acts once per item; a date not completed is run again by the next run.
 */

export interface PlannedDate {
  date: string;
  /** The moment the date is run as of: the schedule's time for today, else the day's end. */
  asOf: string;
}

export interface ShardSummary {
  shard: number;
  items: number;
  sent: number;
  skipped: number;
  failed: number;
  busy: number;
  /** Every item of the shard is done (by this run or an earlier one). */
  allDone: boolean;
}

/** FNV-1a of the id: stable across runs and machines, so an item always lands in one shard. */
export function shardOf(itemId: string, shards: number): number {
  let hash = 0x811c9dc5;
  for (const char of itemId) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shards;
}

/** Every business date since the job's last completed one, up to the schedule's own date. */
export async function planDates(
  job: Pick<DailyJob<unknown>, 'name'>,
  store: JobStore,
  asOf: Date,
  zone: string,
): Promise<PlannedDate[]> {
  const today = businessDateOf(asOf, zone);
  return jobCatchUp(await store.lastCompleted(job.name), today).map((date) => ({
    date,
    asOf: (date === today ? asOf : endOfBusinessDay(date, zone)).toISOString(),
  }));
}

/** Acts on the date's items of one shard, each once. */
export async function runShard<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  options: {
    date: string;
    asOf: Date;
    shard: number;
    shards: number;
    now: () => Date;
    leaseMinutes?: number;
    onFailure?: (itemId: string, date: string, error: unknown) => void;
  },
): Promise<ShardSummary> {
  const { date, asOf, shard, shards } = options;
  const runId = ulid();
  const mine = (await job.items(date, asOf)).filter(({ id }) => shardOf(id, shards) === shard);
  const summary: ShardSummary = {
    shard,
    items: mine.length,
    sent: 0,
    skipped: 0,
    failed: 0,
    busy: 0,
    allDone: true,
  };
  for (const { id, item } of mine) {
    const key = { job: job.name, date, itemId: id };
    const outcome = await actOnce(job, store, key, item, runId, asOf, options);
    if (outcome === 'busy') {
      // Another run holds it; done by now, or that run's date stays open for the next run.
      if ((await store.marker(key))?.state === 'done') summary.skipped++;
      else summary.busy++;
    } else summary[outcome]++;
  }
  summary.allDone = summary.failed === 0 && summary.busy === 0;
  return summary;
}

/** Thrown when a date cannot be recorded completed: the next run runs it again. */
export class JobDateIncomplete extends Error {
  override name = 'JobDateIncomplete';
}

/** Records the date completed if every shard saw all its items done; throws otherwise. */
export async function completeDate(
  job: Pick<DailyJob<unknown>, 'name'>,
  store: JobStore,
  date: string,
  shards: readonly Pick<ShardSummary, 'shard' | 'allDone'>[],
  shardCount: number,
  now: Date,
): Promise<{ completed: string }> {
  const seen = new Set(shards.map((s) => s.shard));
  const missing = [...Array(shardCount).keys()].filter((shard) => !seen.has(shard));
  const open = [...missing, ...shards.filter((s) => !s.allDone).map((s) => s.shard)];
  if (open.length > 0) {
    throw new JobDateIncomplete(
      `${job.name} ${date}: shards ${open.join(', ')} were not run, or have items failed or held by another run`,
    );
  }
  await store.recordCompleted(job.name, date, now);
  return { completed: date };
}
