import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { checkContractDocuments } from '../contracts';
import { contractStore } from '../store/contracts';

/**
 * Step `Check documents` of `contract` (payload `{contractId}`): which required documents are
 * missing, and the approval window if none is. Throws `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  contracts: contractStore(table),
  settings: settingsStore(table),
  zone: requireEnv('COMPANY_TIME_ZONE'),
};

export const handler = middy<
  { contractId?: unknown },
  Awaited<ReturnType<typeof checkContractDocuments>>
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await checkContractDocuments(deps, event?.contractId, new Date());
    logger.info('Contract documents checked', { contractId: event.contractId, ...result });
    return result;
  });
