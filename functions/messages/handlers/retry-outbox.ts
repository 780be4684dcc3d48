import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from '../../shared/env';
import { InvalidPayload } from '../../shared/errors';
import { eventBridgeBus, eventPublisher } from '../../shared/events';
import { eventStore } from '../../shared/store/event-store';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { flagUncertain, outbox, type RetrySummary, retryClaimed } from '../outbox';
import { sesSender } from '../ses';
import { outboxStore } from '../store/outbox-store';

/**
 * Scheduled every 10 minutes (`{scheduledTime}`): flags as `uncertain` what was left `sending`
 * longer than the lease (never re-sent here), then sends what the outbox claimed before the
 * scheduled time minus the grace period and never sent, and what failed, up to the attempt
 * limit; then publishes events recorded with a business change but never published. Reads only
 * the `outbox-unsent` index.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
// Each message carries its sender; the variable is still checked, as the declaration gives it.
requireEnv('SENDER_ADDRESS');
const store = outboxStore(table);
const ses = sesSender();
const settings = settingsStore(table);
const events = eventPublisher(eventStore(table), eventBridgeBus(requireEnv('EVENT_BUS_NAME')));

interface RunSummary extends RetrySummary {
  uncertain: number;
  events: { published: number; failed: number };
}

export const handler = middy<{ scheduledTime?: unknown }, RunSummary>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const asOf = scheduledTime(event?.scheduledTime);
    const { rules } = await loadBusinessRules(settings);
    const now = new Date();
    const minutesBefore = (minutes: number) => new Date(asOf.getTime() - minutes * 60_000);
    // First: what a crash left mid-send. Those are not retried below: they are not `claimed`.
    const uncertain = await flagUncertain(
      store,
      minutesBefore(rules.outbox.sendingLeaseMinutes),
      now,
    );
    if (uncertain > 0) logger.warn('Outbox messages left mid-send are uncertain', { uncertain });
    const mail = outbox(store, ses, { policy: rules.outbox });
    const summary = await retryClaimed(
      store,
      mail,
      minutesBefore(rules.outbox.retryGraceMinutes),
      now,
      {
        onFailure: (messageId, error) =>
          logger.warn('Outbox message not sent', { messageId, error }),
      },
    );
    const published = await events.publishLeftovers(
      minutesBefore(rules.outbox.retryGraceMinutes),
      minutesBefore(rules.outbox.sendingLeaseMinutes),
      now,
    );
    const run = { ...summary, uncertain, events: published };
    logger.info('Outbox retry run', { scheduledTime: asOf.toISOString(), ...run });
    return run;
  });

function scheduledTime(value: unknown): Date {
  // Invoked by hand without a time, the run is for now.
  if (value === undefined) return new Date();
  const time = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) {
    throw new InvalidPayload('scheduledTime must be an ISO 8601 date-time');
  }
  return time;
}
