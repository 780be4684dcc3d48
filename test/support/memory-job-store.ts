import type { ItemMarker, JobStore } from '../../functions/shared/jobs/job-store';
import type {
  DismissedJobItem,
  ItemKey,
  OpenJobItem,
} from '../../functions/shared/jobs/open-items';

/**
 * The job store's contract in memory, conditions included: the per-date markers with their
 * claims, and the open items (failed, waiting) with their retry requests and dismissals.
 */
export function memoryJobStore(): JobStore & {
  markers: Map<string, ItemMarker>;
  open: Map<string, OpenJobItem>;
  last: Map<string, string>;
} {
  const last = new Map<string, string>();
  const markers = new Map<string, ItemMarker>();
  const open = new Map<string, OpenJobItem>();
  const dismissed: DismissedJobItem[] = [];
  const id = (k: ItemKey) => `${k.job}#${k.date}#${k.itemId}`;
  const openId = (job: string, itemId: string) => `${job}#${itemId}`;
  const sorted = () => [...open.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const settle = (key: ItemKey, runId: string, change: Partial<ItemMarker>) => {
    const m = markers.get(id(key));
    if (m?.runId !== runId) throw new Error('taken over');
    Object.assign(m, change);
  };
  const opened = (key: ItemKey, now: Date, change: Partial<OpenJobItem>) => {
    const at = now.toISOString();
    const before = open.get(openId(key.job, key.itemId));
    const item: OpenJobItem = {
      job: key.job,
      itemId: key.itemId,
      date: before?.date ?? key.date,
      since: before?.since ?? at,
      state: 'failed',
      attempts: 0,
      reason: '',
      ...(before?.retryRequested ? { retryRequested: before.retryRequested } : {}),
      ...change,
      lastAttemptAt: at,
    };
    open.set(openId(key.job, key.itemId), item);
    return item;
  };
  return {
    markers,
    open,
    last,
    async lastCompleted(job) {
      return last.get(job);
    },
    async recordCompleted(job, date) {
      const current = last.get(job);
      if (current === undefined || current < date) last.set(job, date);
    },
    async claimItem(key, runId, now, staleBefore, again) {
      const m = markers.get(id(key));
      const free =
        !m ||
        (again as readonly string[]).includes(m.state) ||
        (m.state === 'started' && m.startedAt < staleBefore.toISOString());
      if (!free) return false;
      markers.set(id(key), { state: 'started', runId, startedAt: now.toISOString() });
      return true;
    },
    async finishItem(key, runId, outcome) {
      settle(key, runId, { state: outcome === 'waiting' ? 'waiting' : 'done', outcome });
    },
    async failItem(key, runId, error) {
      settle(key, runId, { state: 'failed', lastError: error });
    },
    async marker(key) {
      return markers.get(id(key));
    },
    async openItemsOf(job) {
      return sorted()
        .filter(([, item]) => item.job === job)
        .map(([, item]) => ({ ...item }));
    },
    async listOpen({ limit, after }) {
      const rest = sorted().filter(([key]) => after === undefined || key > after);
      const page = rest.slice(0, limit);
      const next = rest.length > limit ? page.at(-1)?.[0] : undefined;
      return { items: page.map(([, item]) => ({ ...item })), ...(next ? { next } : {}) };
    },
    async countOpen() {
      const items = [...open.values()];
      return {
        failed: items.filter((i) => i.state === 'failed').length,
        waiting: items.filter((i) => i.state === 'waiting').length,
      };
    },
    async getOpen(job, itemId) {
      const item = open.get(openId(job, itemId));
      return item && { ...item };
    },
    async recordFailed(key, reason, now) {
      const before = open.get(openId(key.job, key.itemId));
      const attempts = (before?.state === 'failed' ? before.attempts : 0) + 1;
      return opened(key, now, { state: 'failed', attempts, reason }).attempts;
    },
    async recordWaiting(key, reason, now) {
      opened(key, now, { state: 'waiting', attempts: 0, reason });
    },
    async closeItem(job, itemId) {
      open.delete(openId(job, itemId));
    },
    async requestRetry(job, itemId, by, now) {
      const item = open.get(openId(job, itemId));
      if (item?.state !== 'failed' || item.retryRequested) return false;
      item.retryRequested = { by, at: now.toISOString() };
      return true;
    },
    async takeRetryRequest(seen) {
      const item = open.get(openId(seen.job, seen.itemId));
      if (!item?.retryRequested || item.retryRequested.at !== seen.retryRequested?.at) return false;
      delete item.retryRequested;
      return true;
    },
    async dismiss(job, itemId, by, note, now) {
      const item = open.get(openId(job, itemId));
      if (item?.state !== 'failed') return 'not-failed';
      open.delete(openId(job, itemId));
      dismissed.unshift({ ...item, dismissed: { by, at: now.toISOString(), note } });
      return 'dismissed';
    },
    async recentlyDismissed(_year, limit) {
      return dismissed.slice(0, limit);
    },
  };
}
