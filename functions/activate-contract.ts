import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { activateContract } from './core/contract-signing';
import type { ContractBilling } from './core/domain/invoice';
import { requireEnv } from './core/env';
import { contactStore } from './core/store/contacts';
import { contractStore } from './core/store/contracts';
import { leadStore } from './core/store/lead-store';
import { openTable } from './core/store/table';

/**
 * Step `Activate` of `contract` (payload `{contractId}`): opens the account and makes the signed
 * contract active, in one transaction; the customer's email and phone then point at the
 * account. Answers `{accountId, billing}` for the first invoice.
 */

const logger = new Logger();
const tableName = requireEnv('TABLE_NAME');
const table = openTable(tableName);
const deps = {
  contracts: contractStore(table),
  contacts: contactStore(table),
  leads: leadStore(table),
  tableName,
};

export const handler = middy<
  { contractId?: unknown },
  { accountId: string; billing: ContractBilling }
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await activateContract(deps, event?.contractId, new Date());
    logger.info('Contract activated', {
      contractId: event.contractId,
      accountId: result.accountId,
    });
    return result;
  });
