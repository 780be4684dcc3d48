import { compare, type Money, money, subtract, zero } from '../../shared/rules/money';

/**
 * A payment allocated to open invoices (DOMAIN.md section 4): the invoice the payer named first,
 * then the oldest open invoices (earliest due date, then lowest number), and whatever is left over
 * becomes account credit. Exact minor units: allocations + credit always equal the payment.
 */

export interface OpenInvoice {
  number: string;
  dueDate: string;
  openAmount: Money;
}

export interface Allocation {
  invoiceNumber: string;
  amount: Money;
}

export interface PaymentAllocation {
  allocations: Allocation[];
  credit: Money;
}

/** The payer named an invoice that is not open on this account. */
export class NamedInvoiceNotOpen extends Error {
  override name = 'NamedInvoiceNotOpen';
}

/** A payment of zero or less, or in another currency than the invoices. */
export class InvalidPayment extends Error {
  override name = 'InvalidPayment';
}

function oldestFirst(a: OpenInvoice, b: OpenInvoice): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  return a.number < b.number ? -1 : a.number > b.number ? 1 : 0;
}

export function allocatePayment(
  payment: Money,
  openInvoices: readonly OpenInvoice[],
  namedInvoice?: string,
): PaymentAllocation {
  if (payment.amountMinor <= 0) throw new InvalidPayment('amount: a payment must be positive');
  const open = openInvoices.filter((i) => i.openAmount.amountMinor > 0);
  for (const invoice of open) {
    if (invoice.openAmount.currency !== payment.currency) {
      throw new InvalidPayment(
        `currency: the payment is in ${payment.currency}, invoice ${invoice.number} in ${invoice.openAmount.currency}`,
      );
    }
  }
  const ordered = [...open].sort(oldestFirst);
  if (namedInvoice !== undefined) {
    const named = ordered.findIndex((i) => i.number === namedInvoice);
    if (named < 0) throw new NamedInvoiceNotOpen(`invoice: ${namedInvoice} is not open`);
    ordered.unshift(...ordered.splice(named, 1));
  }

  let left = payment;
  const allocations: Allocation[] = [];
  for (const invoice of ordered) {
    if (left.amountMinor === 0) break;
    const amount = compare(left, invoice.openAmount) < 0 ? left : invoice.openAmount;
    allocations.push({
      invoiceNumber: invoice.number,
      amount: money(amount.amountMinor, amount.currency),
    });
    left = subtract(left, amount);
  }
  return { allocations, credit: left.amountMinor > 0 ? left : zero(payment.currency) };
}
