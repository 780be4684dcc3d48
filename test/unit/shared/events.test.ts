import { describe, expect, it } from 'vitest';
import {
  type DeskEvent,
  type EventBus,
  EventNotPublished,
  eventIdOf,
  eventPublisher,
  recordEvent,
} from '../../../functions/shared/events';
import type { EventStore, StoredEvent } from '../../../functions/shared/store/event-store';

/** The event store's contract in memory, conditions included. */
function memoryEventStore(): EventStore & { items: Map<string, StoredEvent> } {
  const items = new Map<string, StoredEvent>();
  return {
    items,
    async get(id) {
      return items.get(id) && structuredClone(items.get(id));
    },
    async startPublishing(id, now, staleBefore) {
      const e = items.get(id);
      const free =
        e?.state === 'pending' ||
        (e?.state === 'publishing' && (e.publishingSince ?? '') < staleBefore.toISOString());
      if (!e || !free) return undefined;
      Object.assign(e, { state: 'publishing', publishingSince: now.toISOString() });
      return structuredClone(e);
    },
    async markPublished(id, busEventId, now) {
      const e = items.get(id);
      if (e?.state !== 'publishing') throw new Error('condition failed');
      Object.assign(e, { state: 'published', busEventId, publishedAt: now.toISOString() });
    },
    async release(id) {
      const e = items.get(id);
      if (e?.state !== 'publishing') throw new Error('condition failed');
      e.state = 'pending';
    },
    async leftovers(cutoff, staleBefore, limit) {
      return [...items.values()]
        .filter(
          (e) =>
            (e.state === 'pending' && e.occurredAt < cutoff.toISOString()) ||
            (e.state === 'publishing' && (e.publishingSince ?? '') < staleBefore.toISOString()),
        )
        .slice(0, limit)
        .map((e) => e.eventId);
    },
  };
}

function recordingBus(): EventBus & { puts: Parameters<EventBus['put']>[0][]; down: boolean } {
  const bus = {
    puts: [] as Parameters<EventBus['put']>[0][],
    down: false,
    async put(event: Parameters<EventBus['put']>[0]) {
      if (bus.down)
        throw Object.assign(new Error('Service unavailable'), { name: 'InternalException' });
      bus.puts.push(event);
      return `bus-${bus.puts.length}`;
    },
  };
  return bus;
}

const lapsed: DeskEvent = {
  type: 'ContractLapsed',
  detail: { contractId: 'C-7', accountId: 'A-3', lapsedOn: '2026-06-30' },
};
const t0 = new Date('2026-06-30T22:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

/** What the business change's transaction would have written. */
function recorded(store: ReturnType<typeof memoryEventStore>, event: DeskEvent, at: Date) {
  const { Item } = recordEvent('desk', event, at).Put;
  store.items.set(Item.eventId, {
    eventId: Item.eventId,
    detailType: Item.detailType,
    detail: Item.detail,
    occurredAt: Item.occurredAt,
    state: 'pending',
  });
  return Item.eventId;
}

describe('events out', () => {
  it('names each change once: the same change gives the same id, carried in the detail', () => {
    expect(eventIdOf(lapsed)).toBe('EVENT#ContractLapsed#C-7');
    const put = recordEvent('desk', lapsed, t0).Put;
    expect(put.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put.Item).toMatchObject({
      pk: 'EVENT#ContractLapsed#C-7',
      detailType: 'ContractLapsed',
      detail: { contractId: 'C-7', eventId: 'EVENT#ContractLapsed#C-7' },
      unsentPk: 'EVENT#pending',
    });
  });

  it('publishes once; a refusal leaves it pending for the retry job, which publishes it once', async () => {
    const store = memoryEventStore();
    const bus = recordingBus();
    const publisher = eventPublisher(store, bus);
    const id = recorded(store, lapsed, t0);
    bus.down = true;
    await expect(publisher.publish(id, t0)).rejects.toBeInstanceOf(EventNotPublished);
    expect(store.items.get(id)?.state).toBe('pending');
    bus.down = false;
    expect(await publisher.publishLeftovers(minutes(5), minutes(-10), minutes(10))).toEqual({
      published: 1,
      failed: 0,
    });
    expect(await publisher.publishLeftovers(minutes(20), minutes(5), minutes(20))).toEqual({
      published: 0,
      failed: 0,
    });
    expect(await publisher.publish(id, minutes(21))).toBe('already-published');
    expect(bus.puts).toHaveLength(1);
  });

  it('an event caught mid-publish is taken over only after the lease', async () => {
    const store = memoryEventStore();
    const bus = recordingBus();
    const publisher = eventPublisher(store, bus, 15);
    const id = recorded(store, lapsed, t0);
    await store.startPublishing(id, t0, minutes(-15)); // a publisher that then crashed
    expect(await publisher.publish(id, minutes(5))).toBe('in-progress');
    expect(bus.puts).toHaveLength(0);
    expect(await publisher.publish(id, minutes(16))).toBe('published');
    expect(bus.puts).toHaveLength(1);
  });
});
