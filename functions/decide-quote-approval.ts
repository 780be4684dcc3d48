import { Logger } from '@aws-lambda-powertools/logger';
import { linkDecider, parseDeciderSubject } from './core/decision-links';
import { requireEnv } from './core/env';
import { ValidationError } from './core/errors';
import { readBody } from './core/http/body';
import { decisionLinkRefusedPage } from './core/http/decision-link-pages';
import { httpHandler } from './core/http/middleware';
import { quoteApprovalDonePage, quoteApprovalPage } from './core/http/quote-approval-pages';
import { basePath } from './core/http/responses';
import { signedLinkProblemPage } from './core/http/signed-link-pages';
import { quoteApprovalRequestKey } from './core/mail/quote-notices';
import { taskCallback } from './core/quote-callback';
import { decideApproval, readDecision } from './core/quote-decisions';
import { mayDecide } from './core/quote-desk';
import { quoteApprovalPurpose } from './core/quote-steps';
import { verifySignedLink } from './core/signed-link';
import { signingKeyReader } from './core/signing-key';
import { outboxMessageId } from './core/store/outbox-message';
import { outboxStore } from './core/store/outbox-store';
import { quoteStore, type StoredQuote } from './core/store/quotes';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * The supervisor's emailed link on a quote's special terms: `GET /quotes/approval/{token}` asks
 * to confirm (changes nothing); `POST` records the decision (a rejection with its reason), uses
 * the link up in the same write and hands the decision to the waiting workflow. The link decides
 * as the supervisor it was sent to, while their role still decides the quote (`decision-links.ts`).
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const quotes = quoteStore(table);
const staff = staffStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const callback = taskCallback();
const outbox = outboxStore(table);

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const token = event.pathParameters?.token ?? '';
  const check = verifySignedLink(token, await signingKey(), now, quoteApprovalPurpose);
  if (check.status !== 'valid') return signedLinkProblemPage(check.status, 'en');
  const subject = parseDeciderSubject(check.link.subject);
  const quote = await quotes.get(subject.record);
  if (!quote) return signedLinkProblemPage('tampered', 'en');
  if (quote.status !== 'awaiting-approval' || quote.approval) {
    return quoteApprovalDonePage(quote, 'already-decided');
  }
  const decider = await linkDecider(
    staff,
    subject.staffId ?? (await legacyRecipient(quote)),
    (principal) => mayDecide(principal, quote),
  );
  if (decider.kind === 'refused') {
    logger.info('Quote approval link refused', { quoteId: quote.quoteId, reason: decider.reason });
    return decisionLinkRefusedPage(decider, `${basePath(event)}/office/quotes/${quote.quoteId}`);
  }
  const supervisor = decider.principal;
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
  // The decision is recorded in the name of the person the link was sent to.
  const result = await decideApproval(
    { quotes, callback },
    quote,
    {
      decision: decision.decision,
      by: { staffId: supervisor.staffId, name: supervisor.name },
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

/**
 * Whom a link made before links named their person was sent to: the team's supervisor, if the
 * approval email went to them (the outbox keeps it under their address). A supervisor changed
 * since then finds no such email, and the link decides nothing.
 */
async function legacyRecipient(quote: StoredQuote): Promise<string | undefined> {
  const team = await staff.getTeam(quote.team);
  const supervisor = team ? await staff.getMember(team.supervisorId) : undefined;
  if (!supervisor) return undefined;
  const sent = await outbox.get(
    outboxMessageId(quoteApprovalRequestKey(quote.quoteId, supervisor.email)),
  );
  return sent ? supervisor.staffId : undefined;
}
