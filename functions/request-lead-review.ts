import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from './core/env';
import { requestLeadReview } from './core/lead-review';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { signingKeyReader } from './core/signing-key';
import { leadReviewStore } from './core/store/lead-reviews';
import { leadStore } from './core/store/lead-store';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';
import { taskCallback } from './core/task-callback';

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
  reviews: leadReviewStore(table),
  staff: staffStore(table),
  settings: settingsStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  callback: taskCallback(),
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
