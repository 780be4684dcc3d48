import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from './core/env';
import { InvalidPayload } from './core/errors';
import { eventBridgeBus, eventPublisher } from './core/events';
import { arrearsJob } from './core/jobs/arrears-job';
import { jobStore } from './core/jobs/job-store';
import { type JobSummary, runDailyJob } from './core/jobs/runner';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { eventStore } from './core/store/event-store';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { openTable } from './core/store/table';

/**
 * Scheduled daily (`{scheduledTime}`): moves unpaid invoices up the arrears ladder (reminder,
 * second notice and call task, final notice and supervisor, suspension and manager), each step
 * once, through the outbox; publishes `AccountSuspended`. Reads only the `invoices-open-by-due`
 * index. Runs through the job runner: a missed day is caught up, a killed run resumed.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const sender = requireEnv('SENDER_ADDRESS');
const zone = requireEnv('COMPANY_TIME_ZONE');
const settings = settingsStore(table);
const mail = outbox(outboxStore(table), sesSender());
const events = eventPublisher(eventStore(table), eventBridgeBus(requireEnv('EVENT_BUS_NAME')));
const job = arrearsJob(
  { table, settings, outbox: mail, sender, zone },
  {
    events,
    onDelayed: (what, error) => logger.warn('Left to the outbox retry job', { what, error }),
  },
);
const progress = jobStore(table);

export const handler = middy<{ scheduledTime?: unknown }, JobSummary>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const asOf = scheduledTime(event?.scheduledTime);
    const run = await runDailyJob(job, progress, {
      asOf,
      zone,
      now: () => new Date(),
      onFailure: (itemId, date, error) =>
        logger.warn('Arrears step failed', { itemId, date, error }),
    });
    logger.info('Arrears run', { scheduledTime: asOf.toISOString(), ...run });
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
