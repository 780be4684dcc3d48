import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { checkQuote } from '../quote-steps';
import { quoteStore } from '../store/quotes';

/**
 * Step `Check quote` of `quote` (payload `{quoteId}`): whether it waits for a supervisor, the
 * approval's TimeoutSeconds and when it expires. Throws `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  quotes: quoteStore(table),
  settings: settingsStore(table),
  zone: requireEnv('COMPANY_TIME_ZONE'),
};

export const handler = middy<{ quoteId?: unknown }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await checkQuote(deps, event ?? {}, new Date());
    logger.info('Quote checked', result);
    return result;
  });
