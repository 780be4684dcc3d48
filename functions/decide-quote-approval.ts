import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from './core/env';
import { ValidationError } from './core/errors';
import { readBody } from './core/http/body';
import { httpHandler } from './core/http/middleware';
import { quoteApprovalDonePage, quoteApprovalPage } from './core/http/quote-approval-pages';
import { basePath } from './core/http/responses';
import { signedLinkProblemPage } from './core/http/signed-link-pages';
import { taskCallback } from './core/quote-callback';
import { decideApproval, readDecision } from './core/quote-decisions';
import { quoteApprovalPurpose } from './core/quote-steps';
import { verifySignedLink } from './core/signed-link';
import { signingKeyReader } from './core/signing-key';
import { quoteStore } from './core/store/quotes';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * The supervisor's emailed link on a quote's special terms: `GET /quotes/approval/{token}` asks
 * to confirm (changes nothing); `POST` records the decision (a rejection with its reason), uses
 * the link up in the same write and hands the decision to the waiting workflow.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const quotes = quoteStore(table);
const staff = staffStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const callback = taskCallback();

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const token = event.pathParameters?.token ?? '';
  const check = verifySignedLink(token, await signingKey(), now, quoteApprovalPurpose);
  if (check.status !== 'valid') return signedLinkProblemPage(check.status, 'en');
  const quote = await quotes.get(check.link.subject);
  if (!quote) return signedLinkProblemPage('tampered', 'en');
  if (quote.status !== 'awaiting-approval' || quote.approval) {
    return quoteApprovalDonePage(quote, 'already-decided');
  }
  const action = `${basePath(event)}/quotes/approval/${token}`;
  if (event.requestContext.http.method !== 'POST') {
    return quoteApprovalPage(quote, action, event.queryStringParameters?.decision ?? '');
  }
  const body = readBody(event);
  const fields = body.kind === 'form' ? body.fields : {};
  let decision: ReturnType<typeof readDecision>;
  try {
    decision = readDecision(fields);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return quoteApprovalPage(quote, action, fields.decision ?? '', error.problems);
  }
  // The link was sent to the team's supervisor: the decision is theirs.
  const team = await staff.getTeam(quote.team);
  const supervisor = team ? await staff.getMember(team.supervisorId) : undefined;
  const result = await decideApproval(
    { quotes, callback },
    quote,
    {
      decision: decision.decision,
      by: supervisor
        ? { staffId: supervisor.staffId, name: supervisor.name }
        : { staffId: 'unknown', name: `the supervisor of team ${quote.team}` },
      ...(decision.reason ? { reason: decision.reason } : {}),
      via: 'signed link (approval email)',
    },
    now,
    check.link,
  );
  logger.info('Quote decided by link', { quoteId: quote.quoteId, ...decision, result });
  if (result === 'link-used') return signedLinkProblemPage('already-used', 'en');
  const after = (await quotes.get(quote.quoteId)) ?? quote;
  return quoteApprovalDonePage(after, result);
});
