import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { waitingForCompanyDetails } from '../../shared/jobs/item-attempts';
import { billingItemId } from '../../shared/jobs/item-records';
import { openItemStore } from '../../shared/jobs/open-items';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { parseBillingPayload } from '../invoice-billing-input';
import { invoiceDocuments } from '../invoice-documents';
import { issueFirstInvoice } from '../invoices';
import { businessDate } from '../rules/invoice';
import { billingTermStore } from '../store/billing-terms';
import { invoiceNumberStore } from '../store/invoice-numbers';

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
