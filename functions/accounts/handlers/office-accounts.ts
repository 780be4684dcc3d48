import { Logger } from '@aws-lambda-powertools/logger';
import { invoiceStore } from '../../invoicing/store/invoices';
import { ledgerStore } from '../../invoicing/store/ledger';
import { writeOffStore } from '../../payments/store/write-offs';
import { requireEnv } from '../../shared/env';
import { BadRequest, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { businessDateOf } from '../../shared/rules/job-dates';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import type { TimelineEntry } from '../../shared/store/timeline';
import { readableAccount } from '../account-access';
import { accountPage } from '../pages/account-pages';
import type { HoldFormView } from '../pages/hold-section';
import {
  holdInEffect,
  holdLiftedSummary,
  holdRequest,
  holdSetSummary,
  liftReason,
  newHold,
} from '../rules/holds';
import { type Account, accountStore } from '../store/accounts';
import { holdStore } from '../store/holds';

/**
 * The back office's account page and its holds:
 * GET  /office/accounts/{accountId}             profile, what it owes and its credit, latest
 *                                               invoices and payments, contracts, timeline
 * POST /office/accounts/{accountId}/holds       puts the account on hold (dispute, payment plan)
 * POST /office/accounts/{accountId}/holds/lift  ends the hold in effect today
 * Agents see and hold their own accounts, supervisors their team's; managers and finance all.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const accounts = accountStore(table);
const holds = holdStore(table);
const ledger = ledgerStore(table);
const invoices = invoiceStore(table);
const activity = writeOffStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/accounts/{accountId}':
      return pageAnswer(200, await page(request, await accountOf(request)));
    case 'POST /office/accounts/{accountId}/holds':
      return setHold(request);
    case 'POST /office/accounts/{accountId}/holds/lift':
      return liftHold(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

/** The account of the path if the caller may see it (and so hold it); else 404. */
const accountOf = ({ event, principal }: OfficeRequest) =>
  readableAccount(accounts, principal, event.pathParameters?.accountId);

async function page(request: OfficeRequest, account: Account, holdForm?: HoldFormView) {
  return accountPage({
    frame: request.frame,
    zone,
    today: businessDateOf(request.now, zone),
    account,
    ...(holdForm ? { holdForm } : {}),
    contracts: await accounts.contracts(account.accountId),
    timeline: await accounts.timeline(account.accountId),
    money: {
      balance: await ledger.getBalance(account.accountId),
      invoices: (await invoices.listAccountInvoices(account.accountId, { limit: 12 })).invoices,
      activity: await activity.latestActivity(account.accountId, 12),
    },
  });
}

/** The account of a hold form, after the form's checks; 404 when the caller may not see it. */
async function heldAccount(request: OfficeRequest) {
  const body = readBody(request.event);
  if (body.kind !== 'form') throw new BadRequest('Send the hold from the account’s page');
  checkCsrf(request.event, body.fields, await signingKey());
  // As on the account page: an account one may not see is answered as if there were none.
  const account = await accountOf(request);
  return { account, fields: body.fields, today: businessDateOf(request.now, zone) };
}

const by = ({ principal }: OfficeRequest) => ({ staffId: principal.staffId, name: principal.name });

/** The account's timeline entry for a hold set or lifted now, from the back office. */
const entryOf = (
  request: OfficeRequest,
  step: 'hold-set' | 'hold-lifted',
  summary: string,
): TimelineEntry => ({
  at: request.now.toISOString(),
  step,
  summary,
  by: { kind: 'staff', ...by(request) },
  via: 'back office',
});

async function setHold(request: OfficeRequest) {
  const { account, fields, today } = await heldAccount(request);
  const values = {
    kind: fields.kind ?? '',
    reason: fields.reason ?? '',
    until: fields.until ?? '',
  };
  return holdForm(request, account, values, async () => {
    const hold = newHold(holdRequest(values, today), today, by(request), request.now);
    const outcome = await holds.setHold(
      account.accountId,
      hold,
      today,
      entryOf(request, 'hold-set', holdSetSummary(hold)),
    );
    // Refused: a hold is in effect already (the form posted twice); the page shows it.
    return outcome === 'done' ? 'Hold set' : 'Hold form posted while on hold';
  });
}

async function liftHold(request: OfficeRequest) {
  const { account, fields, today } = await heldAccount(request);
  return holdForm(request, account, { reason: fields.reason ?? '' }, async () => {
    const reason = liftReason(fields);
    const hold = account.hold;
    if (!hold || !holdInEffect(hold, today)) return 'Lift posted with no hold in effect';
    const outcome = await holds.liftHold(
      account.accountId,
      hold.setAt,
      today,
      { by: by(request), at: request.now.toISOString(), reason },
      entryOf(request, 'hold-lifted', holdLiftedSummary(hold, reason)),
    );
    return outcome === 'done' ? 'Hold lifted' : 'Hold lifted already';
  });
}

/**
 * Makes a hold form's change: back to the account page, or the page again with the form's
 * problems (400) and nothing changed.
 */
async function holdForm(
  request: OfficeRequest,
  account: Account,
  values: Record<string, string>,
  change: () => Promise<string>,
) {
  try {
    const what = await change();
    logger.info(what, { accountId: account.accountId, by: request.principal.staffId });
    return seeOther(`${request.frame.base}/office/accounts/${account.accountId}`);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return pageAnswer(400, await page(request, account, { values, problems: error.problems }));
  }
}
