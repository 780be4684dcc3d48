import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { contactStore } from '../../accounts/store/contacts';
import type { ContractBilling } from '../../invoicing/rules/invoice';
import { leadStore } from '../../leads/store/lead-store';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { activateContract } from '../contract-signing';
import { contractStore } from '../store/contracts';

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
