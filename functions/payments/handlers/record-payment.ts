import { Logger } from '@aws-lambda-powertools/logger';
import { accountCurrency } from '../../accounts/account-currency';
import { accountStore } from '../../accounts/store/accounts';
import { suspensionLifter } from '../../collections/arrears-suspension';
import { contractStore } from '../../contracts/store/contracts';
import { ledgerStore } from '../../invoicing/store/ledger';
import { outbox } from '../../messages/outbox';
import { sesSender } from '../../messages/ses';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { NotFound, ValidationError } from '../../shared/errors';
import { httpHandler } from '../../shared/http/middleware';
import { header, jsonAnswer } from '../../shared/http/responses';
import { readJsonWrite, staffPrincipal } from '../../shared/http/staff-request';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { parsePaymentRequest } from '../payment-input';
import { recordPayment } from '../payments';
import { paymentStore } from '../store/payments';

/**
 * POST /payments (finance, managers): records a payment from JSON `{accountId, amount, currency,
 * date, method, reference, invoiceNumber?}` with an `Idempotency-Key` header (the same key again
 * answers the first payment, 200). 201 with the payment, its allocations and the receipt's fate.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const sender = requireEnv('SENDER_ADDRESS');
const zone = requireEnv('COMPANY_TIME_ZONE');
const settings = settingsStore(table);
const payments = paymentStore(table);
const accounts = accountStore(table);
const currencyDeps = { ledger: ledgerStore(table), accounts, contracts: contractStore(table) };
const liftSuspension = suspensionLifter(table, zone);
const mail = outbox(outboxStore(table), sesSender());

export const handler = httpHandler(logger, async (event) => {
  if (event.routeKey !== 'POST /payments') throw new NotFound(`No such route: ${event.routeKey}`);
  const principal = staffPrincipal(event);
  const idempotencyKey = header(event, 'idempotency-key')?.trim() ?? '';
  if (!/^[\x21-\x7E]{1,200}$/.test(idempotencyKey)) {
    throw new ValidationError([
      {
        field: 'Idempotency-Key',
        message: idempotencyKey
          ? 'The Idempotency-Key header must be 1 to 200 visible ASCII characters'
          : 'The Idempotency-Key header is required: a unique value per payment, sent again on retries',
      },
    ]);
  }
  const request = parsePaymentRequest(readJsonWrite(event));
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
    request,
    `staff#${idempotencyKey}`,
    { kind: 'staff', staffId: principal.staffId, name: principal.name, via: 'api' },
    new Date(),
  );
  logger.info(result.created ? 'Payment recorded' : 'Payment request repeated', {
    paymentId: result.payment.paymentId,
    accountId: result.payment.accountId,
    attempts: result.attempts,
    by: principal.staffId,
  });
  return jsonAnswer(result.created ? 201 : 200, {
    ...result.payment,
    receipt: result.receipt,
  });
});
