import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { returnContract } from './core/contract-return';
import { requireEnv } from './core/env';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { contractStepStore } from './core/store/contract-steps';
import { contractStore } from './core/store/contracts';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * Step `Return to agent` of `contract` (payload `{contractId, level, by, reason}`): an approver
 * rejected the draft; it is marked `returned` with the reason and the agent is told. Throws
 * `EmailNotSent`, `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  contracts: contractStore(table),
  steps: contractStepStore(table),
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
