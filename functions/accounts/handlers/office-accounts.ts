import { Logger } from '@aws-lambda-powertools/logger';
import { invoiceStore } from '../../invoicing/store/invoices';
import { ledgerStore } from '../../invoicing/store/ledger';
import { writeOffStore } from '../../payments/store/write-offs';
import { maySee } from '../../shared/access';
import { requireEnv } from '../../shared/env';
import { NotFound } from '../../shared/errors';
import { officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { accountPage } from '../pages/account-pages';
import { accountStore } from '../store/accounts';

/**
 * The back office's account page: `GET /office/accounts/{accountId}` (profile, what it owes and
 * its credit, latest invoices and payments, contracts, timeline). Agents see their own accounts, supervisors their team's; managers and finance all.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const accounts = accountStore(table);
const ledger = ledgerStore(table);
const invoices = invoiceStore(table);
const activity = writeOffStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');

export const handler = officeHandler(logger, signingKey, async ({ event, principal, frame }) => {
  if (event.routeKey !== 'GET /office/accounts/{accountId}') {
    throw new NotFound('There is no such page.');
  }
  const accountId = event.pathParameters?.accountId;
  // An id that cannot be an account's is answered like an unknown one.
  const account =
    accountId && /^[A-Za-z0-9-]{1,64}$/.test(accountId) ? await accounts.get(accountId) : undefined;
  if (!account || !maySee(principal, 'account', { ownerId: account.ownerId, team: account.team })) {
    throw new NotFound('There is no account with this id, or it is not yours to see.');
  }
  return pageAnswer(
    200,
    accountPage({
      frame,
      zone,
      account,
      contracts: await accounts.contracts(account.accountId),
      timeline: await accounts.timeline(account.accountId),
      money: {
        balance: await ledger.getBalance(account.accountId),
        invoices: (await invoices.listAccountInvoices(account.accountId, { limit: 12 })).invoices,
        activity: await activity.latestActivity(account.accountId, 12),
      },
    }),
  );
});
