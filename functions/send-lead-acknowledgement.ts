import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from './core/env';
import { acknowledgeLead } from './core/lead-intake';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { acknowledgementCaps } from './core/store/acknowledgement-caps';
import { leadStore } from './core/store/lead-store';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { openTable } from './core/store/table';

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
