import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requestApproval } from './core/contract-approvals';
import { taskCallback } from './core/contract-resume';
import { requireEnv } from './core/env';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { signingKeyReader } from './core/signing-key';
import { contractStepStore } from './core/store/contract-steps';
import { contractStore } from './core/store/contracts';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * Steps `Supervisor approval` and `Manager approval` of `contract` (waitForTaskToken, payload
 * `{contractId, level, taskToken, approvalSeconds}`): keeps the token and emails the approvers
 * signed approve / reject links. Throws `EmailNotSent` (retried), `RecordMissing`,
 * `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const deps = {
  contracts: contractStore(table),
  steps: contractStepStore(table),
  staff: staffStore(table),
  settings: settingsStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  sender: requireEnv('SENDER_ADDRESS'),
  zone: requireEnv('COMPANY_TIME_ZONE'),
  callback: taskCallback(),
};

export const handler = middy<
  { contractId?: unknown; level?: unknown; taskToken?: unknown; approvalSeconds?: unknown },
  { approvers: number; deadline: string }
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await requestApproval(
      { ...deps, signingKey: await signingKey() },
      event ?? {},
      new Date(),
    );
    logger.info('Contract approval requested', {
      contractId: event.contractId,
      level: event.level,
      ...result,
    });
    return result;
  });
