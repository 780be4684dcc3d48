import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from './core/env';
import { noteLinkedEnquiry } from './core/lead-duplicates';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { contactStore } from './core/store/contacts';
import { leadStore } from './core/store/lead-store';
import { outboxStore } from './core/store/outbox-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * Step `Tell the earlier agent` of `linked-enquiry` (payload `{leadId}`): the same prospect wrote
 * again; the earlier lead's (or account's) timeline notes it and its agent is told, once.
 * Throws `EmailNotSent` (retried), `InvalidPayload`, `RecordMissing`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  leads: leadStore(table),
  contacts: contactStore(table),
  staff: staffStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  sender: requireEnv('SENDER_ADDRESS'),
};

export const handler = middy<{ leadId?: unknown }, { outcome: string }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await noteLinkedEnquiry(deps, event?.leadId, new Date());
    logger.info('Linked enquiry noted', { leadId: event?.leadId, ...result });
    return result;
  });
