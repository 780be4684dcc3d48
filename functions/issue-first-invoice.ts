import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { businessDate } from './core/domain/invoice';
import { requireEnv } from './core/env';
import { parseBillingPayload } from './core/invoice-billing-input';
import { invoiceDocuments } from './core/invoice-documents';
import { issueFirstInvoice } from './core/invoices';
import { waitingForCompanyDetails } from './core/jobs/item-attempts';
import { billingItemId } from './core/jobs/item-records';
import { openItemStore } from './core/jobs/open-items';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { loadBusinessRules } from './core/settings';
import { billingTermStore } from './core/store/billing-terms';
import { invoiceNumberStore } from './core/store/invoice-numbers';
import { outboxStore } from './core/store/outbox-store';
import { settingsStore } from './core/store/settings-store';
import { openTable } from './core/store/table';

/**
 * Step `Issue first invoice` of the `contract` workflow (payload `{billing: ContractBilling}`).
 * Returns `{invoiceNumber}`, or `{invoiceNumber: null, firstIssueOn}` when the contract is billed
 * in arrears, or `{invoiceNumber: null, waitingFor: 'company-details'}` when the company's
 * details are not filled in yet: the invoice is then listed as waiting (a billing job item the
 * billing run issues once they are), and the workflow ends as usual. Throws `InvalidPayload` when retrying cannot help, `CurrencyMismatch` when the
 * account is kept in another currency, `EmailNotSent` when SES refused (retry it).
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const documents = invoiceDocuments(requireEnv('DOCUMENTS_BUCKET'));
const sender = requireEnv('SENDER_ADDRESS');
const zone = requireEnv('COMPANY_TIME_ZONE');
const numbers = invoiceNumberStore(table);
const terms = billingTermStore(table);
const settings = settingsStore(table);
const mail = outbox(outboxStore(table), sesSender());
const jobItems = openItemStore(table);

type StepResult =
  | { invoiceNumber: string }
  | { invoiceNumber: null; firstIssueOn: string }
  | { invoiceNumber: null; waitingFor: 'company-details' };

export const handler = middy<unknown, StepResult>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const billing = parseBillingPayload(event);
    const { rules } = await loadBusinessRules(settings);
    const now = new Date();
    const result = await issueFirstInvoice(
      { numbers, terms, documents, outbox: mail, sender, zone, company: rules.company },
      billing,
      now,
    );
    logger.info('First invoice', { contractId: billing.contractId, ...result });
    if ('waitingFor' in result) {
      const itemId = billingItemId({ kind: 'first-invoice', contractId: billing.contractId });
      const key = { job: 'billing', date: businessDate(now, zone), itemId };
      await jobItems.recordWaiting(key, waitingForCompanyDetails, now);
    }
    if (result.invoiceNumber === null) return result;
    // The email's fate is the outbox's business (in doubt: flagged for staff), not the workflow's.
    return { invoiceNumber: result.invoiceNumber };
  });
