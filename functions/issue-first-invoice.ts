import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from './core/env';
import { parseBillingPayload } from './core/invoice-billing-input';
import { invoiceDocuments } from './core/invoice-documents';
import { issueFirstInvoice } from './core/invoices';
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
 * in arrears. Throws `InvalidPayload` when retrying cannot help, `CurrencyMismatch` when the
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

type StepResult = { invoiceNumber: string } | { invoiceNumber: null; firstIssueOn: string };

export const handler = middy<unknown, StepResult>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const billing = parseBillingPayload(event);
    const { rules } = await loadBusinessRules(settings);
    const result = await issueFirstInvoice(
      { numbers, terms, documents, outbox: mail, sender, zone, company: rules.company },
      billing,
      new Date(),
    );
    logger.info('First invoice', { contractId: billing.contractId, ...result });
    if (result.invoiceNumber === null) return result;
    // The email's fate is the outbox's business (in doubt: flagged for staff), not the workflow's.
    return { invoiceNumber: result.invoiceNumber };
  });
