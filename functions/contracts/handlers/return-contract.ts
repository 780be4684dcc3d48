import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { returnContract } from '../contract-return';
import { contractStore } from '../store/contracts';

/**
 * Step `Return to agent` of `contract` (payload `{contractId, level, by, reason}`): an approver
 * rejected the draft; it is marked `returned` with the reason and the agent is told. Throws
 * `EmailNotSent`, `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
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
  { contractId?: unknown; level?: unknown; by?: unknown; reason?: unknown },
  { returned: true }
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await returnContract(deps, event ?? {}, new Date());
    logger.info('Contract returned', { contractId: event.contractId, level: event.level });
    return result;
  });
