import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from '../../shared/env';
import { signingKeyReader } from '../../shared/signing-key';
import { quoteStepDeps } from '../quote-step-deps';
import { sendQuote } from '../quote-steps';

/**
 * Step `Send quote` of `quote` (waitForTaskToken, payload `{quoteId, taskToken}`): marks the quote
 * sent, keeps the token for the customer's answer and emails the customer the quote with a signed
 * link, in their language. Throws `EmailNotSent` (retried), `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const deps = quoteStepDeps();
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));

export const handler = middy<{ quoteId?: unknown; taskToken?: unknown }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await sendQuote(
      { ...deps, signingKey: await signingKey() },
      event ?? {},
      new Date(),
    );
    logger.info('Quote sent', { quoteId: event.quoteId, ...result });
    return result;
  });
