import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { type EventStore, eventRecordPut } from './store/event-store';

/**
 * Events out: what the desk tells the company's other systems on its EventBridge bus, so they can
 * switch services on and off. Each event is recorded in the same transaction as the business
 * change (`recordEvent`), then published and marked (`publisher().publish`); the retry job
 * publishes whatever a crash left behind.
 *
 * Delivery is at least once, like EventBridge's own: a crash after the bus took an event but
 * before it was marked publishes it again after the lease. Every detail carries `eventId`, the
 * same each time, for consumers to drop repeats.
 */

export const eventSource = 'customer-desk';

export interface AccountSuspendedDetail {
  accountId: string;
  /** The business date (YYYY-MM-DD) the service was suspended. */
  suspendedOn: string;
  reason: 'arrears';
}

export interface SuspensionLiftedDetail {
  accountId: string;
  liftedOn: string;
  reason: 'paid' | 'staff';
}

export interface ContractLapsedDetail {
  contractId: string;
  accountId: string;
  lapsedOn: string;
}

export interface ContractRenewedDetail {
  contractId: string;
  accountId: string;
  renewedOn: string;
  newEndDate: string;
}

export type DeskEvent =
  | { type: 'AccountSuspended'; detail: AccountSuspendedDetail }
  | { type: 'SuspensionLifted'; detail: SuspensionLiftedDetail }
  | { type: 'ContractLapsed'; detail: ContractLapsedDetail }
  | { type: 'ContractRenewed'; detail: ContractRenewedDetail };

export type DeskEventType = DeskEvent['type'];

/** One change, one event: the id is built from what changed, so a rerun finds the same event. */
export function eventIdOf(event: DeskEvent): string {
  switch (event.type) {
    case 'AccountSuspended':
      return `EVENT#${event.type}#${event.detail.accountId}#${event.detail.suspendedOn}`;
    case 'SuspensionLifted':
      return `EVENT#${event.type}#${event.detail.accountId}#${event.detail.liftedOn}`;
    case 'ContractLapsed':
      return `EVENT#${event.type}#${event.detail.contractId}`;
    case 'ContractRenewed':
      return `EVENT#${event.type}#${event.detail.contractId}#${event.detail.newEndDate}`;
  }
}

/** The item to put in the business change's `TransactWriteItems`; fails it if already recorded. */
export function recordEvent(tableName: string, event: DeskEvent, occurredAt: Date) {
  const eventId = eventIdOf(event);
  return eventRecordPut(tableName, {
    eventId,
    detailType: event.type,
    detail: { ...event.detail, eventId },
    occurredAt: occurredAt.toISOString(),
  });
}

/** The bus refused an event (or could not be reached): it stays pending for the retry job. */
export class EventNotPublished extends Error {
  override name = 'EventNotPublished';
}

/** Puts one event on the bus and answers the bus's id for it. */
export interface EventBus {
  put(event: {
    detailType: string;
    detail: Record<string, unknown>;
    occurredAt: string;
  }): Promise<string>;
}

/** EventBridge. No endpoint here: the SDK reads AWS_ENDPOINT_URL_EVENTBRIDGE. */
export function eventBridgeBus(busName: string, client = new EventBridgeClient({})): EventBus {
  return {
    async put(event) {
      const answer = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: busName,
              Source: eventSource,
              DetailType: event.detailType,
              Detail: JSON.stringify(event.detail),
              Time: new Date(event.occurredAt),
            },
          ],
        }),
      );
      const entry = answer.Entries?.[0];
      if ((answer.FailedEntryCount ?? 0) > 0 || !entry?.EventId) {
        throw new EventNotPublished(
          `The bus refused ${event.detailType}: ${entry?.ErrorCode ?? 'no id'} ${entry?.ErrorMessage ?? ''}`.trim(),
        );
      }
      return entry.EventId;
    },
  };
}

export type PublishOutcome = 'published' | 'already-published' | 'in-progress';

export interface EventPublisher {
  /** Publishes a recorded event unless someone has (or is doing so now). */
  publish(eventId: string, now: Date): Promise<PublishOutcome>;
  /** Publishes events left pending before `cutoff` or stuck publishing since before `staleBefore`. */
  publishLeftovers(
    cutoff: Date,
    staleBefore: Date,
    now: Date,
  ): Promise<{ published: number; failed: number }>;
}

/** `leaseMinutes`: how long a publish may take before another caller takes it over. */
export function eventPublisher(
  store: EventStore,
  bus: EventBus,
  leaseMinutes = 15,
): EventPublisher {
  async function publishWithin(eventId: string, now: Date, staleBefore: Date) {
    const event = await store.startPublishing(eventId, now, staleBefore);
    if (!event) {
      const current = await store.get(eventId);
      if (!current) throw new Error(`Event ${eventId} was never recorded`);
      return current.state === 'published' ? 'already-published' : 'in-progress';
    }
    let busEventId: string;
    try {
      busEventId = await bus.put(event);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await store.release(eventId, reason.slice(0, 1000));
      throw new EventNotPublished(`Event ${eventId} was not published (${reason})`, {
        cause: error,
      });
    }
    await store.markPublished(eventId, busEventId, now);
    return 'published' as const;
  }

  return {
    publish: (eventId, now) =>
      publishWithin(eventId, now, new Date(now.getTime() - leaseMinutes * 60_000)),

    async publishLeftovers(cutoff, staleBefore, now) {
      const summary = { published: 0, failed: 0 };
      for (const eventId of await store.leftovers(cutoff, staleBefore, 500)) {
        try {
          if ((await publishWithin(eventId, now, staleBefore)) === 'published') summary.published++;
        } catch (error) {
          if (!(error instanceof EventNotPublished)) throw error;
          summary.failed++;
        }
      }
      return summary;
    },
  };
}
