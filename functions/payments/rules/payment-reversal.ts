import { type DunningLadder, nextStepOn } from '../../collections/rules/dunning';

/**
 * Reversing a mis-posted payment (a payment booked to the wrong account, a bounced cheque): what
 * the payment did is undone, as a new entry dated the day of the reversal, never by rewriting the
 * payment (a statement may have shown it already). Pure: which invoices open again, by how much,
 * and what comes off the account's credit.
 *
 * Each invoice the payment paid opens again by what it paid, as far as the invoice is still
 * settled (a credit note issued since may have taken part of it off; that part of the money had
 * become credit). What the payment left as credit, and those parts, come off the account's
 * credit; credit already spent paying later invoices (`creditAppliedMinor`) opens those again,
 * newest first (noted as `creditReversedMinor`: what an invoice's credit was at issue stays as
 * it was, for its statements). So the ledger's balance stays the sum of what is open.
 */

/** An invoice as the reversal reads it. */
export interface ReversedInvoice {
  number: string;
  dueDate: string;
  totalMinor: number;
  /** Taken off by credit notes. */
  creditedMinor: number;
  openMinor: number;
  /** The account's credit that paid it at issue. */
  creditAppliedMinor: number;
  /** Of that, what reversals took back since (the invoice opened again by it). */
  creditReversedMinor: number;
  ladderStepsDone: readonly number[];
  /** On the ladder's list now (a part-paid invoice stays listed). */
  listedForDunning: boolean;
}

export interface PaymentToReverse {
  amountMinor: number;
  allocations: readonly { invoiceNumber: string; amountMinor: number }[];
  creditMinor: number;
}

/** What the reversal does to one invoice. */
export interface Reopening {
  invoiceNumber: string;
  openBefore: number;
  openAfter: number;
  /** Set when the credit that paid the invoice is taken back: all taken back so far. */
  creditReversedAfter?: number;
  /** Part of the payment's own allocation (false: paid by the payment's credit later). */
  fromCredit: boolean;
}

export type ReversalPlan =
  | { kind: 'plan'; reopen: Reopening[]; creditTakenMinor: number }
  /** The credit the payment left was spent in a way the desk cannot undo by itself. */
  | { kind: 'cannot'; reason: string };

/** What of an invoice is settled (paid, written off or paid by credit): what can open again. */
const settledOf = (i: ReversedInvoice) => Math.max(0, i.totalMinor - i.creditedMinor - i.openMinor);

/**
 * The reversal of `payment`: `paid` are the invoices it paid (read now), `creditHeld` the
 * account's credit now, `paidByCredit` the account's invoices its credit paid, newest first.
 */
export function planReversal(
  payment: PaymentToReverse,
  paid: readonly ReversedInvoice[],
  creditHeld: number,
  paidByCredit: readonly ReversedInvoice[],
): ReversalPlan {
  const reopen: Reopening[] = [];
  let toCredit = payment.creditMinor;
  for (const allocation of payment.allocations) {
    const invoice = paid.find((i) => i.number === allocation.invoiceNumber);
    const back = invoice ? Math.min(allocation.amountMinor, settledOf(invoice)) : 0;
    if (invoice && back > 0) {
      reopen.push({
        invoiceNumber: invoice.number,
        openBefore: invoice.openMinor,
        openAfter: invoice.openMinor + back,
        fromCredit: false,
      });
    }
    // Credited meanwhile: that part of the money had become credit.
    toCredit += allocation.amountMinor - back;
  }
  const creditTakenMinor = Math.min(toCredit, Math.max(0, creditHeld));
  let spent = toCredit - creditTakenMinor;
  for (const invoice of paidByCredit) {
    if (spent === 0) break;
    if (reopen.some((r) => r.invoiceNumber === invoice.number)) continue;
    const standing = invoice.creditAppliedMinor - invoice.creditReversedMinor;
    const back = Math.min(standing, settledOf(invoice), spent);
    if (back <= 0) continue;
    reopen.push({
      invoiceNumber: invoice.number,
      openBefore: invoice.openMinor,
      openAfter: invoice.openMinor + back,
      creditReversedAfter: invoice.creditReversedMinor + back,
      fromCredit: true,
    });
    spent -= back;
  }
  if (spent > 0) {
    return {
      kind: 'cannot',
      reason:
        'the credit this payment left was used up in a way the desk cannot undo (the invoices it paid were credited or written off since): correct the account with a credit note or write-off',
    };
  }
  return { kind: 'plan', reopen, creditTakenMinor };
}

/**
 * Where an invoice open again waits for the arrears ladder: not chased yet, under its due date;
 * chased, under the day of its next step; nowhere once the ladder is done. An invoice still listed
 * (part paid) stays where it is.
 */
export function dunningPlaceOnReopen(
  invoice: ReversedInvoice,
  ladder: DunningLadder,
): { list: 'first-step' | 'next-step'; date: string } | 'stays' | 'none' {
  if (invoice.listedForDunning) return 'stays';
  if (invoice.ladderStepsDone.length === 0) return { list: 'first-step', date: invoice.dueDate };
  const next = nextStepOn(invoice, ladder);
  return next ? { list: 'next-step', date: next } : 'none';
}
