import { ulid } from 'ulidx';
import { z } from 'zod';
import { ValidationError } from '../errors';
import type { WorkflowStarter } from '../workflow';
import type { OpenItemStore, StaffRef } from './open-items';

/**
 * What a person does with a failed job item in the back office. Each is a conditional change of
 * the item's record, so a double click (or two people at once) acts once.
 */

/**
 * Asks for one more try of a failed item, whatever its attempts, and starts a run of the job's
 * retries at once (the `daily-job` workflow, `retriesOnly`). Should the start fail, the job's next
 * run takes the request.
 */
export async function retryJobItemNow(
  deps: { items: OpenItemStore; workflow: WorkflowStarter; onStartFailed?: (e: unknown) => void },
  job: string,
  itemId: string,
  by: StaffRef,
  now: Date,
): Promise<'retry-started' | 'retry-queued' | 'already'> {
  if (!(await deps.items.requestRetry(job, itemId, by, now))) return 'already';
  try {
    await deps.workflow.start(`retry-${job}-${ulid(now.getTime())}`, {
      job,
      scheduledTime: now.toISOString(),
      retriesOnly: true,
    });
    return 'retry-started';
  } catch (error) {
    deps.onStartFailed?.(error);
    return 'retry-queued';
  }
}

const note = z
  .string()
  .trim()
  .min(1, { error: 'write why the item is dismissed (what was done about it)' })
  .max(1000, { error: 'keep the note under 1,000 characters' });

/** Dismisses a failed item with a note (required): who, when and why are kept. */
export async function dismissJobItem(
  items: OpenItemStore,
  job: string,
  itemId: string,
  text: string,
  by: StaffRef,
  now: Date,
): Promise<'dismissed' | 'already'> {
  const parsed = note.safeParse(text);
  if (!parsed.success) {
    throw new ValidationError([{ field: 'note', message: parsed.error.issues[0]?.message ?? '' }]);
  }
  const outcome = await items.dismiss(job, itemId, by, parsed.data, now);
  return outcome === 'dismissed' ? 'dismissed' : 'already';
}
