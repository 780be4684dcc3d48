import { type Account, accountRecordPk } from '../accounts/store/accounts';
import { companyOnDocuments } from '../invoicing/invoices';
import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import { EmailNotSent } from '../shared/errors';
import type { CompanyDetailsSetting } from '../staff/settings/company';
import { receiptEmailKey, renderReceiptEmail } from './mail/receipt-email';
import type { Payment } from './payment-model';

/** What became of a payment's receipt: sent (now or before), in doubt, or left to the outbox. */
export type ReceiptOutcome = DeliveryOutcome | 'retrying';

/** What sending a receipt needs; a payment's dependencies include it. */
export interface ReceiptDeps {
  outbox: Outbox;
  sender: string;
  company: CompanyDetailsSetting;
  /** Told when a receipt could not be sent now (the outbox retries it). */
  onReceiptDelayed?: (paymentId: string, error: EmailNotSent) => void;
}

/** Emails the receipt once; SES refusing it now leaves it to the outbox's retries. */
export async function receipt(
  deps: ReceiptDeps,
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
