import { ulid } from 'ulidx';
import { businessDateOf, jobCatchUp } from '../rules/job-dates';
import {
  type AttemptOptions,
  actOnDate,
  type DailyJob,
  type ItemCounts,
  noItems,
  retryOpenItems,
} from './item-attempts';
import type { JobStore } from './job-store';
import { endOfBusinessDay } from './runner';

/**
 * A daily job's run fanned out (the `daily-job` workflow on AWS): the dates are planned as the
 * runner plans them, each date's items are split into shards (an item belongs to shard
 * hash(id) mod N) run in parallel, each item claimed as the runner claims it, and the date is
 * recorded completed once every shard has settled each of its items (done, failed and listed, or
 * waiting). Then the items earlier runs left open are tried again, shard by shard, as of the run's
 * own date. A shard run twice, or two at once, acts once per item; a date not completed (an item
 * held by another run) is run again by the next run.
 */

export interface PlannedDate {
  date: string;
  /** The moment the date is run as of: the schedule's time for today, else the day's end. */
  asOf: string;
}

export interface ShardSummary extends ItemCounts {
  shard: number;
  items: number;
  /** Every item of the shard is settled (by this run or an earlier one): none held by another. */
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

export interface ShardOptions
  extends Omit<AttemptOptions, 'runId' | 'dryRun' | 'onPlan' | 'runStartedAt'> {
  /** The business date acted on, as of `asOf`. */
  date: string;
  asOf: Date;
  shard: number;
  shards: number;
}

/** Acts on the date's items of one shard, each once. */
export async function runShard<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  options: ShardOptions,
): Promise<ShardSummary> {
  const { date, asOf, shard, shards } = options;
  const mine = (await job.items(date, asOf)).filter(({ id }) => shardOf(id, shards) === shard);
  const counts = noItems();
  const busy = await actOnDate(job, store, date, asOf, mine, { ...options, runId: ulid() }, counts);
  // Held by another run: done by now, or that run's date stays open for the next run.
  for (const key of busy) {
    if ((await store.marker(key))?.state !== 'started') {
      counts.busy--;
      counts.skipped++;
    }
  }
  return { shard, items: mine.length, ...counts, allDone: counts.busy === 0 };
}

/**
 * Tries again, as of `date` (the run's own business date), the open items of one shard that
 * earlier runs left failed or waiting; what was tried since `runStartedAt` (the workflow's start)
 * is left alone.
 */
export async function retryShard<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  options: ShardOptions & { runStartedAt: Date },
): Promise<ItemCounts & { shard: number }> {
  const { date, asOf, shard, shards } = options;
  const counts = noItems();
  await retryOpenItems(
    job,
    store,
    date,
    asOf,
    { ...options, runId: ulid() },
    counts,
    (itemId) => shardOf(itemId, shards) === shard,
  );
  return { shard, ...counts };
}

/** Thrown when a date cannot be recorded completed: the next run runs it again. */
export class JobDateIncomplete extends Error {
  override name = 'JobDateIncomplete';
}

/** Records the date completed if every shard settled all its items; throws otherwise. */
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
      `${job.name} ${date}: shards ${open.join(', ')} were not run, or have items held by another run`,
    );
  }
  await store.recordCompleted(job.name, date, now);
  return { completed: date };
}
