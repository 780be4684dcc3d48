import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import type { AccountStore } from '../accounts/store/accounts';
import { businessDate } from '../invoicing/rules/invoice';
import type { LedgerStore } from '../invoicing/store/ledger';
import { Conflict, ValidationError } from '../shared/errors';
import { formatMoney } from '../shared/rules/money';
import { readReason } from '../shared/rules/text-fields';
import type { WriteOff } from './payment-model';
import { allocatePayment } from './rules/payment-allocation';
import type { PaymentStore } from './store/payments';
import type { WriteOffStore } from './store/write-offs';

/**
 * Finance or a manager writes off what cannot be collected (DOMAIN.md, roles and section 4):
 * the amount (the whole balance unless less is given) comes off the oldest open invoices and the
 * ledger, in one transaction with the write-off; writing off the whole balance marks the account
 * `written-off`.
 * The balance read is a condition of the write: a payment or invoice meanwhile makes the
 * write-off read again, so it never takes off more than is owed. Idempotent by request key.
 */

export interface WriteOffDeps {
  writeOffs: WriteOffStore;
  payments: Pick<PaymentStore, 'openInvoices'>;
  ledger: LedgerStore;
  accounts: Pick<AccountStore, 'get'>;
  zone: string;
}

export interface WriteOffRequest {
  accountId: string;
  /** Minor units; absent: the whole balance. */
  amountMinor?: number;
  reason: string;
}

const maxAttempts = 50;

export async function writeOffBalance(
  deps: WriteOffDeps,
  request: WriteOffRequest,
  requestKey: string,
  by: { staffId: string; name: string },
  now: Date,
): Promise<{ writeOff: WriteOff; created: boolean }> {
  const reason = readReason(request.reason, {
    max: 500,
    requiredMessage: 'say why it cannot be collected (up to 500 characters)',
  });
  const account = await deps.accounts.get(request.accountId);
  if (!account)
    throw new ValidationError([{ field: 'accountId', message: 'there is no such account' }]);
  const fingerprint = createHash('sha256')
    .update([request.accountId, request.amountMinor ?? 'all', reason].join('\u0000'))
    .digest('base64url');
  const date = businessDate(now, deps.zone);

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const earlier = await deps.writeOffs.request(requestKey);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new Conflict('This form recorded a different write-off before: reload the page');
      }
      const writeOff = await deps.writeOffs.get(earlier.accountId, earlier);
      if (!writeOff) throw new Error(`Write-off ${earlier.writeOffId} is missing`);
      return { writeOff, created: false };
    }
    const balance = await deps.ledger.getBalance(request.accountId);
    const owed = balance?.balanceMinor ?? 0;
    if (!balance || owed <= 0) {
      throw new ValidationError([{ field: 'amount', message: 'the account owes nothing' }]);
    }
    const amountMinor = request.amountMinor ?? owed;
    if (amountMinor <= 0 || amountMinor > owed) {
      throw new ValidationError([
        {
          field: 'amount',
          message: `must be more than zero and at most the balance, ${formatMoney({ amountMinor: owed, currency: balance.currency }, 'en')}`,
        },
      ]);
    }
    const open = await deps.payments.openInvoices(request.accountId);
    const amount = { amountMinor, currency: balance.currency };
    const allocation = allocatePayment(
      amount,
      open.map((i) => ({
        number: i.number,
        dueDate: i.dueDate,
        openAmount: { amountMinor: i.openMinor, currency: i.currency },
      })),
    );
    if (allocation.credit.amountMinor > 0) {
      throw new ValidationError([
        { field: 'amount', message: 'is more than the open invoices add up to' },
      ]);
    }
    const writeOff: WriteOff = {
      writeOffId: `WO-${date}-${ulid(now.getTime())}`,
      accountId: request.accountId,
      amount,
      date,
      reason,
      allocations: allocation.allocations.map((a) => ({
        invoiceNumber: a.invoiceNumber,
        amountMinor: a.amount.amountMinor,
        openAfterMinor:
          (open.find((i) => i.number === a.invoiceNumber)?.openMinor ?? 0) - a.amount.amountMinor,
      })),
      wholeBalance: amountMinor === owed,
      recordedAt: now.toISOString(),
      recordedBy: by,
    };
    const outcome = await deps.writeOffs.write({
      writeOff,
      requestKey,
      fingerprint,
      balanceRead: owed,
      paydowns: writeOff.allocations.map((a) => {
        const invoice = open.find((i) => i.number === a.invoiceNumber);
        if (!invoice) throw new Error(`Invoice ${a.invoiceNumber} was allocated but not read`);
        return { invoice, openBefore: invoice.openMinor, openAfter: a.openAfterMinor };
      }),
      timeline: {
        at: now.toISOString(),
        step: 'balance-written-off',
        summary:
          `${formatMoney(amount, 'en')} written off (${reason})` +
          (writeOff.wholeBalance ? ': the whole balance; the account is written off' : ''),
        by: { kind: 'staff', staffId: by.staffId, name: by.name },
        via: 'back office',
      },
    });
    if (outcome === 'recorded') return { writeOff, created: true };
    if (outcome === 'lost-race')
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
  }
  throw new Error(`The write-off on account ${request.accountId} lost ${maxAttempts} races`);
}
