import type { JobStore } from './job-store';
import type { ItemKey, OpenJobItem } from './open-items';

/**
 * Acting on a daily job's items, once each, without one item ever stalling the rest: the rules
 * the runner (`runner.ts`) and the fanned-out run (`fan-out.ts`) share.
 *
 * - Each attempt is claimed on the item's marker for the date it acts as of (`job-store.ts`), so
 *   two runs at once, or a rerun, act once per item and date; a run killed mid-item leaves it
 *   `started`, taken over after the lease.
 * - An item that throws is recorded failed, with its error and attempts (`open-items.ts`), and
 *   the run goes on. It is tried again once on each later business date a run covers: listed
 *   again for that date, or re-loaded by its id (`DailyJob.reload`) and acted on as of the run's
 *   own date, since an invoice is numbered and dated when it is issued. After
 *   `jobs.attemptsPerItem` attempts it is left for a person, who asks for one more try or
 *   dismisses it in the back office.
 * - An item that cannot go out until the company's details are filled in answers `waiting`: not a
 *   failure, so no limit and no dismissing; every run tries it again until it goes out.
 */

/** What a job did for one item: sent something, had nothing (more) to do, or must wait. */
export type ItemOutcome = 'sent' | 'skipped' | 'waiting';

export interface DailyJob<Item> {
  name: string;
  /**
   * The items to look at for a business date, as of `asOf` (the end of that day, or the run's own
   * moment for its last date). Reads only what it acts on: an index, never a scan.
   */
  items(date: string, asOf: Date): Promise<{ id: string; item: Item }[]>;
  /**
   * One item again by its id, to try it once more (after it failed or waited) as of business date
   * `date`; undefined when there is nothing left to do for it (its record is gone, or done).
   */
  reload(id: string, date: string): Promise<Item | undefined>;
  /** Acts on one item. Must be idempotent (the outbox makes emails so): a takeover may repeat it. */
  act(item: Item, date: string, asOf: Date, now: Date): Promise<ItemOutcome>;
}

/** Why an item waits, as the back office shows it. */
export const waitingForCompanyDetails =
  'Waiting for the company’s details (legal name, address, tax id, payment details): a manager ' +
  'fills them in on the settings page, then it goes out with the next run.';

export interface FailedItem {
  date: string;
  itemId: string;
  reason: string;
  /** Attempts so far, this one included. */
  attempts: number;
}

/** A line of a dry run: what would be done with one item. */
export interface ItemPlan {
  date: string;
  itemId: string;
  plan: string;
}

/** What became of the items a run looked at. */
export interface ItemCounts {
  sent: number;
  skipped: number;
  failed: number;
  waiting: number;
  /** Held by another run right now: left to it (its date stays open until it is done). */
  busy: number;
  /** Failed as often as the limit allows: not tried, left for a person. */
  leftForPerson: number;
  /** Items left open by an earlier run and tried again (also counted above). */
  retried: number;
  /** Each item that failed in this run, with why. */
  failures: FailedItem[];
}

export const noItems = (): ItemCounts => ({
  sent: 0,
  skipped: 0,
  failed: 0,
  waiting: 0,
  busy: 0,
  leftForPerson: 0,
  retried: 0,
  failures: [],
});

/** Tries of a failed job item before a person is asked, unless the settings say otherwise. */
export const defaultAttemptsPerItem = 5;

export interface AttemptOptions {
  /** The run's id: its claims carry it. */
  runId: string;
  now: () => Date;
  /** An item started by a run longer ago than this is taken over (that run was killed). */
  leaseMinutes?: number;
  /** How many times a failed item is tried in all before it is left for a person. */
  attemptsPerItem: number;
  /** Lists what would be done (`onPlan`) without acting or recording anything. */
  dryRun?: boolean;
  /**
   * When the run started: its retries leave alone what was tried since (by its own dates, or a
   * run at the same time), so an item is tried at most once a run.
   */
  runStartedAt?: Date;
  onFailure?: (failure: FailedItem, error: unknown) => void;
  onPlan?: (plan: ItemPlan) => void;
}

/** A failed item tried as often as allowed and not asked for again: a person's now. */
const leftForPerson = (open: OpenJobItem | undefined, limit: number) =>
  open?.state === 'failed' && open.attempts >= limit && !open.retryRequested;

type Attempt = { outcome: ItemOutcome | 'failed' | 'busy'; acted: boolean; failure?: FailedItem };

/**
 * Claims the item for `key` (its marker in one of the `again` states may be claimed anew), loads
 * and acts on it, and records what became of it.
 */
async function attempt<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  key: ItemKey,
  load: () => Promise<Item | undefined>,
  asOf: Date,
  options: AttemptOptions,
  again: readonly ('failed' | 'waiting')[],
  open: OpenJobItem | undefined,
  counts: ItemCounts,
): Promise<Attempt> {
  const now = options.now();
  const staleBefore = new Date(now.getTime() - (options.leaseMinutes ?? 15) * 60_000);
  if (!(await store.claimItem(key, options.runId, now, staleBefore, again))) {
    const marker = await store.marker(key);
    // Done, or tried on this date already (failed): nothing to do now. Else another run holds it.
    const outcome = marker?.state === 'started' ? 'busy' : 'skipped';
    return { outcome, acted: false };
  }
  let outcome: ItemOutcome;
  try {
    const item = await load();
    outcome = item === undefined ? 'skipped' : await job.act(item, key.date, asOf, now);
  } catch (error) {
    const reason = (
      error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    ).slice(0, 1000);
    // Listed first: a crash between the two leaves the marker started, taken over later.
    const attempts = await store.recordFailed(key, reason, now);
    await store.failItem(key, options.runId, reason);
    const failure = { date: key.date, itemId: key.itemId, reason, attempts };
    counts.failures.push(failure);
    options.onFailure?.(failure, error);
    return { outcome: 'failed', acted: true, failure };
  }
  if (outcome === 'waiting') await store.recordWaiting(key, waitingForCompanyDetails, now);
  await store.finishItem(key, options.runId, outcome);
  if (outcome !== 'waiting' && open) await store.closeItem(key.job, key.itemId);
  return { outcome, acted: true };
}

function tally(counts: ItemCounts, result: Attempt, open: OpenJobItem | undefined) {
  counts[result.outcome]++;
  if (result.acted && open) counts.retried++;
}

/** Acts on a business date's items (each as of `asOf`), skipping those left for a person. */
export async function actOnDate<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  date: string,
  asOf: Date,
  items: readonly { id: string; item: Item }[],
  options: AttemptOptions,
  counts: ItemCounts,
  onProgress?: (done: number) => void,
): Promise<ItemKey[]> {
  const open = new Map((await store.openItemsOf(job.name)).map((o) => [o.itemId, o]));
  const busy: ItemKey[] = [];
  for (const [index, { id, item }] of items.entries()) {
    const key = { job: job.name, date, itemId: id };
    const known = open.get(id);
    if (leftForPerson(known, options.attemptsPerItem)) {
      counts.leftForPerson++;
      options.onPlan?.({ date, itemId: id, plan: planOf(known, options) });
    } else if (known?.retryRequested) {
      // A person asked for it: tried by this run's retries, once.
    } else if (options.dryRun) {
      const marker = await store.marker(key);
      const done = marker?.state === 'done' || marker?.state === 'failed';
      counts[done ? 'skipped' : 'sent']++;
      options.onPlan?.({ date, itemId: id, plan: done ? 'done already' : planOf(known, options) });
    } else {
      const result = await attempt(
        job,
        store,
        key,
        async () => item,
        asOf,
        options,
        ['waiting'],
        known,
        counts,
      );
      tally(counts, result, known);
      if (result.outcome === 'busy') busy.push(key);
      // Later dates of this run see what this one left open.
      const left = stillOpen(key, result, known, options.now());
      if (left) open.set(id, left);
      else if (result.acted) open.delete(id);
    }
    onProgress?.(index + 1);
  }
  return busy;
}

/**
 * Tries again, as of the run's business date `today`, every item an earlier run left open that
 * may be tried (`inShard` picks a shard's share): re-loaded by its id, claimed for `today`.
 */
export async function retryOpenItems<Item>(
  job: DailyJob<Item>,
  store: JobStore,
  today: string,
  asOf: Date,
  options: AttemptOptions,
  counts: ItemCounts,
  inShard: (itemId: string) => boolean = () => true,
): Promise<void> {
  for (const open of await store.openItemsOf(job.name)) {
    if (!inShard(open.itemId)) continue;
    if (leftForPerson(open, options.attemptsPerItem)) {
      counts.leftForPerson++;
      options.onPlan?.({ date: open.date, itemId: open.itemId, plan: planOf(open, options) });
      continue;
    }
    const asked = open.retryRequested !== undefined;
    const triedSince =
      options.runStartedAt && open.lastAttemptAt >= options.runStartedAt.toISOString();
    if (triedSince && !asked) continue;
    if (options.dryRun) {
      counts.sent++;
      options.onPlan?.({
        date: open.date,
        itemId: open.itemId,
        plan: `${planOf(open, options)}, as of ${today}`,
      });
      continue;
    }
    // Asked for by a person: one run takes the request, and tries even an item tried today.
    if (asked && !(await store.takeRetryRequest(open))) continue;
    const key = { job: job.name, date: today, itemId: open.itemId };
    const again = asked ? (['failed', 'waiting'] as const) : (['waiting'] as const);
    const reload = () => job.reload(open.itemId, today);
    const result = await attempt(job, store, key, reload, asOf, options, again, open, counts);
    // Not claimed and not held: tried on this date already (by this run, or one before it).
    if (result.acted || result.outcome === 'busy') tally(counts, result, open);
  }
}

/** The item as left open by an attempt, as the open-items record now says (not read back). */
function stillOpen(
  key: ItemKey,
  result: Attempt,
  known: OpenJobItem | undefined,
  now: Date,
): OpenJobItem | undefined {
  if (!result.acted) return known;
  const at = now.toISOString();
  const base = known ?? { ...key, attempts: 0, since: at, reason: '', lastAttemptAt: at };
  if (result.failure) {
    const { attempts, reason } = result.failure;
    return { ...base, state: 'failed', attempts, reason, lastAttemptAt: at };
  }
  if (result.outcome === 'waiting') {
    return { ...base, state: 'waiting', attempts: 0, reason: waitingForCompanyDetails };
  }
  return undefined;
}

function planOf(open: OpenJobItem | undefined, options: AttemptOptions): string {
  if (!open) return 'would act';
  if (open.state === 'waiting') return 'waiting for the company’s details: would try again';
  if (leftForPerson(open, options.attemptsPerItem)) {
    return `failed ${open.attempts} times, left for a person: ${open.reason}`;
  }
  return `failed ${open.attempts} of ${options.attemptsPerItem} times: would try again`;
}
