import { DateTime } from 'luxon';
import { ulid } from 'ulidx';
import { businessDateOf, jobCatchUp, parseBusinessDate } from '../domain/job-dates';
import type { ItemKey, JobStore } from './job-store';

/**
 * The daily job runner. A job remembers the last business date it completed; a run for `asOf`
 * processes every date since then in order, so a missed day (machine off, failed deploy) is
 * caught up. Within a date each item is claimed with a conditional write before the job acts on
 * it and marked done after: a run killed half-way is resumed by the next one, which acts only on
 * what was not done, and two runs at once act once per item. A date counts as completed only
 * when every one of its items is done.
 */

/** What a job does for one item: it sent something, or there was nothing (more) to do. */
export type ItemOutcome = 'sent' | 'skipped';

export interface DailyJob<Item> {
  name: string;
  /**
   * The items to look at for a business date, as of `asOf` (the end of that day, or the run's own
   * moment for its last date). Reads only what it acts on: an index, never a scan.
   */
  items(date: string, asOf: Date): Promise<{ id: string; item: Item }[]>;
  /** Acts on one item. Must be idempotent (the outbox makes emails so): a takeover may repeat it. */
  act(item: Item, date: string, asOf: Date, now: Date): Promise<ItemOutcome>;
}

export interface JobSummary {
  job: string;
  dates: string[];
  sent: number;
  skipped: number;
  failed: number;
  /** Items another run holds right now: left to it. */
  busy: number;
  /** The dates recorded as completed by this run. */
  completed: string[];
  dryRun: boolean;
}

export interface Progress {
  date: string;
  done: number;
  total: number;
}

export interface RunOptions {
  /** The moment the run is for (the schedule's time); its business date is the last one run. */
  asOf: Date;
  zone: string;
  now: () => Date;
  /** Lists what would be done without acting or recording anything. */
  dryRun?: boolean;
  /** An item started by a run longer ago than this is taken over (that run was killed). */
  leaseMinutes?: number;
  onProgress?: (progress: Progress) => void;
  onFailure?: (itemId: string, date: string, error: unknown) => void;
}

export async function runDailyJob<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  options: RunOptions,
): Promise<JobSummary> {
  const today = businessDateOf(options.asOf, options.zone);
  const dates = jobCatchUp(await store.lastCompleted(job.name), today);
  const runId = ulid();
  const dryRun = options.dryRun ?? false;
  const summary: JobSummary = {
    job: job.name,
    dates,
    sent: 0,
    skipped: 0,
    failed: 0,
    busy: 0,
    completed: [],
    dryRun,
  };
  let completedSoFar = true;
  for (const date of dates) {
    const asOf = date === today ? options.asOf : endOfBusinessDay(date, options.zone);
    const items = await job.items(date, asOf);
    let allDone = true;
    const busy: ItemKey[] = [];
    for (const [index, { id, item }] of items.entries()) {
      const key = { job: job.name, date, itemId: id };
      if (dryRun) {
        const marker = await store.marker(key);
        if (marker?.state === 'done') summary.skipped++;
        else summary.sent++; // would act on it
      } else {
        const outcome = await actOnce(job, store, key, item, runId, asOf, options);
        if (outcome === 'failed') allDone = false;
        if (outcome === 'busy') busy.push(key);
        else summary[outcome]++;
      }
      options.onProgress?.({ date, done: index + 1, total: items.length });
    }
    // Items a concurrent run held: done by now, or still its to finish (then it completes the
    // date). Of two runs at once, the one finishing last sees every item done.
    for (const key of busy) {
      if ((await store.marker(key))?.state === 'done') summary.skipped++;
      else {
        summary.busy++;
        allDone = false;
      }
    }
    if (items.length === 0) options.onProgress?.({ date, done: 0, total: 0 });
    // Completed dates advance only without a gap: a date left unfinished is run again next time.
    completedSoFar &&= allDone;
    if (!dryRun && completedSoFar) {
      await store.recordCompleted(job.name, date, options.now());
      summary.completed.push(date);
    }
  }
  return summary;
}

/** Claims one item, acts on it and marks it done or failed; `busy` if another run holds it. */
export async function actOnce<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  key: ItemKey,
  item: Item,
  runId: string,
  asOf: Date,
  options: Pick<RunOptions, 'now' | 'leaseMinutes' | 'onFailure'>,
): Promise<ItemOutcome | 'busy' | 'failed'> {
  const now = options.now();
  const staleBefore = new Date(now.getTime() - (options.leaseMinutes ?? 15) * 60_000);
  if (!(await store.claimItem(key, runId, now, staleBefore))) {
    const marker = await store.marker(key);
    return marker?.state === 'done' ? 'skipped' : 'busy';
  }
  let outcome: ItemOutcome;
  try {
    outcome = await job.act(item, key.date, asOf, now);
  } catch (error) {
    options.onFailure?.(key.itemId, key.date, error);
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await store.failItem(key, runId, reason.slice(0, 1000));
    return 'failed';
  }
  await store.finishItem(key, runId, outcome);
  return outcome;
}

/** The last moment of a business date in the company's zone. */
export function endOfBusinessDay(date: string, zone: string): Date {
  const day = parseBusinessDate(date);
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone })
    .endOf('day')
    .toJSDate();
}
