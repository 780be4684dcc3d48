import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { accountStore } from '../../accounts/store/accounts';
import { contactStore } from '../../accounts/store/contacts';
import { leadStore } from '../../leads/store/lead-store';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { staffStore } from '../../staff/store/staff-store';
import { type FeedbackOutcome, recordEmailFeedback } from '../email-feedback';
import { outbox } from '../outbox';
import { sesSender } from '../ses';
import { parseSnsFeedbackEvent } from '../ses-feedback';
import { outboxStore } from '../store/outbox-store';
import { suppressedAddresses } from '../store/suppressed-addresses';

/**
 * Subscribed to the SES feedback topic (SNS; locally the SES endpoint's mailbox simulator calls
 * it the same way): a permanent bounce or a complaint marks the address, so the outbox refuses
 * to send to it, and tells the agent once. A notification it cannot read throws `InvalidPayload`
 * naming the field; Lambda's retries of an SNS delivery then change nothing twice.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const deps = {
  marks: suppressedAddresses(table),
  contacts: contactStore(table),
  accounts: accountStore(table),
  leads: leadStore(table),
  staff: staffStore(table),
  outbox: outbox(outboxStore(table), sesSender()),
  sender: requireEnv('SENDER_ADDRESS'),
};

export const handler = middy<unknown, FeedbackOutcome[]>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const outcomes: FeedbackOutcome[] = [];
    for (const feedback of parseSnsFeedbackEvent(event)) {
      const outcome = await recordEmailFeedback(deps, feedback, new Date());
      if (outcome.kind === 'transient') logger.info('Transient bounce, not marked', { outcome });
      else logger.info('Email feedback recorded', { outcome });
      outcomes.push(outcome);
    }
    return outcomes;
  });
