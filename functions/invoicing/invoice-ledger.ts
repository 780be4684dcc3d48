import type { Invoice } from './rules/invoice';

/**
 * An account's ledger: what the customer owes (`balanceMinor`) and the credit it holds
 * (`creditMinor`, money received beyond what was owed), in the account's one currency. Each
 * document that moves it (invoice, credit note, payment) changes it in the same transaction as
 * the document is written, so the balance is always the sum of the documents.
 *
 * These rules say how much a document moves it; the ledger store applies them with DynamoDB's
 * ADD, which `applyLedgerChange` mirrors.
 */

export interface AccountBalance {
  accountId: string;
  currency: string;
  balanceMinor: number;
  creditMinor: number;
  /** Counts the changes: one per document. */
  version: number;
}

export interface LedgerChange {
  currency: string;
  balanceMinor: number;
  creditMinor: number;
}

/** An account's documents are all in its currency: another one cannot be added up with them. */
export class CurrencyMismatch extends Error {
  override name = 'CurrencyMismatch';
}

/** An invoice adds its total to what the customer owes; a credit note takes its total off. */
export function ledgerChangeOf(
  invoice: Pick<Invoice, 'series' | 'totals' | 'currency'>,
): LedgerChange {
  const total = invoice.totals.total.amountMinor;
  return {
    currency: invoice.currency,
    balanceMinor: invoice.series === 'CN' ? -total : total,
    creditMinor: 0,
  };
}

/** What is unpaid of a document when it is issued: an invoice's total; a credit note owes nothing. */
export function openAmountAtIssue(invoice: Pick<Invoice, 'series' | 'totals'>): number {
  return invoice.series === 'INV' ? Math.max(0, invoice.totals.total.amountMinor) : 0;
}

/** What issuing an invoice does to it and to the ledger, with the account's credit read. */
export interface IssueWithCredit {
  /** What is unpaid of the invoice once the credit paid what it could. */
  openMinor: number;
  /** The account's credit that paid it (0: none). */
  creditAppliedMinor: number;
  change: LedgerChange;
}

/**
 * Credit the account holds (money received beyond what it owed) pays each new invoice when it is
 * issued, as far as it goes: the invoices issued next take it, in the order they are issued, and
 * the billing run issues an account's periods oldest first. A credit note applies no credit.
 */
export function issueWithCredit(
  invoice: Pick<Invoice, 'series' | 'totals' | 'currency'>,
  balance: Pick<AccountBalance, 'currency' | 'creditMinor'> | undefined,
): IssueWithCredit {
  const open = openAmountAtIssue(invoice);
  const change = ledgerChangeOf(invoice);
  const credit =
    invoice.series === 'INV' && balance?.currency === invoice.currency ? balance.creditMinor : 0;
  const applied = Math.max(0, Math.min(open, credit));
  return {
    openMinor: open - applied,
    creditAppliedMinor: applied,
    change: {
      ...change,
      balanceMinor: change.balanceMinor - applied,
      creditMinor: applied > 0 ? -applied : 0,
    },
  };
}

/** The balance after a change; the first change opens the ledger in its currency. */
export function applyLedgerChange(
  accountId: string,
  balance: AccountBalance | undefined,
  change: LedgerChange,
): AccountBalance {
  if (balance && balance.currency !== change.currency) {
    throw new CurrencyMismatch(
      `Account ${accountId} is kept in ${balance.currency}; a document in ${change.currency} ` +
        'cannot be added to it',
    );
  }
  return {
    accountId,
    currency: change.currency,
    balanceMinor: (balance?.balanceMinor ?? 0) + change.balanceMinor,
    creditMinor: (balance?.creditMinor ?? 0) + change.creditMinor,
    version: (balance?.version ?? 0) + 1,
  };
}
