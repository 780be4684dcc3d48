import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { staffStore } from '../../staff/store/staff-store';
import { requestSignature } from '../contract-requests';
import { contractStore } from '../store/contracts';

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
  steps: decisionSteps(table),
  staff: staffStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
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
