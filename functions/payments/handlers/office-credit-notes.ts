import { Logger } from '@aws-lambda-powertools/logger';
import { isValid, ulid } from 'ulidx';
import { accountStore } from '../../accounts/store/accounts';
import { invoiceDocuments } from '../../invoicing/invoice-documents';
import { invoiceNumberStore } from '../../invoicing/store/invoice-numbers';
import { invoiceStore } from '../../invoicing/store/invoices';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { BadRequest, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { companyDetailsNotice } from '../../shared/office/company-notice';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { amountField } from '../../shared/rules/money';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { missingCompanyDetails } from '../../staff/settings/company';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { type CreditRequest, issueCreditNote } from '../credit-notes';
import { creditNoteFormPage } from '../pages/credit-note-page';

/**
 * Credit notes in the back office (finance, managers):
 * GET  /office/invoices/{number}/credit-notes/new   the form
 * POST /office/invoices/{number}/credit-notes       issues it once per form (entry key), keeps
 *                                                    its PDF, emails it; then its page
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const sender = requireEnv('SENDER_ADDRESS');
const zone = requireEnv('COMPANY_TIME_ZONE');
const documents = invoiceDocuments(requireEnv('DOCUMENTS_BUCKET'));
const invoices = invoiceStore(table);
const numbers = invoiceNumberStore(table);
const accounts = accountStore(table);
const settings = settingsStore(table);
const mail = outbox(outboxStore(table), sesSender());

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/invoices/{number}/credit-notes/new':
      return pageAnswer(200, await formPage(request, {}, [], ulid()));
    case 'POST /office/invoices/{number}/credit-notes':
      return credit(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function invoiceOf(request: OfficeRequest) {
  const number = request.event.pathParameters?.number ?? '';
  const invoice = /^INV-\d{4}-\d{6}$/.test(number) ? await invoices.get(number) : undefined;
  if (!invoice) throw new NotFound('There is no invoice with this number.');
  return invoice;
}

async function formPage(
  request: OfficeRequest,
  values: Record<string, string>,
  problems: { field: string; message: string }[],
  entryKey: string,
) {
  const invoice = await invoiceOf(request);
  const { rules } = await loadBusinessRules(settings);
  const notice = companyDetailsNotice(request.frame, missingCompanyDetails(rules.company));
  return creditNoteFormPage({ frame: request.frame, invoice, entryKey, values, problems, notice });
}

async function credit(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the credit note from the invoice’s form');
  checkCsrf(event, body.fields, await signingKey());
  const invoice = await invoiceOf(request);
  const entryKey = body.fields.entryKey ?? '';
  if (!isValid(entryKey))
    throw new BadRequest('The form is missing its entry key; reload the page');
  const values = {
    kind: body.fields.kind === 'partial' ? 'partial' : 'full',
    amount: body.fields.amount ?? '',
    reason: body.fields.reason ?? '',
  };
  try {
    let creditRequest: CreditRequest = { kind: 'full', reason: values.reason };
    if (values.kind === 'partial') {
      creditRequest = {
        kind: 'partial',
        netMinor: amountField(values.amount, invoice.currency),
        reason: values.reason,
      };
    }
    const account = await accounts.get(invoice.accountId);
    if (!account) throw new NotFound('The invoice’s account does not exist.');
    const { rules } = await loadBusinessRules(settings);
    const result = await issueCreditNote(
      { table, numbers, invoices, documents, outbox: mail, sender, zone, company: rules.company },
      invoice.number,
      creditRequest,
      `office#${entryKey}`,
      account.email,
      now,
    );
    logger.info(result.created ? 'Credit note issued' : 'Credit note form posted again', {
      creditNote: result.creditNote.number,
      invoice: invoice.number,
      email: result.email,
      by: principal.staffId,
    });
    return seeOther(`${frame.base}/office/invoices/${result.creditNote.number}`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return pageAnswer(400, await formPage(request, values, [...error.problems], entryKey));
  }
}
