import { Logger } from '@aws-lambda-powertools/logger';
import { isValid, ulid } from 'ulidx';
import { readableAccount } from '../../accounts/account-access';
import { accountCurrency } from '../../accounts/account-currency';
import { accountStore } from '../../accounts/store/accounts';
import { suspensionLifter } from '../../collections/arrears-suspension';
import { contractStore } from '../../contracts/store/contracts';
import { businessDate } from '../../invoicing/rules/invoice';
import { ledgerStore } from '../../invoicing/store/ledger';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { BadRequest, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { paymentFormPage, paymentPage, paymentReversalPage } from '../pages/payment-pages';
import { parsePaymentRequest } from '../payment-input';
import { recordPayment } from '../payments';
import { reversePayment } from '../reversal';
import { agentCollectedMethods, agentCollectionProblems } from '../rules/agent-collections';
import { paymentMethods } from '../rules/bank-statement';
import { paymentReversalStore } from '../store/payment-reversals';
import { paymentStore } from '../store/payments';

/**
 * Payments in the back office:
 * GET  /office/accounts/{accountId}/payments/new        the form (finance, managers)
 * POST /office/accounts/{accountId}/payments            records it once per form (entry key)
 * GET  /office/accounts/{accountId}/payments/{paymentId} a payment and what it paid
 * GET  /office/accounts/{accountId}/payments/{paymentId}/reversal  the form reversing it
 * POST /office/accounts/{accountId}/payments/{paymentId}/reversal  reverses it once (finance,
 *                                                      managers; a reason is required)
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const sender = requireEnv('SENDER_ADDRESS');
const zone = requireEnv('COMPANY_TIME_ZONE');
const accounts = accountStore(table);
const payments = paymentStore(table);
const ledger = ledgerStore(table);
const currencyDeps = { ledger, accounts, contracts: contractStore(table) };
const settings = settingsStore(table);
const reversals = paymentReversalStore(table);
const liftSuspension = suspensionLifter(table, zone);
const mail = outbox(outboxStore(table), sesSender());

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/accounts/{accountId}/payments/new':
      return pageAnswer(200, await formPage(request, {}, [], ulid()));
    case 'POST /office/accounts/{accountId}/payments':
      return record(request);
    case 'GET /office/accounts/{accountId}/payments/{paymentId}':
      return showPayment(request);
    case 'GET /office/accounts/{accountId}/payments/{paymentId}/reversal':
      return reversalPage(request, {}, [], ulid(), 200);
    case 'POST /office/accounts/{accountId}/payments/{paymentId}/reversal':
      return reverse(request);
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
  const currency = await accountCurrency(currencyDeps, account.accountId);
  return paymentFormPage({
    frame: request.frame,
    account,
    openInvoices: await payments.openInvoices(account.accountId),
    entryKey,
    methods: request.principal.role === 'agent' ? agentCollectedMethods : paymentMethods,
    values: {
      ...(currency ? { currency } : {}),
      date: businessDate(request.now, zone),
      ...values,
    },
    problems,
  });
}

async function record(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form')
    throw new BadRequest('Send the payment from the account’s payment form');
  checkCsrf(event, body.fields, await signingKey());
  const account = await accountOf(request);
  const entryKey = body.fields.entryKey ?? '';
  if (!isValid(entryKey))
    throw new BadRequest('The form is missing its entry key; reload the page');
  const { csrf: _csrf, entryKey: _key, ...fields } = body.fields;
  try {
    const input = parsePaymentRequest({
      ...fields,
      accountId: account.accountId,
      invoiceNumber: fields.invoiceNumber?.trim() || undefined,
    });
    if (principal.role === 'agent') {
      const problems = agentCollectionProblems(input, businessDate(now, zone));
      if (problems.length > 0) throw new ValidationError(problems);
    }
    const { rules } = await loadBusinessRules(settings);
    const result = await recordPayment(
      {
        payments,
        accounts,
        outbox: mail,
        liftSuspension,
        sender,
        zone,
        company: rules.company,
        onReceiptDelayed: (paymentId, error) =>
          logger.warn('Receipt not sent now; the outbox retries it', { paymentId, error }),
        currencyOf: (accountId) => accountCurrency(currencyDeps, accountId),
      },
      input,
      `office#${entryKey}`,
      { kind: 'staff', staffId: principal.staffId, name: principal.name, via: 'back-office' },
      now,
    );
    logger.info(result.created ? 'Payment recorded' : 'Payment form posted again', {
      paymentId: result.payment.paymentId,
      by: principal.staffId,
    });
    return seeOther(
      `${frame.base}/office/accounts/${account.accountId}/payments/${result.payment.paymentId}?done=recorded`,
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    // The same entry key again: the corrected form still records one payment.
    return pageAnswer(400, await formPage(request, fields, [...error.problems], entryKey));
  }
}

async function paymentOf(request: OfficeRequest) {
  const account = await accountOf(request);
  const paymentId = request.event.pathParameters?.paymentId ?? '';
  const payment = await payments.get(account.accountId, paymentId);
  if (!payment) throw new NotFound('There is no such payment on this account.');
  return { account, payment };
}

async function showPayment(request: OfficeRequest) {
  const { account, payment } = await paymentOf(request);
  const done = request.event.queryStringParameters?.done;
  return pageAnswer(
    200,
    paymentPage({
      frame: request.frame,
      zone,
      account,
      payment,
      ...(done === 'recorded'
        ? { flash: { kind: 'done', message: 'Payment recorded; the receipt is emailed.' } }
        : done === 'reversed'
          ? { flash: { kind: 'done', message: 'Payment reversed: what it paid is open again.' } }
          : {}),
    }),
  );
}

async function reversalPage(
  request: OfficeRequest,
  values: Record<string, string>,
  problems: { field: string; message: string }[],
  entryKey: string,
  status: number,
) {
  const { account, payment } = await paymentOf(request);
  return pageAnswer(
    status,
    paymentReversalPage({ frame: request.frame, account, payment, entryKey, values, problems }),
  );
}

async function reverse(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the reversal from the payment’s form');
  checkCsrf(event, body.fields, await signingKey());
  const { account, payment } = await paymentOf(request);
  const entryKey = body.fields.entryKey ?? '';
  const reason = body.fields.reason ?? '';
  try {
    if (!isValid(entryKey))
      throw new BadRequest('The form is missing its entry key; reload the page');
    const { rules } = await loadBusinessRules(settings);
    const result = await reversePayment(
      { payments, reversals, ledger, zone },
      { accountId: account.accountId, paymentId: payment.paymentId, reason, entryKey },
      rules.dunning.ladder,
      { staffId: principal.staffId, name: principal.name },
      now,
    );
    logger.info(result.created ? 'Payment reversed' : 'Payment reversal posted again', {
      paymentId: payment.paymentId,
      by: principal.staffId,
    });
    return seeOther(
      `${frame.base}/office/accounts/${account.accountId}/payments/${payment.paymentId}?done=reversed`,
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return reversalPage(request, { reason }, [...error.problems], entryKey, 400);
  }
}
