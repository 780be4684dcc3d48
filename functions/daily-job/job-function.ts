import { Logger } from '@aws-lambda-powertools/logger';
import { invoiceDocuments } from '../invoicing/invoice-documents';
import { outbox } from '../messages/outbox';
import { sesSender } from '../messages/ses';
import { outboxStore } from '../messages/store/outbox-store';
import { requireEnv } from '../shared/env';
import { eventBridgeBus, eventPublisher } from '../shared/events';
import { jobStore } from '../shared/jobs/job-store';
import { scheduledJobHandler } from '../shared/jobs/scheduled-handler';
import { eventStore } from '../shared/store/event-store';
import { openTable } from '../shared/store/table';
import { settingsStore } from '../staff/settings/settings-store';
import { attemptsPerItem, type JobDefinition, type JobEnvironment } from './job-environment';

/**
 * A job's environment from a function's variables: the table, the sender and the zone always;
 * the documents bucket and the event bus when the function's declaration uses them.
 */
export function jobEnvironmentFromProcess(): JobEnvironment {
  const table = openTable(requireEnv('TABLE_NAME'));
  const bucket = process.env.DOCUMENTS_BUCKET;
  const bus = process.env.EVENT_BUS_NAME;
  return {
    table,
    settings: settingsStore(table),
    outbox: outbox(outboxStore(table), sesSender()),
    sender: requireEnv('SENDER_ADDRESS'),
    zone: requireEnv('COMPANY_TIME_ZONE'),
    ...(bucket ? { documents: invoiceDocuments(bucket) } : {}),
    ...(bus ? { events: eventPublisher(eventStore(table), eventBridgeBus(bus)) } : {}),
  };
}

/** The Lambda handler of a scheduled job, built once at module scope. */
export function scheduledJobFunction(definition: JobDefinition, label: string) {
  const logger = new Logger();
  const env = jobEnvironmentFromProcess();
  return scheduledJobHandler({
    logger,
    job: definition.build(env),
    progress: jobStore(env.table),
    zone: env.zone,
    label,
    attemptsPerItem: () => attemptsPerItem(env.settings),
  });
}
