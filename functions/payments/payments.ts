import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import type { AccountStore } from '../accounts/store/accounts';
import { businessDate } from '../invoicing/rules/invoice';
import type { StoredInvoice } from '../invoicing/store/invoice-numbers';
import { Conflict, ValidationError } from '../shared/errors';
import { decimalText, formatMoney } from '../shared/rules/money';
import type { TimelineEntry } from '../shared/store/timeline';
import type { Payment, PaymentRecorder, PaymentRequest } from './payment-model';
import { type ReceiptDeps, type ReceiptOutcome, receipt } from './receipt';
import {
  allocatePayment,
  InvalidPayment,
  NamedInvoiceNotOpen,
  type PaymentAllocation,
} from './rules/payment-allocation';
import type { InvoicePaydown, PaymentStore } from './store/payments';

/**
 * Recording a payment (DOMAIN.md section 4): allocated to the named invoice, then the oldest open
 * ones, the rest kept as credit; the payment, each invoice's unpaid amount and the ledger change
 * together (`store/payments.ts`), then a receipt emailed once through the outbox, in the
 * customer's language.
 *
 * Idempotent by request key (a staff Idempotency-Key, a bank statement row): the same request
 * again finds the first payment and sends its receipt if it was not sent (a crash in between).
 * Concurrent payments on one account each read the invoices, and the one whose reading went stale
 * loses its transaction and reads again: however many race, each cent lands once.
 */

export interface PaymentDeps extends ReceiptDeps {
  payments: PaymentStore;
  accounts: Pick<AccountStore, 'get'>;
  /** The company's time zone: a payment cannot be dated after its business date today. */
  zone: string;
  retry?: RetryPolicy;
  /**
   * Lifts a suspension (or its flag) once the balance is cleared: called after the payment's
   * transaction, and again when a retried request finds its payment, in case the first try died
   * in between. See `suspensionLifter` in arrears-suspension.
   */
  liftSuspension?: (accountId: string, now: Date) => Promise<unknown>;
  /**
   * The account's currency before its ledger exists (`account-currency.ts`): a payment in another
   * is refused at entry. Once the ledger exists its own condition refuses one too.
   */
  currencyOf?: (accountId: string) => Promise<string | undefined>;
}

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type { ReceiptOutcome };

export interface RecordedPayment {
  payment: Payment;
  /** False when the request had recorded this payment before. */
  created: boolean;
  receipt: ReceiptOutcome;
  /** Transactions tried: more than 1 when concurrent payments on the account won races. */
  attempts: number;
}

/** One transaction holds at most 100 items: the payment, request, ledger, timeline and these. */
export const maxInvoicesPerPayment = 90;

/** Gave up after this many lost races: far beyond what a desk's load ever makes. */
export class PaymentContention extends Error {
  override name = 'PaymentContention';
}

const defaultRetry: RetryPolicy = { maxAttempts: 200, baseDelayMs: 5, maxDelayMs: 200 };

export async function recordPayment(
  deps: PaymentDeps,
  request: PaymentRequest,
  requestKey: string,
  by: PaymentRecorder,
  now: Date,
): Promise<RecordedPayment> {
  const account = await deps.accounts.get(request.accountId);
  if (!account) {
    throw new ValidationError([{ field: 'accountId', message: 'there is no such account' }]);
  }
  if (request.date > businessDate(now, deps.zone)) {
    throw new ValidationError([{ field: 'date', message: 'a payment cannot be dated ahead' }]);
  }
  const kept = await deps.currencyOf?.(request.accountId);
  if (kept && kept !== request.amount.currency) {
    throw new ValidationError([
      {
        field: 'currency',
        message: `the account is kept in ${kept}, not ${request.amount.currency}`,
      },
    ]);
  }
  const fingerprint = fingerprintOf(request);
  const retry = deps.retry ?? defaultRetry;

  // The request is looked up first, and again only when a transaction says it was used: a lost
  // race cannot have used it (its own condition would have said so).
  let lookUpRequest = true;
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
    const earlier = lookUpRequest ? await earlierPayment(deps, requestKey, fingerprint) : undefined;
    lookUpRequest = false;
    if (earlier) {
      await deps.liftSuspension?.(request.accountId, now);
      return {
        payment: earlier,
        created: false,
        receipt: await receipt(deps, earlier, account, now),
        attempts: attempt,
      };
    }

    const open = await deps.payments.openInvoices(request.accountId);
    const allocation = allocate(request, open);
    const payment = paymentOf(request, allocation, open, by, now);
    const outcome = await deps.payments.write({
      payment,
      requestKey,
      fingerprint,
      paydowns: paydownsOf(payment, open),
      ledger: {
        currency: request.amount.currency,
        balanceMinor: -(request.amount.amountMinor - payment.creditMinor),
        creditMinor: payment.creditMinor,
      },
      timeline: timelineEntry(payment, by, now),
    });
    switch (outcome.kind) {
      case 'recorded':
        await deps.liftSuspension?.(request.accountId, now);
        return {
          payment,
          created: true,
          receipt: await receipt(deps, payment, account, now),
          attempts: attempt,
        };
      case 'other-currency':
        throw new ValidationError([
          {
            field: 'currency',
            message: `the account is kept in another currency than ${request.amount.currency}`,
          },
        ]);
      case 'request-used':
        // A concurrent twin of this request won: the next attempt finds its payment.
        lookUpRequest = true;
        break;
      case 'lost-race':
        await pause(backoff(attempt, retry));
        break;
    }
  }
  throw new PaymentContention(
    `The payment on account ${request.accountId} lost ${retry.maxAttempts} races in a row`,
  );
}

/** The payment a request recorded before; Conflict when the request said something else. */
async function earlierPayment(
  deps: PaymentDeps,
  requestKey: string,
  fingerprint: string,
): Promise<Payment | undefined> {
  const earlier = await deps.payments.request(requestKey);
  if (!earlier) return undefined;
  if (earlier.fingerprint !== fingerprint) {
    throw new Conflict(
      'This idempotency key was used before for a different payment: use a new key for a new payment',
    );
  }
  const payment = await deps.payments.get(earlier.accountId, earlier.paymentId);
  if (!payment) throw new Error(`Payment ${earlier.paymentId} of request ${requestKey} is missing`);
  return payment;
}

function allocate(request: PaymentRequest, open: readonly StoredInvoice[]): PaymentAllocation {
  let allocation: PaymentAllocation;
  try {
    // A bank row's invoice may have been paid meanwhile (by the same row's earlier import, or
    // by another payment): the money still pays the account, oldest first.
    const named =
      request.whenNamedInvoicePaid === 'pay-oldest' &&
      !open.some((i) => i.number === request.invoiceNumber)
        ? undefined
        : request.invoiceNumber;
    allocation = allocatePayment(
      request.amount,
      open.map((i) => ({
        number: i.number,
        dueDate: i.dueDate,
        openAmount: { amountMinor: i.openMinor, currency: i.currency },
      })),
      named,
    );
  } catch (error) {
    if (error instanceof NamedInvoiceNotOpen) {
      throw new ValidationError([
        {
          field: 'invoiceNumber',
          message: `${request.invoiceNumber} is not an open invoice of this account`,
        },
      ]);
    }
    if (error instanceof InvalidPayment) {
      const field = error.message.startsWith('currency') ? 'currency' : 'amount';
      throw new ValidationError([{ field, message: error.message.replace(/^\w+: /, '') }]);
    }
    throw error;
  }
  if (allocation.allocations.length > maxInvoicesPerPayment) {
    throw new ValidationError([
      {
        field: 'amount',
        message: `pays more than ${maxInvoicesPerPayment} invoices at once: record it as several payments, each naming its invoice`,
      },
    ]);
  }
  return allocation;
}

function paymentOf(
  request: PaymentRequest,
  allocation: PaymentAllocation,
  open: readonly StoredInvoice[],
  by: PaymentRecorder,
  now: Date,
): Payment {
  const openOf = (number: string) => open.find((i) => i.number === number)?.openMinor ?? 0;
  return {
    paymentId: `PAY-${request.date}-${ulid(now.getTime())}`,
    accountId: request.accountId,
    amount: request.amount,
    date: request.date,
    method: request.method,
    reference: request.reference,
    ...(request.invoiceNumber ? { invoiceNumber: request.invoiceNumber } : {}),
    allocations: allocation.allocations.map((a) => ({
      invoiceNumber: a.invoiceNumber,
      amountMinor: a.amount.amountMinor,
      openAfterMinor: openOf(a.invoiceNumber) - a.amount.amountMinor,
    })),
    creditMinor: allocation.credit.amountMinor,
    recordedAt: now.toISOString(),
    recordedBy: by,
  };
}

function paydownsOf(payment: Payment, open: readonly StoredInvoice[]): InvoicePaydown[] {
  return payment.allocations.map((a) => {
    const invoice = open.find((i) => i.number === a.invoiceNumber);
    if (!invoice) throw new Error(`Invoice ${a.invoiceNumber} was allocated but not read`);
    return { invoice, openBefore: invoice.openMinor, openAfter: a.openAfterMinor };
  });
}

function timelineEntry(payment: Payment, by: PaymentRecorder, now: Date): TimelineEntry {
  const paid = payment.allocations.map((a) => a.invoiceNumber).join(', ');
  const credit =
    payment.creditMinor > 0
      ? `; ${decimalText({ amountMinor: payment.creditMinor, currency: payment.amount.currency })} kept as credit`
      : '';
  return {
    at: now.toISOString(),
    step: 'payment-recorded',
    summary:
      `Payment ${payment.paymentId} of ${formatMoney(payment.amount, 'en')} received ` +
      `(${payment.method}, ${payment.reference})${paid ? `: pays ${paid}` : ''}${credit}`,
    by: { kind: 'staff', staffId: by.staffId, name: by.name },
    via:
      by.kind === 'bank-statement'
        ? `bank statement row ${by.row}`
        : by.via === 'api'
          ? 'API'
          : 'back office',
  };
}

/** The same request always gives the same fingerprint. */
function fingerprintOf(request: PaymentRequest): string {
  const parts = [
    request.accountId,
    request.amount.currency,
    request.amount.amountMinor,
    request.date,
    request.method,
    request.reference,
    request.invoiceNumber ?? '',
  ];
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url');
}

/** Exponential back-off with full jitter, so racing payments spread out instead of colliding. */
function backoff(attempt: number, retry: RetryPolicy): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.min(attempt, 16));
  return Math.random() * ceiling;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
