import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from './table';

/**
 * The event outbox: every event the desk publishes on its bus is first an item written in the
 * same transaction as the business change it tells of (a suspension, a lapse...), then put on
 * the bus and marked published.
 *
 * | access pattern                              | keys                                          |
 * |---------------------------------------------|-----------------------------------------------|
 * | an event by its business id                 | pk = `EVENT#<type>#<subject>`, sk = `EVENT`   |
 * | events not yet published, oldest first      | index `outbox-unsent`: unsentPk =             |
 * |   (the retry job)                           |   `EVENT#pending`, unsentSk = `<at>#<pk>`     |
 * | events caught mid-publish                   | unsentPk = `EVENT#publishing`                 |
 */

/**
 * The sparse index of what still has to go out: unsent outbox messages and unpublished events
 * alike, so one retry job finds both.
 */
export const unsentIndexName = 'outbox-unsent';

export type EventState = 'pending' | 'publishing' | 'published';

export interface StoredEvent {
  eventId: string;
  detailType: string;
  detail: Record<string, unknown>;
  occurredAt: string;
  state: EventState;
  publishingSince?: string;
  publishedAt?: string;
  busEventId?: string;
}

const sk = 'EVENT';
const pendingPartition = 'EVENT#pending';
const publishingPartition = 'EVENT#publishing';

/** The Put that records an event; it goes into the business change's transaction. */
export function eventRecordPut(
  tableName: string,
  event: Pick<StoredEvent, 'eventId' | 'detailType' | 'detail' | 'occurredAt'>,
) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        pk: event.eventId,
        sk,
        entity: 'event',
        ...event,
        state: 'pending',
        unsentPk: pendingPartition,
        unsentSk: `${event.occurredAt}#${event.eventId}`,
      },
      // A change told once: recording the same event twice fails the whole transaction.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export interface EventStore {
  get(eventId: string): Promise<StoredEvent | undefined>;
  /** pending (or publishing since before `staleBefore`) → publishing; one caller wins. */
  startPublishing(eventId: string, now: Date, staleBefore: Date): Promise<StoredEvent | undefined>;
  markPublished(eventId: string, busEventId: string, now: Date): Promise<void>;
  /** publishing → pending after the bus refused it. */
  release(eventId: string, error: string): Promise<void>;
  /** Pending events recorded before `cutoff` and publishing ones since before `staleBefore`. */
  leftovers(cutoff: Date, staleBefore: Date, limit: number): Promise<string[]>;
}

export function eventStore(table: Table): EventStore {
  const keyOf = (eventId: string) => ({ pk: eventId, sk });

  async function update(
    eventId: string,
    expression: string,
    condition: string,
    values: Record<string, unknown>,
  ): Promise<StoredEvent | undefined> {
    try {
      const { Attributes } = await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: keyOf(eventId),
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toEvent(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailed(error)) return undefined;
      throw error;
    }
  }

  async function query(partition: string, before: Date, limit: number): Promise<string[]> {
    const { Items } = await table.client.send(
      new QueryCommand({
        TableName: table.name,
        IndexName: unsentIndexName,
        KeyConditionExpression: 'unsentPk = :p AND unsentSk < :before',
        ExpressionAttributeValues: { ':p': partition, ':before': before.toISOString() },
        Limit: limit,
      }),
    );
    return (Items ?? []).map((item) => String(item.pk));
  }

  return {
    async get(eventId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keyOf(eventId), ConsistentRead: true }),
      );
      return Item ? toEvent(Item) : undefined;
    },

    startPublishing: (eventId, now, staleBefore) =>
      update(
        eventId,
        'SET #state = :publishing, publishingSince = :now, unsentPk = :publishingPk, unsentSk = :since',
        '#state = :pending OR (#state = :publishing AND publishingSince < :stale)',
        {
          ':publishing': 'publishing',
          ':pending': 'pending',
          ':now': now.toISOString(),
          ':stale': staleBefore.toISOString(),
          ':publishingPk': publishingPartition,
          ':since': `${now.toISOString()}#${eventId}`,
        },
      ),

    async markPublished(eventId, busEventId, now) {
      await update(
        eventId,
        'SET #state = :published, publishedAt = :now, busEventId = :busId ' +
          'REMOVE unsentPk, unsentSk, publishingSince',
        '#state = :publishing',
        {
          ':published': 'published',
          ':publishing': 'publishing',
          ':now': now.toISOString(),
          ':busId': busEventId,
        },
      );
    },

    async release(eventId, error) {
      await update(
        eventId,
        'SET #state = :pending, unsentPk = :pendingPk, lastError = :error REMOVE publishingSince',
        '#state = :publishing',
        {
          ':pending': 'pending',
          ':publishing': 'publishing',
          ':pendingPk': pendingPartition,
          ':error': error,
        },
      );
    },

    async leftovers(cutoff, staleBefore, limit) {
      const pending = await query(pendingPartition, cutoff, limit);
      const stale = await query(publishingPartition, staleBefore, limit);
      return [...pending, ...stale].slice(0, limit);
    },
  };
}

function toEvent(item: Record<string, unknown>): StoredEvent {
  const { pk: _pk, sk: _sk, entity: _e, unsentPk: _u, unsentSk: _s, ...event } = item;
  return event as unknown as StoredEvent;
}
