import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from './core/env';
import { escalateLeadReview } from './core/lead-review';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { leadReviewStore } from './core/store/lead-reviews';
import { leadStore } from './core/store/lead-store';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * Step `Escalate review` of `lead-intake` (payload `{leadId}`), after the supervisor review timed
 * out: tells the managers once; the lead stays flagged. Throws `EmailNotSent`, `RecordMissing`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  leads: leadStore(table),
  reviews: leadReviewStore(table),
  staff: staffStore(table),
  settings: settingsStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  sender: requireEnv('SENDER_ADDRESS'),
};

export const handler = middy<{ leadId?: unknown }, { managersTold: number }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await escalateLeadReview(deps, event?.leadId, new Date());
    logger.info('Lead review escalated', { leadId: event.leadId, ...result });
    return result;
  });
