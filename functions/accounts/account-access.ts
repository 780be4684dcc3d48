import { accountIdPattern } from '../payments/payment-input';
import { maySee } from '../shared/access';
import { NotFound } from '../shared/errors';
import type { StaffPrincipal } from '../shared/staff-member';
import type { Account, AccountStore } from './store/accounts';

/**
 * The account of a back-office path, if the caller may see it (agents their own, supervisors
 * their team's, managers and finance every one); else 404, as if there were none.
 */
export async function readableAccount(
  accounts: Pick<AccountStore, 'get'>,
  principal: StaffPrincipal,
  accountId: string | undefined,
): Promise<Account> {
  const account =
    accountId && accountIdPattern.test(accountId) ? await accounts.get(accountId) : undefined;
  if (!account || !maySee(principal, 'account', { ownerId: account.ownerId, team: account.team })) {
    throw new NotFound('There is no account with this id, or it is not yours to see.');
  }
  return account;
}
