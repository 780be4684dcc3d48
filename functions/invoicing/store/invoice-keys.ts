import type { Invoice } from '../rules/invoice';

/**
 * The keys of an issued invoice and of the three sparse indexes that list invoices. Built here
 * only; `invoice-numbers.ts` writes them, `invoices.ts` and `arrears.ts` read them.
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
 * | unpaid invoices by the day the arrears ladder | index `invoices-by-dunning-date`: dunningPk = |
 * |   next acts on them: not yet chased, by due   |   `DUNNING-DUE#<yyyy-mm>` (not chased yet) or |
 * |   date; chased, by the day of their next step |   `DUNNING-NEXT#<yyyy-mm>` (the next step's   |
 * |                                               |   month), dunningSk = `<date>#<number>`;      |
 * |                                               |   removed when paid or the ladder is done     |
 *
 * Open invoices are partitioned by month: a run reads the months up to today, each partition
 * holding one month's invoices, so 100,000 invoices never crowd one key. The dunning index lets
 * the daily arrears run read only the invoices it acts on: those whose first step is reached by
 * the ladder of the day (by due date, so a changed first step applies at once), and those whose
 * next step falls due (the ladder keeps that date on the invoice as it records each step).
 */

export const invoicesOpenByDueIndex = 'invoices-open-by-due';
export const invoicesByAccountIndex = 'invoices-by-account';
export const invoicesByDunningDateIndex = 'invoices-by-dunning-date';

export const invoicePk = (number: string) => `INVOICE#${number}`;
export const invoiceSk = 'INVOICE';

export const openInvoicesPk = (dueMonth: string) => `OPEN-INVOICES#${dueMonth}`;
export const accountInvoicesPk = (accountId: string) => `ACCOUNT#${accountId}`;

/** The ladder's two lists: not chased yet (by due date), and chased (by the next step's date). */
export type DunningList = 'first-step' | 'next-step';
export const dunningPk = (list: DunningList, month: string) =>
  `${list === 'first-step' ? 'DUNNING-DUE' : 'DUNNING-NEXT'}#${month}`;

/** An invoice's place on a dunning list: under `date` (`yyyy-mm-dd`), its due date or next step's. */
export function dunningKeys(list: DunningList, number: string, date: string) {
  return { dunningPk: dunningPk(list, date.slice(0, 7)), dunningSk: `${date}#${number}` };
}

/** The index attributes a paid invoice drops: it leaves every list of unpaid invoices. */
export const unpaidIndexAttributes = 'openPk, openSk, dunningPk, dunningSk';

/** Attributes that are keys, not invoice fields: stripped when an item is read back. */
export const invoiceKeyAttributes = [
  'pk',
  'sk',
  'entity',
  'openPk',
  'openSk',
  'dunningPk',
  'dunningSk',
  'invoiceAccountPk',
  'invoiceAccountSk',
] as const;

/**
 * The index attributes of an invoice issued with `openMinor` unpaid: open ones are on the due
 * index and on the ladder's list of invoices not chased yet.
 */
export function invoiceIndexKeys(
  invoice: Pick<Invoice, 'number' | 'accountId' | 'issueDate' | 'dueDate'>,
  openMinor: number,
): Record<string, string> {
  return {
    invoiceAccountPk: accountInvoicesPk(invoice.accountId),
    invoiceAccountSk: `${invoice.issueDate}#${invoice.number}`,
    ...(openMinor > 0
      ? {
          ...openInvoiceKeys(invoice),
          ...dunningKeys('first-step', invoice.number, invoice.dueDate),
        }
      : {}),
  };
}

/** The keys of an unpaid invoice on the due index. */
export function openInvoiceKeys(invoice: Pick<Invoice, 'number' | 'dueDate'>) {
  return {
    openPk: openInvoicesPk(invoice.dueDate.slice(0, 7)),
    openSk: `${invoice.dueDate}#${invoice.number}`,
  };
}
