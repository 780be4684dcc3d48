import type { Invoice } from '../../invoicing/rules/invoice';
import { isoDate, parseBusinessDate } from '../../shared/rules/job-dates';
import {
  type AgeingBucket,
  ageing,
  type MoneyEvent,
  type StatementLines,
  statementLines,
} from './ageing';

/**
 * A month's statement of an account (DOMAIN.md section 7) from its documents: the lines and
 * balances (`statementLines`) and the ageing of what was open at the month's end. Pure.
 *
 * What was open at month end is replayed from the documents rather than read from the invoices
 * now: a payment on the 1st, before the run, must not shrink the ageing of the month before.
 * Payments and write-offs say what they took off each invoice; a credit note takes what it
 * credits off its invoice's unpaid amount, the rest becoming credit (as `creditCompanions` does);
 * an invoice the account's credit paid at issue was open only for the rest.
 */

/** The parts of an invoice or credit note a statement reads. */
export type StatementDocument = Pick<
  Invoice,
  'series' | 'number' | 'issueDate' | 'issuedAt' | 'dueDate' | 'totals' | 'lines' | 'credits'
> & {
  /** The account's credit that paid the invoice when it was issued: never open. */
  creditAppliedMinor?: number;
};

/** A payment or write-off: its amount, date and what it took off each invoice. */
export interface StatementReduction {
  kind: 'payment' | 'write-off';
  date: string;
  recordedAt: string;
  reference: string;
  amountMinor: number;
  allocations: readonly { invoiceNumber: string; amountMinor: number }[];
}

/** A payment reversed: dated on its own day, it adds the payment back and opens invoices again. */
export interface StatementReversal {
  date: string;
  recordedAt: string;
  reference: string;
  amountMinor: number;
  reopened: readonly { invoiceNumber: string; amountMinor: number }[];
}

export interface StatementInput {
  /** Invoices and credit notes, any order. */
  documents: readonly StatementDocument[];
  reductions: readonly StatementReduction[];
  reversals?: readonly StatementReversal[];
}

export interface OpenAtMonthEnd {
  number: string;
  dueDate: string;
  openMinor: number;
}

export interface MonthlyStatement extends StatementLines {
  month: string;
  currency: string;
  /** Invoices with something unpaid at the month's end, oldest due first. */
  open: OpenAtMonthEnd[];
  ageing: AgeingBucket[];
}

/** The month before the one `date` (`YYYY-MM-DD`) is in: the month a statement run reports. */
export function monthBefore(date: string): string {
  return isoDate(parseBusinessDate(date).startOf('month').minus({ months: 1 })).slice(0, 7);
}

/** The month after `month` (`YYYY-MM`). */
export function monthAfter(month: string): string {
  return isoDate(parseBusinessDate(`${month}-01`, 'month').plus({ months: 1 })).slice(0, 7);
}

/**
 * The invoice a credit note credits (`credits`, see `creditNoteDraft`). Notes issued before it
 * was recorded name it in their first line only (`Credit for INV-2026-000001: ...`).
 */
export function creditedInvoiceOf(
  creditNote: Pick<Invoice, 'lines' | 'credits'>,
): string | undefined {
  return (
    creditNote.credits?.invoiceNumber ??
    /^Credit for (INV-\d{4}-\d{6}):/.exec(creditNote.lines[0]?.service ?? '')?.[1]
  );
}

export function monthlyStatement(
  input: StatementInput,
  month: string,
  zone: string,
  currency: string,
  ageingBounds?: readonly number[],
): MonthlyStatement {
  const money = (amountMinor: number) => ({ amountMinor, currency });
  type Dated = { at: string; recordedAt: string; event: MoneyEvent; apply: () => void };
  const open = new Map<string, OpenAtMonthEnd>();
  const dated: Dated[] = [];
  for (const d of input.documents) {
    const total = d.totals.total.amountMinor;
    if (d.series === 'INV') {
      dated.push({
        at: d.issueDate,
        recordedAt: d.issuedAt,
        event: { kind: 'invoice', at: d.issueDate, reference: d.number, amount: money(total) },
        apply: () =>
          open.set(d.number, {
            number: d.number,
            dueDate: d.dueDate,
            openMinor: total - (d.creditAppliedMinor ?? 0),
          }),
      });
    } else {
      const credited = creditedInvoiceOf(d);
      dated.push({
        at: d.issueDate,
        recordedAt: d.issuedAt,
        event: { kind: 'credit-note', at: d.issueDate, reference: d.number, amount: money(total) },
        apply: () => {
          const invoice = credited ? open.get(credited) : undefined;
          if (invoice) invoice.openMinor -= Math.min(invoice.openMinor, total);
        },
      });
    }
  }
  for (const r of input.reductions) {
    dated.push({
      at: r.date,
      recordedAt: r.recordedAt,
      event: { kind: r.kind, at: r.date, reference: r.reference, amount: money(r.amountMinor) },
      apply: () => {
        for (const a of r.allocations) {
          const invoice = open.get(a.invoiceNumber);
          if (invoice) invoice.openMinor = Math.max(0, invoice.openMinor - a.amountMinor);
        }
      },
    });
  }
  for (const r of input.reversals ?? []) {
    dated.push({
      at: r.date,
      recordedAt: r.recordedAt,
      event: {
        kind: 'payment-reversal',
        at: r.date,
        reference: r.reference,
        amount: money(r.amountMinor),
      },
      apply: () => {
        for (const a of r.reopened) {
          const invoice = open.get(a.invoiceNumber);
          if (invoice) invoice.openMinor += a.amountMinor;
        }
      },
    });
  }
  // In the order the desk recorded them: that is the order they took amounts off the invoices.
  dated.sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
  const lines = statementLines(
    dated.map((d) => d.event),
    month,
    zone,
    currency,
  );
  for (const d of dated) if (d.at <= lines.to) d.apply();
  const stillOpen = [...open.values()]
    .filter((i) => i.openMinor > 0)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  return {
    ...lines,
    month,
    currency,
    open: stillOpen,
    ageing: ageing(
      stillOpen.map((i) => ({ dueDate: i.dueDate, openAmount: money(i.openMinor) })),
      lines.to,
      currency,
      ageingBounds,
    ),
  };
}
