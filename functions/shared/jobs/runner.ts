import { DateTime } from 'luxon';
import { ulid } from 'ulidx';
import { businessDateOf, jobCatchUp, parseBusinessDate } from '../rules/job-dates';
import {
  type AttemptOptions,
  actOnDate,
  type DailyJob,
  defaultAttemptsPerItem,
  type ItemCounts,
  noItems,
  retryOpenItems,
} from './item-attempts';
import type { JobStore } from './job-store';

export type {
  DailyJob,
  FailedItem,
  ItemOutcome,
  ItemPlan,
} from './item-attempts';

/**
 * The daily job runner. A job remembers the last business date it completed; a run for `asOf`
 * processes every date since then in order, so a missed day (machine off, failed deploy) is
 * caught up, then tries again what earlier runs left open (failed, or waiting), as of its own
 * date. Each item is claimed before the job acts on it and marked after (`item-attempts.ts`): a
 * run killed half-way is resumed by the next one, which acts only on what was not done, and two
 * runs at once act once per item. One item never stalls the run: a failed item is recorded and
 * listed for a person, and its date completes for everything else. A date stays open only while
 * another run holds one of its items.
 */

export interface JobSummary extends ItemCounts {
  job: string;
  dates: string[];
  /** The dates recorded as completed by this run. */
  completed: string[];
  dryRun: boolean;
}

export interface Progress {
  date: string;
  done: number;
  total: number;
}

export interface RunOptions
  extends Pick<AttemptOptions, 'leaseMinutes' | 'onFailure' | 'onPlan' | 'dryRun'> {
  /** The moment the run is for (the schedule's time); its business date is the last one run. */
  asOf: Date;
  zone: string;
  now: () => Date;
  /** How many times a failed item is tried in all (`jobs.attemptsPerItem`; 5 if not given). */
  attemptsPerItem?: number;
  onProgress?: (progress: Progress) => void;
}

export async function runDailyJob<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  options: RunOptions,
): Promise<JobSummary> {
  const today = businessDateOf(options.asOf, options.zone);
  const dates = jobCatchUp(await store.lastCompleted(job.name), today);
  const dryRun = options.dryRun ?? false;
  const attempts: AttemptOptions = {
    ...options,
    runId: ulid(),
    runStartedAt: options.now(),
    attemptsPerItem: options.attemptsPerItem ?? defaultAttemptsPerItem,
  };
  const summary: JobSummary = { job: job.name, dates, ...noItems(), completed: [], dryRun };
  let completedSoFar = true;
  for (const date of dates) {
    const asOf = date === today ? options.asOf : endOfBusinessDay(date, options.zone);
    const items = await job.items(date, asOf);
    const progress = (done: number) => options.onProgress?.({ date, done, total: items.length });
    const busy = await actOnDate(job, store, date, asOf, items, attempts, summary, progress);
    // Items a concurrent run held: done by now, or still its to finish (then it completes the
    // date). Of two runs at once, the one finishing last sees every item settled.
    let settled = true;
    for (const key of busy) {
      const state = (await store.marker(key))?.state;
      summary.busy--;
      if (state === 'started') {
        summary.busy++;
        settled = false;
      } else summary.skipped++;
    }
    if (items.length === 0) progress(0);
    // Completed dates advance only without a gap: a date left unsettled is run again next time.
    completedSoFar &&= settled;
    if (!dryRun && completedSoFar) {
      await store.recordCompleted(job.name, date, options.now());
      summary.completed.push(date);
    }
  }
  await retryOpenItems(job, store, today, options.asOf, attempts, summary);
  return summary;
}

/** The last moment of a business date in the company's zone. */
export function endOfBusinessDay(date: string, zone: string): Date {
  const day = parseBusinessDate(date);
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone })
    .endOf('day')
    .toJSDate();
}
