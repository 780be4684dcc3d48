import { Logger } from '@aws-lambda-powertools/logger';
import { outboxMessageId } from '../../messages/store/outbox-message';
import { outboxStore } from '../../messages/store/outbox-store';
import { decisionLinkRefusedPage } from '../../shared/decisions/decision-link-pages';
import { linkDecider, parseDeciderSubject } from '../../shared/decisions/decision-links';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { httpHandler } from '../../shared/http/middleware';
import { basePath } from '../../shared/http/responses';
import { signedLinkProblemPage } from '../../shared/http/signed-link-pages';
import { verifySignedLink } from '../../shared/signed-link';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { staffStore } from '../../staff/store/staff-store';
import { quoteApprovalRequestKey } from '../mail/quote-notices';
import { quoteApprovalDonePage, quoteApprovalPage } from '../pages/quote-approval-pages';
import { decideApproval, readDecision } from '../quote-decisions';
import { mayDecide } from '../quote-desk';
import { quoteApprovalPurpose } from '../quote-steps';
import { quoteStore, type StoredQuote } from '../store/quotes';

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
const steps = decisionSteps(table);
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
    { quotes, steps },
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
