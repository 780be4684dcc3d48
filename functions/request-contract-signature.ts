import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requestSignature } from './core/contract-requests';
import { taskCallback } from './core/contract-resume';
import { requireEnv } from './core/env';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { signingKeyReader } from './core/signing-key';
import { contractStepStore } from './core/store/contract-steps';
import { contractStore } from './core/store/contracts';
import { outboxStore } from './core/store/outbox-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * Step `Customer signature` of `contract` (waitForTaskToken, payload `{contractId, taskToken}`):
 * keeps the token and emails the customer a signing link in their language. Throws
 * `EmailNotSent` (retried), `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const deps = {
  contracts: contractStore(table),
  steps: contractStepStore(table),
  staff: staffStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  callback: taskCallback(),
  sender: requireEnv('SENDER_ADDRESS'),
};

export const handler = middy<{ contractId?: unknown; taskToken?: unknown }, { requested: true }>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await requestSignature(
      { ...deps, signingKey: await signingKey() },
      event ?? {},
      new Date(),
    );
    logger.info('Contract signature requested', { contractId: event.contractId });
    return result;
  });
