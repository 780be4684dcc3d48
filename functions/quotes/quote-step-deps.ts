import { outbox } from '../messages/outbox';
import { sesSender } from '../messages/ses';
import { outboxStore } from '../messages/store/outbox-store';
import { decisionSteps } from '../shared/decisions/decision-step';
import { requireEnv } from '../shared/env';
import { openTable } from '../shared/store/table';
import { settingsStore } from '../staff/settings/settings-store';
import { staffStore } from '../staff/store/staff-store';
import type { QuoteStepDeps } from './quote-steps';
import { quoteStore } from './store/quotes';

/** What the quote workflow's emailing steps are built from, read from their declared env. */
export function quoteStepDeps(): QuoteStepDeps {
  const table = openTable(requireEnv('TABLE_NAME'));
  return {
    quotes: quoteStore(table),
    staff: staffStore(table),
    settings: settingsStore(table),
    outbox: outbox(outboxStore(table), sesSender()),
    steps: decisionSteps(table),
    sender: requireEnv('SENDER_ADDRESS'),
    zone: requireEnv('COMPANY_TIME_ZONE'),
  };
}
