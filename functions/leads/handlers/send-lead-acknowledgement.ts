import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { acknowledgeLead } from '../lead-intake';
import { acknowledgementCaps } from '../store/acknowledgement-caps';
import { leadStore } from '../store/lead-store';

/**
 * Step `Acknowledge prospect` of `lead-intake` and `linked-enquiry` (payload `{leadId}`, result
 * `{outcome}`: `withheld` past the daily acknowledgements of the address). Throws on
 * failure: `EmailNotSent` when SES refused (the workflow retries it), `RecordMissing`,
 * `InvalidPayload` or `InvalidRecipient` when retrying cannot help.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  leads: leadStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  sender: requireEnv('SENDER_ADDRESS'),
  caps: acknowledgementCaps(table),
  settings: settingsStore(table),
  zone: requireEnv('COMPANY_TIME_ZONE'),
};

export const handler = middy<{ leadId?: unknown }, { outcome: string }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await acknowledgeLead(deps, event?.leadId, new Date());
    logger.info('Lead acknowledgement', { leadId: event.leadId, outcome: result.outcome });
    return result;
  });
