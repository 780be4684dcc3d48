import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from './core/env';
import { InvalidPayload } from './core/errors';
import { type ReminderRun, remindFirstContacts } from './core/first-contact-reminders';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * Scheduled daily (`{scheduledTime}`): reminds agents of first contacts coming due and tells
 * supervisors of overdue ones, through the outbox. Reads only the `leads-first-contact-due` index.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const sender = requireEnv('SENDER_ADDRESS');
const zone = requireEnv('COMPANY_TIME_ZONE');
const staff = staffStore(table);
const settings = settingsStore(table);
const mail = outbox(outboxStore(table), sesSender());

export const handler = middy<{ scheduledTime?: unknown }, ReminderRun>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const asOf = scheduledTime(event?.scheduledTime);
    const run = await remindFirstContacts(
      { table, staff, settings, outbox: mail, sender, zone },
      asOf,
      new Date(),
    );
    logger.info('First-contact reminders run', { scheduledTime: asOf.toISOString(), ...run });
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
