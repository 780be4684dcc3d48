import { Logger } from '@aws-lambda-powertools/logger';
import { suspensionLifter } from './core/arrears-suspension';
import { BankStatementInvalid, type BankStatementOptions } from './core/domain/bank-statement';
import { requireEnv } from './core/env';
import { NotFound, ValidationError } from './core/errors';
import { checkCsrf } from './core/http/csrf';
import { readMultipart } from './core/http/multipart';
import { officeHandler, pageAnswer } from './core/http/office/handler';
import { importFormPage, importSummaryPage } from './core/http/office/payment-import-pages';
import { outbox } from './core/mail/outbox';
import { sesSender } from './core/mail/ses';
import { importBankStatement } from './core/payments-import';
import { loadBusinessRules } from './core/settings';
import { signingKeyReader } from './core/signing-key';
import { accountStore } from './core/store/accounts';
import { invoiceStore } from './core/store/invoices';
import { outboxStore } from './core/store/outbox-store';
import { paymentStore } from './core/store/payments';
import { settingsStore } from './core/store/settings-store';
import { openTable } from './core/store/table';

/**
 * GET  /office/payments/import   the upload form (finance, managers)
 * POST /office/payments/import   a CSV bank statement (multipart): each matched row recorded once
 *                                 (re-importing adds nothing), then the summary.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const sender = requireEnv('SENDER_ADDRESS');
const zone = requireEnv('COMPANY_TIME_ZONE');
const settings = settingsStore(table);
const payments = paymentStore(table);
const accounts = accountStore(table);
const invoices = invoiceStore(table);
const liftSuspension = suspensionLifter(table, zone);
const mail = outbox(outboxStore(table), sesSender());

/** A statement of a few hundred rows is well under this. */
const maxFileBytes = 1024 * 1024;

export const handler = officeHandler(logger, signingKey, async (request) => {
  const { event, frame, principal, now } = request;
  if (event.routeKey === 'GET /office/payments/import') {
    return pageAnswer(200, importFormPage({ frame, values: {}, problems: [] }));
  }
  if (event.routeKey !== 'POST /office/payments/import')
    throw new NotFound('There is no such page.');
  const { fields, files } = readMultipart(event, maxFileBytes + 64 * 1024);
  checkCsrf(event, fields, await signingKey());
  const values = {
    currency: (fields.currency ?? '').trim().toUpperCase(),
    decimalSeparator: fields.decimalSeparator === ',' ? ',' : '.',
    delimiter: fields.delimiter === ';' ? ';' : ',',
  };
  const refuse = (problems: { row: number; field: string; message: string }[]) =>
    pageAnswer(400, importFormPage({ frame, values, problems }));
  const file = files.file;
  if (!file || file.bytes.byteLength === 0) {
    return refuse([{ row: 0, field: 'file', message: 'choose the CSV file to import' }]);
  }
  const options: BankStatementOptions = {
    ...(values.currency ? { currency: values.currency } : {}),
    decimalSeparator: values.decimalSeparator as '.' | ',',
    delimiter: values.delimiter as ',' | ';',
  };
  const { rules } = await loadBusinessRules(settings);
  try {
    const summary = await importBankStatement(
      {
        payments,
        accounts,
        invoices,
        outbox: mail,
        liftSuspension,
        sender,
        zone,
        company: rules.company,
        by: { staffId: principal.staffId, name: principal.name },
        onReceiptDelayed: (paymentId, error) =>
          logger.warn('Receipt not sent now; the outbox retries it', { paymentId, error }),
      },
      file.bytes.toString('utf8'),
      options,
      now,
    );
    logger.info('Bank statement imported', {
      file: file.fileName,
      recorded: summary.recorded.length,
      alreadyRecorded: summary.alreadyRecorded.length,
      unmatched: summary.unmatched.length,
      by: principal.staffId,
    });
    return pageAnswer(200, importSummaryPage(frame, summary));
  } catch (error) {
    if (error instanceof BankStatementInvalid) return refuse(error.problems);
    if (error instanceof ValidationError) {
      return refuse(error.problems.map((p) => ({ row: 0, field: p.field, message: p.message })));
    }
    throw error;
  }
});
