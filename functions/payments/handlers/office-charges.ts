import { Logger } from '@aws-lambda-powertools/logger';
import { decodeTime } from 'ulidx';
import { readableAccount } from '../../accounts/account-access';
import { accountCurrency } from '../../accounts/account-currency';
import { accountStore } from '../../accounts/store/accounts';
import { contractStore } from '../../contracts/store/contracts';
import { businessDate } from '../../invoicing/rules/invoice';
import { ledgerStore } from '../../invoicing/store/ledger';
import { requireEnv } from '../../shared/env';
import { BadRequest, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { readMultipart } from '../../shared/http/multipart';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { earliestChargeDate, importCharges, recordCharge, voidCharge } from '../charges';
import {
  chargeFormPage,
  chargeImportPage,
  chargeImportSummaryPage,
  chargeVoidPage,
} from '../pages/charge-pages';
import { parseCharge } from '../rules/charges';
import { ChargesFileInvalid } from '../rules/charges-csv';
import { ChargeReferenceUsed, chargeStore } from '../store/charges';

/**
 * Charges in the back office:
 * GET  /office/accounts/{accountId}/charges/new  the form and the latest charges (the account's
 *                                               agent, finance, managers)
 * POST /office/accounts/{accountId}/charges      records it once per reference
 * GET  /office/charges/import                    the CSV upload form (finance, managers)
 * POST /office/charges/import                    a CSV of charges: all rows or none
 * GET  /office/accounts/{accountId}/charges/{chargeId}/void  a charge and the form voiding it
 * POST /office/accounts/{accountId}/charges/{chargeId}/void  voids it if not billed (finance,
 *                                               managers; a reason is required)
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const accounts = accountStore(table);
const deps = {
  charges: chargeStore(table),
  accounts,
  ledger: ledgerStore(table),
  contracts: contractStore(table),
  zone,
};

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
    case 'GET /office/accounts/{accountId}/charges/{chargeId}/void':
      return voidPage(request, {}, [], 200);
    case 'POST /office/accounts/{accountId}/charges/{chargeId}/void':
      return voidOne(request);
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
  const currency = await accountCurrency(deps, account.accountId);
  const done = request.event.queryStringParameters?.done;
  return pageAnswer(
    status,
    chargeFormPage({
      frame: request.frame,
      account,
      charges: await deps.charges.ofAccount(account.accountId, 20),
      values: {
        ...(currency ? { currency } : {}),
        date: businessDate(request.now, zone),
        kind: 'usage',
        ...values,
      },
      problems,
      ...(done === 'recorded'
        ? { flash: { kind: 'done', message: 'Charge recorded: it is billed on the 13th.' } }
        : done === 'repeated'
          ? { flash: { kind: 'done', message: 'This reference was recorded before: unchanged.' } }
          : done === 'voided'
            ? { flash: { kind: 'done', message: 'Charge voided: it will not be billed.' } }
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

/** The charge of the path, on an account the caller may see; 404 when there is none. */
async function chargeOf(request: OfficeRequest) {
  const account = await accountOf(request);
  const chargeId = request.event.pathParameters?.chargeId ?? '';
  const ulidPart = /^CHG-([0-9A-HJKMNP-TV-Z]{26})$/.exec(chargeId)?.[1];
  // A charge is dated no earlier than the months before it was recorded (its id says when).
  const from = ulidPart
    ? earliestChargeDate(businessDate(new Date(decodeTime(ulidPart)), zone))
    : undefined;
  const charge = from ? await deps.charges.get(account.accountId, chargeId, from) : undefined;
  if (!charge) throw new NotFound('There is no such charge on this account.');
  return { account, charge };
}

async function voidPage(
  request: OfficeRequest,
  values: Record<string, string>,
  problems: { field: string; message: string }[],
  status: number,
) {
  const { account, charge } = await chargeOf(request);
  return pageAnswer(
    status,
    chargeVoidPage({ frame: request.frame, zone, account, charge, values, problems }),
  );
}

async function voidOne(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the void from the charge’s form');
  checkCsrf(event, body.fields, await signingKey());
  const { account, charge } = await chargeOf(request);
  const reason = body.fields.reason ?? '';
  try {
    const outcome = await voidCharge(
      deps,
      charge,
      reason,
      { staffId: principal.staffId, name: principal.name },
      now,
    );
    logger.info(outcome === 'voided' ? 'Charge voided' : 'Charge void posted again', {
      chargeId: charge.chargeId,
      by: principal.staffId,
    });
    return seeOther(`${frame.base}/office/accounts/${account.accountId}/charges/new?done=voided`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return voidPage(request, { reason }, [...error.problems], 400);
  }
}
