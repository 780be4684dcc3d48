import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { quoteStore } from '../../quotes/store/quotes';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { workflowArnVariable, workflowStarter } from '../../shared/workflow';
import { startContract } from '../contracts';
import { contractStore } from '../store/contracts';

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
