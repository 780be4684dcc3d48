import type { ContractStore } from '../contracts/store/contracts';
import type { LedgerStore } from '../invoicing/store/ledger';
import type { AccountStore } from './store/accounts';

/**
 * The one currency an account is kept in: its ledger's once a document moved it, before that its
 * first contract's (the currency it was quoted and will be invoiced in). A charge or payment in
 * another currency is refused where it is entered; otherwise it would fail the billing run, or
 * open the ledger in the wrong currency, later.
 */

export interface AccountCurrencyDeps {
  ledger: Pick<LedgerStore, 'getBalance'>;
  accounts: Pick<AccountStore, 'contracts'>;
  contracts: Pick<ContractStore, 'get'>;
}

/** The account's currency; undefined for an account with neither documents nor contracts. */
export async function accountCurrency(
  deps: AccountCurrencyDeps,
  accountId: string,
): Promise<string | undefined> {
  const kept = (await deps.ledger.getBalance(accountId))?.currency;
  if (kept) return kept;
  const links = await deps.accounts.contracts(accountId);
  const first = [...links].sort((a, b) => (a.activatedAt < b.activatedAt ? -1 : 1))[0];
  return first ? (await deps.contracts.get(first.contractId))?.currency : undefined;
}

/** The field problem of an amount in another currency than the account's, if it is. */
export async function currencyProblem(
  deps: AccountCurrencyDeps,
  accountId: string,
  currency: string,
): Promise<{ field: 'currency'; message: string } | undefined> {
  const kept = await accountCurrency(deps, accountId);
  return kept && kept !== currency
    ? { field: 'currency', message: `the account is kept in ${kept}, not ${currency}` }
    : undefined;
}
