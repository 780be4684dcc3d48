import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { quoteStepDeps } from '../quote-step-deps';
import { escalateQuoteApproval } from '../quote-steps';

/**
 * Step `Escalate approval` of `quote` (payload `{quoteId}`), after 3 business days without a
 * decision: tells the managers once. Throws `EmailNotSent` (retried), `RecordMissing`.
 */

const logger = new Logger();
const deps = quoteStepDeps();

export const handler = middy<{ quoteId?: unknown }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await escalateQuoteApproval(deps, event ?? {}, new Date());
    logger.info('Quote approval escalated', { quoteId: event.quoteId, ...result });
    return result;
  });
