import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { escalateLeadReview } from '../lead-review';
import { leadStore } from '../store/lead-store';

/**
 * Step `Escalate review` of `lead-intake` (payload `{leadId}`), after the supervisor review timed
 * out: tells the managers once; the lead stays flagged. Throws `EmailNotSent`, `RecordMissing`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  leads: leadStore(table),
  steps: decisionSteps(table),
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
