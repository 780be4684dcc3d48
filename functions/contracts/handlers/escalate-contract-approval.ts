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
import { escalateApproval } from '../contract-approvals';
import { contractStore } from '../store/contracts';

/**
 * Steps `Escalate … approval` of `contract` (payload `{contractId, level}`), after an approval
 * timed out: tells the managers once and answers the next window `{approvalSeconds}`; the
 * workflow then waits on the same approval again. Throws `EmailNotSent`, `RecordMissing`.
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
  { contractId?: unknown; level?: unknown },
  { managersTold: number; approvalSeconds: number }
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await escalateApproval(deps, event ?? {}, new Date());
    logger.info('Contract approval escalated', { contractId: event.contractId, ...result });
    return result;
  });
