import { Logger } from '@aws-lambda-powertools/logger';
import { readableAccount } from './core/account-access';
import { importCharges, recordCharge } from './core/charges';
import { parseCharge } from './core/domain/charges';
import { ChargesFileInvalid } from './core/domain/charges-csv';
import { businessDate } from './core/domain/invoice';
import { requireEnv } from './core/env';
import { BadRequest, NotFound, ValidationError } from './core/errors';
import { readBody } from './core/http/body';
import { checkCsrf } from './core/http/csrf';
import { readMultipart } from './core/http/multipart';
import {
  chargeFormPage,
  chargeImportPage,
  chargeImportSummaryPage,
} from './core/http/office/charge-pages';
import { type OfficeRequest, officeHandler, pageAnswer } from './core/http/office/handler';
import { seeOther } from './core/http/responses';
import { signingKeyReader } from './core/signing-key';
import { accountStore } from './core/store/accounts';
import { ChargeReferenceUsed, chargeStore } from './core/store/charges';
import { ledgerStore } from './core/store/ledger';
import { openTable } from './core/store/table';

/**
 * Charges in the back office:
 * GET  /office/accounts/{accountId}/charges/new  the form and the latest charges (the account's
 *                                               agent, finance, managers)
 * POST /office/accounts/{accountId}/charges      records it once per reference
 * GET  /office/charges/import                    the CSV upload form (finance, managers)
 * POST /office/charges/import                    a CSV of charges: all rows or none
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const accounts = accountStore(table);
const deps = { charges: chargeStore(table), accounts, ledger: ledgerStore(table), zone };

/** A few hundred rows are well under this. */
const maxFileBytes = 512 * 1024;

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/accounts/{accountId}/charges/new':
      return formPage(request, {}, [], 200);
    case 'POST /office/accounts/{accountId}/charges':
      return record(request);
    case 'GET /office/charges/import':
      return pageAnswer(200, chargeImportPage(request.frame, []));
    case 'POST /office/charges/import':
      return importFile(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

const accountOf = ({ event, principal }: OfficeRequest) =>
  readableAccount(accounts, principal, event.pathParameters?.accountId);

async function formPage(
  request: OfficeRequest,
  values: Record<string, string>,
  problems: { field: string; message: string }[],
  status: number,
) {
  const account = await accountOf(request);
  const balance = await deps.ledger.getBalance(account.accountId);
  const done = request.event.queryStringParameters?.done;
  return pageAnswer(
    status,
    chargeFormPage({
      frame: request.frame,
      account,
      charges: await deps.charges.ofAccount(account.accountId, 20),
      values: {
        currency: balance?.currency ?? 'EUR',
        date: businessDate(request.now, zone),
        kind: 'usage',
        ...values,
      },
      problems,
      ...(done === 'recorded'
        ? { flash: { kind: 'done', message: 'Charge recorded: it is billed on the 13th.' } }
        : done === 'repeated'
          ? { flash: { kind: 'done', message: 'This reference was recorded before: unchanged.' } }
          : {}),
    }),
  );
}

async function record(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the charge from the account’s charge form');
  checkCsrf(event, body.fields, await signingKey());
  const account = await accountOf(request);
  const { csrf: _csrf, ...fields } = body.fields;
  const parsed = parseCharge({ ...fields, accountId: account.accountId });
  if ('problems' in parsed) return formPage(request, fields, parsed.problems, 400);
  try {
    const result = await recordCharge(
      deps,
      parsed.charge,
      { staffId: principal.staffId, name: principal.name },
      'back-office',
      now,
    );
    logger.info(result.created ? 'Charge recorded' : 'Charge form posted again', {
      chargeId: result.charge.chargeId,
      by: principal.staffId,
    });
    return seeOther(
      `${frame.base}/office/accounts/${account.accountId}/charges/new?done=${result.created ? 'recorded' : 'repeated'}`,
    );
  } catch (error) {
    if (error instanceof ValidationError) {
      return formPage(request, fields, [...error.problems], 400);
    }
    if (error instanceof ChargeReferenceUsed) {
      const message = 'is already used by another charge of this account';
      return formPage(request, fields, [{ field: 'reference', message }], 409);
    }
    throw error;
  }
}

async function importFile(request: OfficeRequest) {
  const { event, frame, principal, now } = request;
  const { fields, files } = readMultipart(event, maxFileBytes + 64 * 1024);
  checkCsrf(event, fields, await signingKey());
  const file = files.file;
  const refuse = (problems: { row: number; field: string; message: string }[]) =>
    pageAnswer(400, chargeImportPage(frame, problems));
  if (!file || file.bytes.byteLength === 0) {
    return refuse([{ row: 0, field: 'file', message: 'choose the CSV file to import' }]);
  }
  if (file.bytes.byteLength > maxFileBytes) {
    return refuse([{ row: 0, field: 'file', message: 'the file is over 512 KB: split it' }]);
  }
  try {
    const summary = await importCharges(
      deps,
      file.bytes.toString('utf8'),
      { staffId: principal.staffId, name: principal.name },
      now,
    );
    logger.info('Charges imported', {
      file: file.fileName,
      recorded: summary.recorded.length,
      alreadyRecorded: summary.alreadyRecorded.length,
      by: principal.staffId,
    });
    return pageAnswer(200, chargeImportSummaryPage(frame, summary));
  } catch (error) {
    if (error instanceof ChargesFileInvalid) return refuse(error.problems);
    throw error;
  }
}
