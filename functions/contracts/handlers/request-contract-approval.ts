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
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { requestApproval } from '../contract-approvals';
import { contractStore } from '../store/contracts';

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
  steps: decisionSteps(table),
  staff: staffStore(table),
  settings: settingsStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  sender: requireEnv('SENDER_ADDRESS'),
  zone: requireEnv('COMPANY_TIME_ZONE'),
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
