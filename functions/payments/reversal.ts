import type { DunningLadder } from '../collections/rules/dunning';
import { businessDate } from '../invoicing/rules/invoice';
import type { LedgerStore } from '../invoicing/store/ledger';
import { NotFound, ValidationError } from '../shared/errors';
import { formatMoney } from '../shared/rules/money';
import type { Payment, PaymentReversal } from './payment-model';
import { dunningPlaceOnReopen, planReversal } from './rules/payment-reversal';
import type { PaymentReversalStore, ReversalInvoiceRead } from './store/payment-reversals';
import type { PaymentStore } from './store/payments';

/**
 * Reversing a mis-posted payment (finance, managers; a reason is required). What the payment paid
 * opens again (`domain/payment-reversal.ts`), back on the arrears ladder's lists, and its credit
 * comes off the account's, in one transaction with the payment's mark, the dated reversal and the
 * account's timeline entry (`store/payment-reversals.ts`). The payment stays as it was: a
 * statement sent for its month stays true, and the next one shows the reversal on its own date.
 *
 * The same form posted twice (a double click) finds its reversal; a payment reversed already is
 * refused: a reversal is never reversed or repeated (record the payment again if it was right).
 */

export interface ReversalDeps {
  payments: Pick<PaymentStore, 'get'>;
  reversals: PaymentReversalStore;
  ledger: Pick<LedgerStore, 'getBalance'>;
  /** The company's zone: the reversal is dated on its business date. */
  zone: string;
}

export interface ReversalRequest {
  accountId: string;
  paymentId: string;
  reason: string;
  /** The form's key: the same form again finds its reversal. */
  entryKey: string;
}

/** One transaction holds at most 100 items: the payment, reversal, ledger, timeline, marker. */
const maxInvoices = 95;
const maxAttempts = 20;

export async function reversePayment(
  deps: ReversalDeps,
  request: ReversalRequest,
  ladder: DunningLadder,
  by: { staffId: string; name: string },
  now: Date,
): Promise<{ payment: Payment; created: boolean }> {
  const reason = request.reason.trim().replace(/\s+/g, ' ');
  if (reason === '' || reason.length > 500) {
    throw new ValidationError([
      { field: 'reason', message: 'say why the payment is reversed (up to 500 characters)' },
    ]);
  }
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const payment = await deps.payments.get(request.accountId, request.paymentId);
    if (!payment) throw new NotFound('There is no such payment on this account.');
    if (payment.reversal) return { payment, created: alreadyReversed(payment, request) };
    const balance = await deps.ledger.getBalance(request.accountId);
    if (!balance) throw new Error(`Account ${request.accountId} has a payment but no ledger`);

    const paid: ReversalInvoiceRead[] = [];
    for (const a of payment.allocations) {
      const invoice = await deps.reversals.invoice(a.invoiceNumber);
      if (invoice) paid.push(invoice);
    }
    const toReverse = { ...payment, amountMinor: payment.amount.amountMinor };
    let byCredit: ReversalInvoiceRead[] = [];
    let plan = planReversal(toReverse, paid, balance.creditMinor, byCredit);
    if (plan.kind === 'cannot') {
      // Its credit paid later invoices: those open again, newest first.
      byCredit = await deps.reversals.paidByCredit(request.accountId);
      plan = planReversal(toReverse, paid, balance.creditMinor, byCredit);
    }
    if (plan.kind === 'cannot') {
      throw new ValidationError([{ field: 'payment', message: plan.reason }]);
    }
    if (plan.reopen.length > maxInvoices) {
      throw new ValidationError([
        {
          field: 'payment',
          message: `opens more than ${maxInvoices} invoices again: reverse it with credit notes and write-offs instead`,
        },
      ]);
    }
    const read = [...paid, ...byCredit];
    const date = businessDate(now, deps.zone);
    const reversal: PaymentReversal = {
      paymentId: payment.paymentId,
      accountId: payment.accountId,
      amount: payment.amount,
      date,
      reason,
      reopened: plan.reopen.map((r) => ({
        invoiceNumber: r.invoiceNumber,
        amountMinor: r.openAfter - r.openBefore,
        openAfterMinor: r.openAfter,
      })),
      creditTakenMinor: plan.creditTakenMinor,
      recordedAt: now.toISOString(),
      recordedBy: by,
    };
    const outcome = await deps.reversals.write({
      reversal,
      mark: { date, at: now.toISOString(), by, reason, entryKey: request.entryKey },
      invoices: plan.reopen.map((reopening) => {
        const invoice = read.find((i) => i.number === reopening.invoiceNumber);
        if (!invoice) throw new Error(`Invoice ${reopening.invoiceNumber} was planned, not read`);
        return { reopening, read: invoice, dunning: dunningPlaceOnReopen(invoice, ladder) };
      }),
      creditRead: balance.creditMinor,
      currency: balance.currency,
      timeline: {
        at: now.toISOString(),
        step: 'payment-reversed',
        summary: summaryOf(payment, reversal),
        by: { kind: 'staff', ...by },
        via: 'back office',
      },
    });
    if (outcome === 'reversed') {
      return {
        payment: {
          ...payment,
          reversal: { date, at: reversal.recordedAt, by, reason, entryKey: request.entryKey },
        },
        created: true,
      };
    }
    // 'already-reversed': the next attempt reads the payment and says so; a lost race reads again.
    if (outcome === 'lost-race') await pause(Math.random() * 20 * attempt);
  }
  throw new Error(`The reversal of ${request.paymentId} lost ${maxAttempts} races`);
}

/** The same form again: its reversal (not created now); another one: refused. */
function alreadyReversed(payment: Payment, request: ReversalRequest): false {
  const mark = payment.reversal;
  if (mark && mark.entryKey === request.entryKey) return false;
  throw new ValidationError([
    {
      field: 'payment',
      message: `was reversed on ${mark?.date} by ${mark?.by.name}: a reversal is not reversed or repeated; record the payment again if it was right`,
    },
  ]);
}

function summaryOf(payment: Payment, reversal: PaymentReversal): string {
  const money = (amountMinor: number) =>
    formatMoney({ amountMinor, currency: payment.amount.currency }, 'en');
  const reopened = reversal.reopened.map((r) => `${r.invoiceNumber} (${money(r.amountMinor)})`);
  return (
    `Payment ${payment.paymentId} of ${formatMoney(payment.amount, 'en')} (${payment.date}, ` +
    `${payment.reference}) reversed: ${reversal.reason}` +
    (reopened.length > 0 ? `; open again: ${reopened.join(', ')}` : '') +
    (reversal.creditTakenMinor > 0
      ? `; ${money(reversal.creditTakenMinor)} taken off the credit`
      : '')
  );
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
