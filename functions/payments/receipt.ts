import { type Account, accountRecordPk } from '../accounts/store/accounts';
import { companyOnDocuments } from '../invoicing/invoices';
import type { DeliveryOutcome } from '../messages/outbox';
import { EmailNotSent } from '../shared/errors';
import { receiptEmailKey, renderReceiptEmail } from './mail/receipt-email';
import type { Payment } from './payment-model';
import type { PaymentDeps } from './payments';

/** What became of a payment's receipt: sent (now or before), in doubt, or left to the outbox. */
export type ReceiptOutcome = DeliveryOutcome | 'retrying';

/** Emails the receipt once; SES refusing it now leaves it to the outbox's retries. */
export async function receipt(
  deps: PaymentDeps,
  payment: Payment,
  account: Account,
  now: Date,
): Promise<ReceiptOutcome> {
  try {
    return await deps.outbox.deliver(
      receiptEmailKey(payment, account.email),
      deps.sender,
      renderReceiptEmail(payment, account, companyOnDocuments(deps.company)),
      now,
      { timelineOf: accountRecordPk(account.accountId) },
    );
  } catch (error) {
    if (!(error instanceof EmailNotSent)) throw error;
    deps.onReceiptDelayed?.(payment.paymentId, error);
    return 'retrying';
  }
}
