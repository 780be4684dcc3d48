import { accountActivityStore } from '../accounts/store/account-activity';
import { accountStore } from '../accounts/store/accounts';
import {
  type JobDefinition,
  type JobEnvironment,
  required,
  rulesPerDate,
} from '../daily-job/job-environment';
import { invoiceStore } from '../invoicing/store/invoices';
import { ledgerStore } from '../invoicing/store/ledger';
import { writeOffStore } from '../payments/store/write-offs';
import { type StatementItem, statementItemId, statementItemOf } from '../shared/jobs/item-records';
import type { DailyJob } from '../shared/jobs/runner';
import { parseBusinessDate } from '../shared/rules/job-dates';
import { monthBefore } from './rules/statement';
import { type StatementDeps, sendStatement } from './statements';
import { statementRecordStore } from './store/statement-records';

/**
 * Monthly statements as a daily job: on the statement day (`statements.dayOfMonth`, the 1st by
 * default) one item per account marked active last month (`account-activity.ts`: a money event,
 * or a balance carried from the statement before); acting on it makes, archives and emails last
 * month's statement once. On other days there are no items. The runner tracks each account, so a
 * run killed half-way is resumed and sends only what was not sent.
 */

export type { StatementItem } from '../shared/jobs/item-records';

export function statementsJob(env: JobEnvironment): DailyJob<StatementItem> {
  const activity = accountActivityStore(env.table);
  const table = env.table;
  const deps: StatementDeps = {
    accounts: accountStore(table),
    ledger: ledgerStore(table),
    invoices: invoiceStore(table),
    writeOffs: writeOffStore(table),
    activity,
    records: statementRecordStore(table),
    documents: required(env.documents, 'documents', 'statements'),
    outbox: env.outbox,
    sender: env.sender,
    zone: env.zone,
  };
  const rulesFor = rulesPerDate(env.settings);
  return {
    name: 'statements',
    async items(date) {
      const rules = await rulesFor(date);
      if (parseBusinessDate(date).day !== rules.statements.dayOfMonth) return [];
      const month = monthBefore(date);
      const accounts = await activity.accountsActiveIn(month);
      return accounts.map((accountId) => {
        const item = { accountId, month };
        return { id: statementItemId(item), item };
      });
    },
    async reload(id) {
      return statementItemOf(id);
    },
    async act(item, date, _asOf, now) {
      const outcome = await sendStatement(
        deps,
        await rulesFor(date),
        item.accountId,
        item.month,
        now,
      );
      return outcome.kind === 'sent' || outcome.kind === 'waiting' ? outcome.kind : 'skipped';
    },
  };
}

export const statements: JobDefinition = {
  name: 'statements',
  description:
    "Emails last month's statement (lines, balances, ageing, PDF) to every account with activity or a balance, once each.",
  build: statementsJob,
};
