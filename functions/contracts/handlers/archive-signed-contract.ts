import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { documentFiles } from '../contract-documents';
import { archiveAndWelcome } from '../contract-signing';
import { contractStore } from '../store/contracts';

/**
 * Step `Archive and welcome` of `contract` (payload `{contractId}`): writes the signed contract's
 * PDF (the supplier from the company's details) to the documents bucket once and emails the customer a welcome with it attached. Throws
 * `EmailNotSent` (retried), `RecordMissing`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  contracts: contractStore(table),
  files: documentFiles(requireEnv('DOCUMENTS_BUCKET')),
  outbox: outbox(outboxStore(table), sesSender()),
  sender: requireEnv('SENDER_ADDRESS'),
  zone: requireEnv('COMPANY_TIME_ZONE'),
};
const settings = settingsStore(table);

export const handler = middy<{ contractId?: unknown }, { documentKey: string; welcome: string }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    // The supplier as the settings name it now: the contract is archived once, as signed.
    const { rules } = await loadBusinessRules(settings);
    const result = await archiveAndWelcome(
      { ...deps, supplier: rules.company },
      event?.contractId,
      new Date(),
    );
    logger.info('Signed contract archived', { contractId: event.contractId, ...result });
    return result;
  });
