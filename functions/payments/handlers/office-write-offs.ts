import { Logger } from '@aws-lambda-powertools/logger';
import { isValid, ulid } from 'ulidx';
import { readableAccount } from '../../accounts/account-access';
import { accountStore } from '../../accounts/store/accounts';
import { ledgerStore } from '../../invoicing/store/ledger';
import { requireEnv } from '../../shared/env';
import { BadRequest, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { amountField } from '../../shared/rules/money';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { writeOffFormPage } from '../pages/write-off-page';
import { paymentStore } from '../store/payments';
import { writeOffStore } from '../store/write-offs';
import { writeOffBalance } from '../write-off';

/**
 * Write-offs by finance or a manager:
 * GET  /office/accounts/{accountId}/write-offs/new   the form
 * POST /office/accounts/{accountId}/write-offs       writes off once per form (entry key)
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const accounts = accountStore(table);
const ledger = ledgerStore(table);
const deps = {
  writeOffs: writeOffStore(table),
  payments: paymentStore(table),
  ledger,
  accounts,
  zone,
};

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/accounts/{accountId}/write-offs/new':
      return pageAnswer(200, await formPage(request, {}, [], ulid()));
    case 'POST /office/accounts/{accountId}/write-offs':
      return writeOff(request);
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
  entryKey: string,
) {
  const account = await accountOf(request);
  return writeOffFormPage({
    frame: request.frame,
    account,
    balance: await ledger.getBalance(account.accountId),
    entryKey,
    values,
    problems,
  });
}

async function writeOff(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the write-off from the account’s form');
  checkCsrf(event, body.fields, await signingKey());
  const account = await accountOf(request);
  const entryKey = body.fields.entryKey ?? '';
  if (!isValid(entryKey))
    throw new BadRequest('The form is missing its entry key; reload the page');
  const values = { amount: body.fields.amount ?? '', reason: body.fields.reason ?? '' };
  try {
    const amountText = values.amount.trim();
    let amountMinor: number | undefined;
    if (amountText !== '') {
      const balance = await ledger.getBalance(account.accountId);
      amountMinor = amountField(amountText, balance?.currency ?? 'EUR');
    }
    const { writeOff, created } = await writeOffBalance(
      deps,
      {
        accountId: account.accountId,
        reason: values.reason,
        ...(amountMinor !== undefined ? { amountMinor } : {}),
      },
      `office#${entryKey}`,
      { staffId: principal.staffId, name: principal.name },
      now,
    );
    logger.info(created ? 'Written off' : 'Write-off form posted again', {
      writeOffId: writeOff.writeOffId,
      accountId: account.accountId,
      wholeBalance: writeOff.wholeBalance,
      by: principal.staffId,
    });
    return seeOther(`${frame.base}/office/accounts/${account.accountId}`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return pageAnswer(400, await formPage(request, values, [...error.problems], entryKey));
  }
}
