import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from './core/env';
import { firstContacts } from './core/jobs/first-contacts-job';
import { jobStore } from './core/jobs/job-store';
import { scheduledJobHandler } from './core/jobs/scheduled-handler';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { openTable } from './core/store/table';

/**
 * Scheduled daily (`{scheduledTime}`): reminds agents of first contacts coming due and tells
 * supervisors of overdue ones, through the outbox. Reads only the `leads-first-contact-due` index.
 * Runs through the job runner: a missed day is caught up, a killed run resumed.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const sender = requireEnv('SENDER_ADDRESS');
const zone = requireEnv('COMPANY_TIME_ZONE');
const settings = settingsStore(table);
const mail = outbox(outboxStore(table), sesSender());
const job = firstContacts.build({ table, settings, outbox: mail, sender, zone });
const progress = jobStore(table);

export const handler = scheduledJobHandler({
  logger,
  job,
  progress,
  zone,
  label: 'First-contact reminders',
});
