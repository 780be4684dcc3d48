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
import { requestLeadReview } from '../lead-review';
import { leadStore } from '../store/lead-store';

/**
 * Step `Supervisor review` of `lead-intake` (waitForTaskToken, payload
 * `{leadId, taskToken, reviewSeconds}`): keeps the token on the lead and emails the team's
 * supervisor a signed link. Throws `EmailNotSent` (retried), `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const sender = requireEnv('SENDER_ADDRESS');
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const deps = {
  leads: leadStore(table),
  steps: decisionSteps(table),
  staff: staffStore(table),
  settings: settingsStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  sender,
};

export const handler = middy<
  { leadId?: unknown; taskToken?: unknown; reviewSeconds?: unknown },
  { outcome: string; deadline: string }
>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await requestLeadReview(
      { ...deps, signingKey: await signingKey() },
      event ?? {},
      new Date(),
    );
    logger.info('Lead review requested', { leadId: event.leadId, ...result });
    return result;
  });
