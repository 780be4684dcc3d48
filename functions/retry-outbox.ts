import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from './core/env';
import { InvalidPayload } from './core/errors';
import { outbox, type RetrySummary, retryClaimed } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { loadBusinessRules } from './core/settings';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { openTable } from './core/store/table';

/**
 * Scheduled every 10 minutes (`{scheduledTime}`): sends what the outbox claimed before the
 * scheduled time minus the grace period and never sent. Reads only the `outbox-unsent` index.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
// Each message carries its sender; the variable is still checked, as the declaration gives it.
requireEnv('SENDER_ADDRESS');
const store = outboxStore(table);
const mail = outbox(store, sesSender());
const settings = settingsStore(table);

export const handler = middy<{ scheduledTime?: unknown }, RetrySummary>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const asOf = scheduledTime(event?.scheduledTime);
    const { rules } = await loadBusinessRules(settings);
    const cutoff = new Date(asOf.getTime() - rules.outbox.retryGraceMinutes * 60_000);
    const summary = await retryClaimed(store, mail, cutoff, new Date(), {
      onFailure: (messageId, error) => logger.warn('Outbox message not sent', { messageId, error }),
    });
    logger.info('Outbox retry run', { scheduledTime: asOf.toISOString(), ...summary });
    return summary;
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
