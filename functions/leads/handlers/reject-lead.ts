import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { rejectReviewedLead } from '../lead-review';
import { leadStore } from '../store/lead-store';

/**
 * Step `Reject` of `lead-intake` (payload `{leadId, by?, reason?}`): a supervisor rejected the
 * flagged lead; it is marked `rejected` with the reason, once. Throws `RecordMissing`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = { leads: leadStore(table), steps: decisionSteps(table), table };

export const handler = middy<
  { leadId?: unknown; by?: unknown; reason?: unknown },
  { rejectedNow: boolean }
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await rejectReviewedLead(deps, event ?? {}, new Date());
    logger.info('Lead rejected', { leadId: event.leadId, ...result });
    return result;
  });
