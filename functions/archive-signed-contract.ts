import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { documentFiles } from './core/contract-documents';
import { archiveAndWelcome } from './core/contract-signing';
import { requireEnv } from './core/env';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { loadBusinessRules } from './core/settings';
import { contractStore } from './core/store/contracts';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { openTable } from './core/store/table';

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
