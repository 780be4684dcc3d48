import {
  DeleteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, isConditionFailed, queryAll, type Table } from '../store/table';

/**
 * Job items left open: an item of a daily job that failed (tried again by later runs until
 * `jobs.attemptsPerItem` attempts, then left for a person) or that waits for something only a
 * person can give (the company's details: no limit, never dismissed). The per-date markers
 * (`job-store.ts`) make each attempt happen once; these records say what is still open, so a run
 * and the back office find them with one query.
 *
 * | access pattern                                  | keys                                          |
 * |-------------------------------------------------|-----------------------------------------------|
 * | every open item (back office page, dashboards)  | pk = `JOB-ITEMS`, sk begins `OPEN#`           |
 * | one job's open items (each run, at its start)   | pk = `JOB-ITEMS`, sk begins `OPEN#<job>#`     |
 * | one open item                                   | pk = `JOB-ITEMS`, sk = `OPEN#<job>#<itemId>`  |
 * | the items dismissed in a year, newest first:    | pk = `JOB-ITEMS-DISMISSED#<yyyy>`,            |
 * |   who dismissed each, when and why              |   sk = `<dismissedAt>#<job>#<itemId>`         |
 *
 * One small partition and no index: an item is in it only while open (a handful, unless
 * something is badly wrong) and is deleted from it once done, so reads stay small and consistent.
 */

export type OpenState = 'failed' | 'waiting';

export interface StaffRef {
  staffId: string;
  name: string;
}

export interface OpenJobItem {
  job: string;
  itemId: string;
  /** The business date the item was first left open for. */
  date: string;
  state: OpenState;
  /** Failed attempts so far (0 while it waits). */
  attempts: number;
  /** The last error, or what the item waits for. */
  reason: string;
  /** When it was first left open, and when it was last tried. */
  since: string;
  lastAttemptAt: string;
  /** A person asked for it to be tried again now, whatever the attempts so far. */
  retryRequested?: { by: StaffRef; at: string };
}

export interface DismissedJobItem extends OpenJobItem {
  dismissed: { by: StaffRef; at: string; note: string };
}

/** One item of one job's run for one business date. */
export interface ItemKey {
  job: string;
  date: string;
  itemId: string;
}

export interface OpenItemStore {
  /** One job's open items (every page). */
  openItemsOf(job: string): Promise<OpenJobItem[]>;
  /** A page of every job's open items, ordered by job and item. */
  listOpen(options: { limit: number; after?: string }): Promise<{
    items: OpenJobItem[];
    next?: string;
  }>;
  /** How many items are failed and how many wait (the dashboards). */
  countOpen(): Promise<{ failed: number; waiting: number }>;
  getOpen(job: string, itemId: string): Promise<OpenJobItem | undefined>;
  /** Counts a failed attempt (the first one opens the item); answers the attempts so far. */
  recordFailed(key: ItemKey, reason: string, now: Date): Promise<number>;
  recordWaiting(key: ItemKey, reason: string, now: Date): Promise<void>;
  /** The item was done (or there is nothing left to do): no longer open. */
  closeItem(job: string, itemId: string): Promise<void>;
  /** Marks a failed item to be tried again now; false if it is not failed or already asked. */
  requestRetry(job: string, itemId: string, by: StaffRef, now: Date): Promise<boolean>;
  /** Takes a person's request to try the item (one run wins it); false if another run took it. */
  takeRetryRequest(item: OpenJobItem): Promise<boolean>;
  /** Closes a failed item with a person's note, kept for the record; waiting items stay. */
  dismiss(
    job: string,
    itemId: string,
    by: StaffRef,
    note: string,
    now: Date,
  ): Promise<'dismissed' | 'not-failed'>;
  recentlyDismissed(year: number, limit: number): Promise<DismissedJobItem[]>;
}

const partition = 'JOB-ITEMS';
const openKey = (job: string, itemId: string) => ({ pk: partition, sk: `OPEN#${job}#${itemId}` });
const dismissedPartition = (year: number) => `JOB-ITEMS-DISMISSED#${year}`;

function toOpen(item: Record<string, unknown>): OpenJobItem {
  const { pk: _pk, sk: _sk, entity: _entity, ...rest } = item;
  return rest as unknown as OpenJobItem;
}

export function openItemStore(table: Table): OpenItemStore {
  async function queryOpen(prefix: string, limit?: number, after?: string) {
    const page = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': prefix },
        ConsistentRead: true,
        ...(limit ? { Limit: limit } : {}),
        ...(after ? { ExclusiveStartKey: { pk: partition, sk: after } } : {}),
      }),
    );
    return {
      items: (page.Items ?? []).map(toOpen),
      next: page.LastEvaluatedKey?.sk as string | undefined,
    };
  }

  /** Sets the item's fields, opening it with its first date and time if it was not open. */
  const open = (key: ItemKey, now: Date, set: string, values: Record<string, unknown>) =>
    table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: openKey(key.job, key.itemId),
        UpdateExpression:
          'SET entity = :entity, job = :job, itemId = :itemId, #date = if_not_exists(#date, :date), ' +
          `since = if_not_exists(since, :now), lastAttemptAt = :now, #state = :state, ${set}`,
        ExpressionAttributeNames: { '#date': 'date', '#state': 'state' },
        ExpressionAttributeValues: {
          ':entity': 'job-item-open',
          ':job': key.job,
          ':itemId': key.itemId,
          ':date': key.date,
          ':now': now.toISOString(),
          ...values,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );

  async function getOpen(job: string, itemId: string) {
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.name, Key: openKey(job, itemId), ConsistentRead: true }),
    );
    return Item ? toOpen(Item) : undefined;
  }

  return {
    async openItemsOf(job) {
      const items: OpenJobItem[] = [];
      let after: string | undefined;
      do {
        const page = await queryOpen(`OPEN#${job}#`, undefined, after);
        items.push(...page.items);
        after = page.next;
      } while (after);
      return items;
    },

    async listOpen({ limit, after }) {
      const page = await queryOpen('OPEN#', limit, after);
      return page.next ? page : { items: page.items };
    },

    async countOpen() {
      const counts = { failed: 0, waiting: 0 };
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partition, ':prefix': 'OPEN#' },
        ProjectionExpression: '#state',
        ExpressionAttributeNames: { '#state': 'state' },
      });
      for (const item of items) {
        if (item.state === 'waiting') counts.waiting++;
        else counts.failed++;
      }
      return counts;
    },

    getOpen,

    async recordFailed(key, reason, now) {
      const { Attributes } = await open(
        key,
        now,
        'attempts = if_not_exists(attempts, :zero) + :one, reason = :reason',
        { ':state': 'failed', ':zero': 0, ':one': 1, ':reason': reason },
      );
      return Number(Attributes?.attempts ?? 1);
    },

    async recordWaiting(key, reason, now) {
      await open(key, now, 'attempts = :zero, reason = :reason', {
        ':state': 'waiting',
        ':zero': 0,
        ':reason': reason,
      });
    },

    async closeItem(job, itemId) {
      await table.client.send(
        new DeleteCommand({ TableName: table.name, Key: openKey(job, itemId) }),
      );
    },

    async requestRetry(job, itemId, by, now) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: openKey(job, itemId),
            UpdateExpression: 'SET retryRequested = :request',
            ConditionExpression: '#state = :failed AND attribute_not_exists(retryRequested)',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: {
              ':failed': 'failed',
              ':request': { by, at: now.toISOString() },
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async takeRetryRequest(item) {
      if (!item.retryRequested) return false;
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: openKey(item.job, item.itemId),
            UpdateExpression: 'REMOVE retryRequested',
            ConditionExpression: 'retryRequested.#at = :at',
            ExpressionAttributeNames: { '#at': 'at' },
            ExpressionAttributeValues: { ':at': item.retryRequested.at },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async dismiss(job, itemId, by, note, now) {
      const item = await getOpen(job, itemId);
      if (item?.state !== 'failed') return 'not-failed';
      const at = now.toISOString();
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                // As read: a run that tried it meanwhile (done, or failed once more) wins.
                Delete: {
                  TableName: table.name,
                  Key: openKey(job, itemId),
                  ConditionExpression: '#state = :failed AND lastAttemptAt = :seen',
                  ExpressionAttributeNames: { '#state': 'state' },
                  ExpressionAttributeValues: { ':failed': 'failed', ':seen': item.lastAttemptAt },
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    pk: dismissedPartition(now.getUTCFullYear()),
                    sk: `${at}#${job}#${itemId}`,
                    entity: 'job-item-dismissed',
                    ...item,
                    dismissed: { by, at, note },
                  },
                },
              },
            ],
          }),
        );
        return 'dismissed';
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'not-failed';
        throw error;
      }
    },

    async recentlyDismissed(year, limit) {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': dismissedPartition(year) },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return (page.Items ?? []).map((item) => toOpen(item) as DismissedJobItem);
    },
  };
}
