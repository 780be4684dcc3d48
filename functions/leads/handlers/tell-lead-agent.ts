import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { staffStore } from '../../staff/store/staff-store';
import { tellLeadAgent } from '../lead-routing';
import { leadStore } from '../store/lead-store';

/**
 * Step `Tell agent` of `lead-intake` (payload `{leadId}`): emails the lead's agent through the
 * outbox, once per lead and agent. Throws `EmailNotSent` (retried), `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const sender = requireEnv('SENDER_ADDRESS');
const leads = leadStore(table);
const staff = staffStore(table);
const mail = outbox(outboxStore(table), sesSender());

export const handler = middy<{ leadId?: unknown }, { outcome: string }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await tellLeadAgent(
      { leads, staff, outbox: mail, sender },
      event?.leadId,
      new Date(),
    );
    logger.info('Lead agent told', { leadId: event.leadId, outcome: result.outcome });
    return result;
  });
