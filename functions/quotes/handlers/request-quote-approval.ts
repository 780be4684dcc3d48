import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from '../../shared/env';
import { signingKeyReader } from '../../shared/signing-key';
import { quoteStepDeps } from '../quote-step-deps';
import { requestQuoteApproval } from '../quote-steps';

/**
 * Steps `Supervisor approval` and `Approval after escalation` of `quote` (waitForTaskToken,
 * payload `{quoteId, taskToken, approvalSeconds?}`): keeps the token on the quote and emails the
 * team's supervisor signed links, once. Throws `EmailNotSent` (retried), `RecordMissing`,
 * `InvalidPayload`.
 */

const logger = new Logger();
const deps = quoteStepDeps();
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));

export const handler = middy<{
  quoteId?: unknown;
  taskToken?: unknown;
  approvalSeconds?: unknown;
}>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await requestQuoteApproval(
      { ...deps, signingKey: await signingKey() },
      event ?? {},
      new Date(),
    );
    logger.info('Quote approval requested', { quoteId: event.quoteId, ...result });
    return result;
  });
