import { accountStore } from '../accounts/store/accounts';
import { contractBilling } from '../contracts/rules/contract';
import { contractStore } from '../contracts/store/contracts';
import {
  type JobDefinition,
  type JobEnvironment,
  required,
  rulesPerDate,
} from '../daily-job/job-environment';
import { billMonthCharges, chargeMonthsAccepted } from '../payments/charges';
import { chargeStore } from '../payments/store/charges';
import type { ItemOutcome } from '../shared/jobs/item-attempts';
import { type BillingItem, billingItemId, billingItemOf } from '../shared/jobs/item-records';
import { isoDate, parseBusinessDate } from '../shared/rules/job-dates';
import type { BusinessRules } from '../staff/settings/business-rules';
import { issueFirstInvoice } from './invoices';
import { billTerm } from './recurring-billing';
import { usageMonthsToBill } from './rules/billing-periods';
import { billingTermStore } from './store/billing-terms';
import { invoiceNumberStore } from './store/invoice-numbers';

export type { BillingItem } from '../shared/jobs/item-records';

import type { DailyJob } from '../shared/jobs/runner';

/**
 * Recurring billing as a daily job (DOMAIN.md section 4). Items of a business date:
 *  - each contract term whose next billing day has come (index `billing-terms-due`): its due
 *    periods are invoiced, oldest first (`billTerm`);
 *  - each account, month and currency with unbilled charges of a month whose billing day (the
 *    `invoices.usageBillingByDayOfMonth` of the next month, the 13th) has come (index
 *    `charges-unbilled`): one invoice with a line per charge (`billMonthCharges`).
 * Invoices are dated on the run's business date and emailed once with their PDF. A contract's
 * first invoice that waited for the company's details (`first-invoice#<contractId>`, listed by
 * the contract workflow) is issued by the run's retries. While the details are missing, every
 * invoice due waits (`waiting`), and goes out with the first run after they are filled in.
 */

/**
 * How many months back a run looks for unbilled charges: a charge recorded late (up to
 * `chargeMonthsAccepted` back, `charges.ts`) is still billed by the next run.
 */
export const chargeMonthsLookBack = chargeMonthsAccepted + 1;

export function billingJob(env: JobEnvironment): DailyJob<BillingItem> {
  const numbers = invoiceNumberStore(env.table);
  const terms = billingTermStore(env.table);
  const charges = chargeStore(env.table);
  const accounts = accountStore(env.table);
  const contracts = contractStore(env.table);
  const documents = required(env.documents, 'documents', 'billing');
  const rulesFor = rulesPerDate(env.settings);
  const invoicing = (rules: BusinessRules) => ({
    numbers,
    documents,
    outbox: env.outbox,
    sender: env.sender,
    zone: env.zone,
    company: rules.company,
  });
  const withId = (item: BillingItem) => ({ id: billingItemId(item), item });

  async function firstInvoice(rules: BusinessRules, contractId: string, asOf: Date, now: Date) {
    const contract = await contracts.get(contractId);
    if (!contract?.accountId) throw new Error(`Contract ${contractId} or its account is missing`);
    const result = await issueFirstInvoice(
      { ...invoicing(rules), terms },
      contractBilling(contract, contract.accountId),
      now,
      asOf,
    );
    if ('waitingFor' in result) return 'waiting';
    return result.invoiceNumber ? 'sent' : 'skipped';
  }

  return {
    name: 'billing',
    async items(date) {
      const rules = await rulesFor(date);
      const items = (await terms.dueBy(date)).map((t) =>
        withId({ kind: 'term', contractId: t.contractId, termStart: t.startDate }),
      );
      const since = isoDate(
        parseBusinessDate(date).minus({ months: chargeMonthsLookBack }).startOf('month'),
      ).slice(0, 7);
      const months = usageMonthsToBill(since, date, rules.invoices.usageBillingByDayOfMonth);
      for (const month of months) {
        const groups = new Set(
          (await charges.unbilledOfMonth(month)).map((c) => `${c.accountId}#${c.currency}`),
        );
        for (const group of groups) {
          const [accountId = '', currency = ''] = group.split('#');
          items.push(withId({ kind: 'charges', accountId, month, currency }));
        }
      }
      return items;
    },

    async reload(id) {
      return billingItemOf(id);
    },

    async act(item, date, asOf, now): Promise<ItemOutcome> {
      const rules = await rulesFor(date);
      if (item.kind === 'first-invoice') return firstInvoice(rules, item.contractId, asOf, now);
      if (item.kind === 'term') {
        const { outcome } = await billTerm(
          { ...invoicing(rules), terms, contracts },
          item.contractId,
          item.termStart,
          date,
          asOf,
          now,
        );
        return outcome;
      }
      const sent = await billMonthCharges(
        {
          ...invoicing(rules),
          charges,
          accounts,
          table: env.table,
          paymentTerms: { kind: 'net', days: rules.invoices.defaultPaymentTermsDays },
        },
        item.accountId,
        item.month,
        item.currency,
        asOf,
        now,
      );
      if (sent === 'waiting') return 'waiting';
      return sent.length > 0 ? 'sent' : 'skipped';
    },
  };
}

export const billing: JobDefinition = {
  name: 'billing',
  description:
    'Invoices recurring fees of contract terms when due and last month’s charges on the 13th.',
  build: (env) => billingJob(env),
};
