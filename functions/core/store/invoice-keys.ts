import type { Invoice } from '../domain/invoice';

/**
 * The keys of an issued invoice and of the two sparse indexes that list invoices. Built here
 * only; `invoice-numbers.ts` writes them, `invoices.ts` reads them.
 *
 * | access pattern                                | keys                                          |
 * |-----------------------------------------------|-----------------------------------------------|
 * | an issued invoice by its number               | pk = `INVOICE#<number>`, sk = `INVOICE`       |
 * | open (unpaid) invoices falling due in a month, | index `invoices-open-by-due`: openPk =        |
 * |   by due date (billing runs, dunning, ageing) |   `OPEN-INVOICES#<yyyy-mm>`, openSk =         |
 * |                                               |   `<dueDate>#<number>`; removed when paid     |
 * | an account's invoices, newest first (the      | index `invoices-by-account`: invoiceAccountPk |
 * |   account page, statements)                   |   = `ACCOUNT#<accountId>`, invoiceAccountSk = |
 * |                                               |   `<issueDate>#<number>`                      |
 *
 * Open invoices are partitioned by the month they fall due: a run reads the months up to today,
 * each partition holding one month's invoices, so 100,000 invoices never crowd one key.
 */

export const invoicesOpenByDueIndex = 'invoices-open-by-due';
export const invoicesByAccountIndex = 'invoices-by-account';

export const invoicePk = (number: string) => `INVOICE#${number}`;
export const invoiceSk = 'INVOICE';

export const openInvoicesPk = (dueMonth: string) => `OPEN-INVOICES#${dueMonth}`;
export const accountInvoicesPk = (accountId: string) => `ACCOUNT#${accountId}`;

/** Attributes that are keys, not invoice fields: stripped when an item is read back. */
export const invoiceKeyAttributes = [
  'pk',
  'sk',
  'entity',
  'openPk',
  'openSk',
  'invoiceAccountPk',
  'invoiceAccountSk',
] as const;

/** The index attributes of an invoice with `openMinor` unpaid: open ones are on the due index. */
export function invoiceIndexKeys(
  invoice: Pick<Invoice, 'number' | 'accountId' | 'issueDate' | 'dueDate'>,
  openMinor: number,
): Record<string, string> {
  return {
    invoiceAccountPk: accountInvoicesPk(invoice.accountId),
    invoiceAccountSk: `${invoice.issueDate}#${invoice.number}`,
    ...(openMinor > 0
      ? {
          openPk: openInvoicesPk(invoice.dueDate.slice(0, 7)),
          openSk: `${invoice.dueDate}#${invoice.number}`,
        }
      : {}),
  };
}
