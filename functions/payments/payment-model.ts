import type { Money } from '../shared/rules/money';
import type { PaymentMethod } from './rules/bank-statement';

/** A payment as recorded: what came in, and what it paid. Amounts in the payment's currency. */
export interface Payment {
  /** `PAY-<date>-<ulid>`: also the receipt's number. */
  paymentId: string;
  accountId: string;
  amount: Money;
  /** The day the money was received (YYYY-MM-DD). */
  date: string;
  method: PaymentMethod;
  reference: string;
  /** The invoice the payer named, paid first. */
  invoiceNumber?: string;
  allocations: PaymentAllocationLine[];
  /** What was left after every open invoice was paid: kept as account credit. */
  creditMinor: number;
  recordedAt: string;
  recordedBy: PaymentRecorder;
  /** Set when the payment was reversed (mis-posted): its reversal is a later, dated entry. */
  reversal?: PaymentReversalMark;
}

/** On a reversed payment: when, by whom and why (the reversal itself is `PaymentReversal`). */
export interface PaymentReversalMark {
  date: string;
  at: string;
  by: { staffId: string; name: string };
  reason: string;
  /** The form that reversed it: the same form again finds it reversed, not refused. */
  entryKey: string;
}

/**
 * A payment reversed: the invoices it paid open again (and those its credit paid), its credit
 * comes off the account's. Dated the day it was made; the payment itself is left as it was.
 */
export interface PaymentReversal {
  paymentId: string;
  accountId: string;
  /** The payment's amount: what the reversal adds back to what the account owes. */
  amount: Money;
  /** The business date of the reversal. */
  date: string;
  reason: string;
  /** Invoices open again, and by how much (the statement replays these). */
  reopened: { invoiceNumber: string; amountMinor: number; openAfterMinor: number }[];
  creditTakenMinor: number;
  recordedAt: string;
  recordedBy: { staffId: string; name: string };
}

export interface PaymentAllocationLine {
  invoiceNumber: string;
  amountMinor: number;
  /** What is still unpaid of the invoice after this payment. */
  openAfterMinor: number;
}

export type PaymentRecorder =
  | { kind: 'staff'; staffId: string; name: string; via: 'api' | 'back-office' }
  /** `importId`: the bank statement import that recorded it (absent before imports had ids). */
  | { kind: 'bank-statement'; staffId: string; name: string; row: number; importId?: string };

/** What staff or a bank statement row say about a payment, before it is allocated. */
export interface PaymentRequest {
  accountId: string;
  amount: Money;
  date: string;
  method: PaymentMethod;
  reference: string;
  invoiceNumber?: string;
  /**
   * A named invoice that is not open is refused (staff: 400), or, for a bank statement row,
   * the payment pays the oldest open invoices instead. Not part of what the request says.
   */
  whenNamedInvoicePaid?: 'refuse' | 'pay-oldest';
}

/** Debt a manager wrote off: taken off the oldest open invoices and the balance. */
export interface WriteOff {
  /** `WO-<date>-<ulid>`. */
  writeOffId: string;
  accountId: string;
  amount: Money;
  date: string;
  reason: string;
  allocations: PaymentAllocationLine[];
  /** The whole balance was written off: the account is `written-off`. */
  wholeBalance: boolean;
  recordedAt: string;
  recordedBy: { staffId: string; name: string };
}
