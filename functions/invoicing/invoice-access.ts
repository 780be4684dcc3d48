import type { Account } from '../accounts/store/accounts';
import { maySee } from '../shared/access';
import type { StaffPrincipal } from '../shared/staff-member';

/**
 * Who may read an invoice: the desk's rule for money records (`access.ts`), with the account
 * as the owner: finance and managers every one, an agent their accounts', a supervisor their
 * team's. An invoice whose account profile is missing is for finance and managers only.
 */
export function mayReadInvoice(
  principal: StaffPrincipal,
  account: Pick<Account, 'ownerId' | 'team'> | undefined,
): boolean {
  if (!account) return principal.role === 'finance' || principal.role === 'manager';
  return maySee(principal, 'invoice', { ownerId: account.ownerId, team: account.team });
}
