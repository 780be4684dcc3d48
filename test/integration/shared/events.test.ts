import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  type DeskEvent,
  eventBridgeBus,
  eventIdOf,
  eventPublisher,
  recordEvent,
} from '../../../functions/shared/events';
import { eventStore } from '../../../functions/shared/store/event-store';
import { localCredentials } from '../../../infra/local/aws-clients';
import type { PublishedEvent } from '../../../infra/local/events';
import { localNames } from '../../../infra/local/names';
import { localTable } from '../../support/staff-fixtures';

/**
 * Events out on the local cloud: the real EventBridge client against the local endpoint, the
 * event recorded with its business change, published once, leftovers published by the retry job.
 */

const cloud = inject('localCloud');
const client = new EventBridgeClient({
  endpoint: cloud.eventsEndpoint,
  region: cloud.region,
  credentials: localCredentials,
});
const table = localTable(cloud);
const store = eventStore(table);
const publisher = eventPublisher(store, eventBridgeBus(localNames.eventBus, client));
afterAll(() => {
  client.destroy();
  table.client.destroy();
});

const published = async () =>
  (await (await fetch(`${cloud.consoleUrl}/events`)).json()) as PublishedEvent[];
const about = async (eventId: string) =>
  (await published()).filter((e) => (e.detail as { eventId?: string }).eventId === eventId);

/** A business change (here a stand-in account item) and its event, in one transaction. */
async function suspendAccount(accountId: string, on: string): Promise<DeskEvent> {
  const event: DeskEvent = {
    type: 'AccountSuspended',
    detail: { accountId, suspendedOn: on, reason: 'arrears' },
  };
  await table.client.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: table.name,
            Item: { pk: `TEST-ACCOUNT#${accountId}`, sk: 'ACCOUNT', status: 'suspended' },
          },
        },
        recordEvent(table.name, event, new Date()),
      ],
    }),
  );
  return event;
}

describe('the local EventBridge endpoint', () => {
  it('takes PutEvents from the SDK, keeps them and lists them on the console', async () => {
    const marker = `probe-${Date.now()}`;
    const answer = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: localNames.eventBus,
            Source: 'test',
            DetailType: 'Probe',
            Detail: JSON.stringify({ eventId: marker }),
          },
          { EventBusName: 'no-such-bus', Source: 'test', DetailType: 'Probe', Detail: '{}' },
        ],
      }),
    );
    expect(answer.FailedEntryCount).toBe(1);
    expect(answer.Entries?.[0]?.EventId).toBeTruthy();
    expect(answer.Entries?.[1]?.ErrorCode).toBe('ResourceNotFoundException');
    const listed = await about(marker);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      source: 'test',
      'detail-type': 'Probe',
      'event-bus': localNames.eventBus,
    });
  });
});

describe('events out', () => {
  it('an event recorded with its change is published once, however often publish runs', async () => {
    const event = await suspendAccount(`acc-${Date.now()}`, '2026-05-14');
    const eventId = eventIdOf(event);
    const outcomes = await Promise.all([
      publisher.publish(eventId, new Date()),
      publisher.publish(eventId, new Date()),
    ]);
    expect(outcomes.filter((o) => o === 'published')).toHaveLength(1);
    expect(await publisher.publish(eventId, new Date())).toBe('already-published');
    const listed = await about(eventId);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      source: 'customer-desk',
      'detail-type': 'AccountSuspended',
      detail: { accountId: event.detail.accountId, suspendedOn: '2026-05-14', eventId },
    });
    expect(await store.get(eventId)).toMatchObject({ state: 'published' });
  });

  it('the same change recorded twice fails its transaction: one event', async () => {
    const accountId = `acc-twice-${Date.now()}`;
    await suspendAccount(accountId, '2026-05-14');
    await expect(suspendAccount(accountId, '2026-05-14')).rejects.toMatchObject({
      name: 'TransactionCanceledException',
    });
  });

  it('an event left unpublished by a crash is published by the retry job, once', async () => {
    const event = await suspendAccount(`acc-left-${Date.now()}`, '2026-06-01');
    const eventId = eventIdOf(event);
    // The grace period: move the clock past it, as the next scheduled run would be.
    await fetch(`${cloud.consoleUrl}/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ milliseconds: 3 * 60_000 }),
    });
    for (let run = 0; run < 2; run++) {
      const response = await fetch(`${cloud.consoleUrl}/schedules/outbox-retry/run`, {
        method: 'POST',
      });
      expect(await response.json()).toMatchObject({ kind: 'returned' });
    }
    expect(await about(eventId)).toHaveLength(1);
    expect(await store.get(eventId)).toMatchObject({ state: 'published' });
  });
});
