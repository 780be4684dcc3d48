import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from './core/env';
import { eventBridgeBus, eventPublisher } from './core/events';
import { arrearsJob } from './core/jobs/arrears-job';
import { jobStore } from './core/jobs/job-store';
import { scheduledJobHandler } from './core/jobs/scheduled-handler';
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

export const handler = scheduledJobHandler({ logger, job, progress, zone, label: 'Arrears' });
