import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { contactStore } from '../../accounts/store/contacts';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { staffStore } from '../../staff/store/staff-store';
import { noteLinkedEnquiry } from '../lead-duplicates';
import { leadStore } from '../store/lead-store';

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
