import { requireEnv } from './env';
import { outbox } from './mail/outbox';
import { sesSender } from './mail/ses';
import type { QuoteStepDeps } from './quote-steps';
import { outboxStore } from './store/outbox-store';
import { quoteStore } from './store/quotes';
import { settingsStore } from './store/settings-store';
import { staffStore } from './store/staff-store';
import { openTable } from './store/table';

/** What the quote workflow's emailing steps are built from, read from their declared env. */
export function quoteStepDeps(): QuoteStepDeps {
  const table = openTable(requireEnv('TABLE_NAME'));
  return {
    quotes: quoteStore(table),
    staff: staffStore(table),
    settings: settingsStore(table),
    outbox: outbox(outboxStore(table), sesSender()),
    sender: requireEnv('SENDER_ADDRESS'),
    zone: requireEnv('COMPANY_TIME_ZONE'),
  };
}
