import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { quoteStepDeps } from '../quote-step-deps';
import { closeQuote } from '../quote-steps';

/**
 * Steps `Reject quote`, `Expire quote`, `Quote declined`, `Quote accepted` of `quote` (payload
 * `{quoteId, outcome}`): records how the quote ended and tells its agent once. Throws
 * `EmailNotSent` (retried), `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const deps = quoteStepDeps();

export const handler = middy<{ quoteId?: unknown; outcome?: unknown }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await closeQuote(deps, event ?? {}, new Date());
    logger.info('Quote closed', { quoteId: event.quoteId, outcome: event.outcome, ...result });
    return result;
  });
