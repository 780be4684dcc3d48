import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from '../store/table';
import { type ItemKey, type OpenItemStore, openItemStore } from './open-items';

export type { ItemKey } from './open-items';

/**
 * What the daily jobs remember.
 *
 * | access pattern                              | keys                                          |
 * |---------------------------------------------|-----------------------------------------------|
 * | the last business date a job completed      | pk = `JOB#<job>`, sk = `LAST-COMPLETED`       |
 * | one item's progress in a job's run for a    | pk = `JOBRUN#<job>#<date>`, sk = `ITEM#<id>`  |
 * |   date (read by key: no list needed)        |   (expires 90 days later)                     |
 *
 * Items left open (failed, or waiting) are listed apart: `open-items.ts`.
 */

/**
 * `started` by a run; `done`; `failed` (tried on this date: the next try is on a later date, or
 * when a person asks); `waiting` (for what a person gives: any run may try it again).
 */
export type ItemProgress = 'started' | 'done' | 'failed' | 'waiting';

export interface ItemMarker {
  state: ItemProgress;
  runId: string;
  startedAt: string;
  outcome?: string;
  lastError?: string;
}

export interface JobStore extends OpenItemStore {
  lastCompleted(job: string): Promise<string | undefined>;
  /** Moves the job's last completed date forward (never back). */
  recordCompleted(job: string, date: string, now: Date): Promise<void>;
  /**
   * Takes an item for this run: true if nobody marked it, it is in one of the `again` states, or
   * its run started it before `staleBefore` and never finished (that run was killed). One caller
   * wins.
   */
  claimItem(
    key: ItemKey,
    runId: string,
    now: Date,
    staleBefore: Date,
    again: readonly ('failed' | 'waiting')[],
  ): Promise<boolean>;
  /** Marks the item done with its outcome (`waiting`: marked waiting). */
  finishItem(key: ItemKey, runId: string, outcome: string): Promise<void>;
  failItem(key: ItemKey, runId: string, error: string): Promise<void>;
  marker(key: ItemKey): Promise<ItemMarker | undefined>;
}

const keepMarkersDays = 90;

export function jobStore(table: Table): JobStore {
  const markerKey = (key: ItemKey) => ({
    pk: `JOBRUN#${key.job}#${key.date}`,
    sk: `ITEM#${key.itemId}`,
  });
  const jobKey = (job: string) => ({ pk: `JOB#${job}`, sk: 'LAST-COMPLETED' });

  async function settle(key: ItemKey, runId: string, set: string, values: Record<string, unknown>) {
    try {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: markerKey(key),
          UpdateExpression: `SET #state = :state, ${set}`,
          ConditionExpression: 'runId = :runId',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':runId': runId, ...values },
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) {
        throw new Error(
          `Item ${key.itemId} of ${key.job} for ${key.date} was taken over by another run`,
        );
      }
      throw error;
    }
  }

  return {
    ...openItemStore(table),

    async lastCompleted(job) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: jobKey(job), ConsistentRead: true }),
      );
      return typeof Item?.date === 'string' ? Item.date : undefined;
    },

    async recordCompleted(job, date, now) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: jobKey(job),
            UpdateExpression: 'SET #date = :date, completedAt = :now, entity = :entity',
            ConditionExpression: 'attribute_not_exists(#date) OR #date < :date',
            ExpressionAttributeNames: { '#date': 'date' },
            ExpressionAttributeValues: {
              ':date': date,
              ':now': now.toISOString(),
              ':entity': 'job-progress',
            },
          }),
        );
      } catch (error) {
        // A concurrent run recorded this date or a later one: nothing to do.
        if (!isConditionFailed(error)) throw error;
      }
    },

    async claimItem(key, runId, now, staleBefore, again) {
      const states = Object.fromEntries(again.map((state, i) => [`:again${i}`, state]));
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: {
              ...markerKey(key),
              entity: 'job-item',
              state: 'started',
              runId,
              startedAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + keepMarkersDays * 86_400,
            },
            ConditionExpression: [
              'attribute_not_exists(pk)',
              '(#state = :started AND startedAt < :stale)',
              ...Object.keys(states).map((name) => `#state = ${name}`),
            ].join(' OR '),
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ...states,
              ':started': 'started',
              ':stale': staleBefore.toISOString(),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    finishItem: (key, runId, outcome) =>
      settle(key, runId, 'outcome = :outcome', {
        ':state': outcome === 'waiting' ? 'waiting' : 'done',
        ':outcome': outcome,
      }),

    failItem: (key, runId, error) =>
      settle(key, runId, 'lastError = :error', { ':state': 'failed', ':error': error }),

    async marker(key) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: markerKey(key), ConsistentRead: true }),
      );
      return Item ? (Item as unknown as ItemMarker) : undefined;
    },
  };
}
