import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { workflowArnVariable } from '../infra/manifest';
import { startContract } from './core/contracts';
import { requireEnv } from './core/env';
import { contractStore } from './core/store/contracts';
import { quoteStore } from './core/store/quotes';
import { openTable } from './core/store/table';
import { workflowStarter } from './core/workflow';

/**
 * Last step of the `quote` workflow (payload `{quoteId}`): drafts the contract of the accepted
 * quote once and starts its `contract` workflow (named by the contract id). Throws
 * `QuoteNotContractable`, `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  contracts: contractStore(table),
  quotes: quoteStore(table),
  workflow: workflowStarter(requireEnv(workflowArnVariable('contract'))),
};

export const handler = middy<{ quoteId?: unknown }, { contractId: string; created: boolean }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await startContract(deps, event ?? {}, new Date());
    logger.info('Contract started', { quoteId: event.quoteId, ...result });
    return result;
  });
