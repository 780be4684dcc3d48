import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv, requireLocale } from '../../shared/env';
import { BadRequest } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { httpHandler } from '../../shared/http/middleware';
import { basePath, type HttpAnswer } from '../../shared/http/responses';
import { signedLinkProblemPage } from '../../shared/http/signed-link-pages';
import { type SignedLink, verifySignedLink } from '../../shared/signed-link';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { quoteAnswerPage, quoteOutcomePage } from '../pages/quote-answer-pages';
import { answerQuote } from '../quote-decisions';
import { quoteAnswerPurpose } from '../quote-steps';
import { quoteStore, type StoredQuote } from '../store/quotes';

/**
 * The customer's answer to a quote through its signed link: `GET /quotes/answer/{token}` shows
 * the quote with Accept and Decline and changes nothing; `POST` checks the link and that the
 * quote has not expired, records the answer (the link used up in the same write) and hands it to
 * the waiting workflow. Every page is in the quote's language.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const quotes = quoteStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const defaultLocale = requireLocale('DEFAULT_LOCALE');
const steps = decisionSteps(table);

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const token = event.pathParameters?.token ?? '';
  const check = verifySignedLink(token, await signingKey(), now, quoteAnswerPurpose);
  if (check.status === 'tampered') {
    return signedLinkProblemPage('tampered', check.locale ?? defaultLocale);
  }
  const quote = await quotes.get(check.link.subject);
  if (!quote) return signedLinkProblemPage('tampered', check.link.locale);
  const locale = quote.customer.language;
  // The link lives as long as the quote: an expired link is an expired quote.
  if (check.status === 'expired') return quoteOutcomePage('expired', locale, quote);
  if (event.requestContext.http.method === 'POST') return answer(event, quote, check.link, now);
  return show(event, quote);
});

function show(event: APIGatewayProxyEventV2, quote: StoredQuote): HttpAnswer {
  const locale = quote.customer.language;
  switch (quote.status) {
    case 'sent':
      return quoteAnswerPage(
        quote,
        `${basePath(event)}/quotes/answer/${event.pathParameters?.token}`,
      );
    case 'accepted':
    case 'declined':
      return quoteOutcomePage('answered', locale, quote);
    case 'expired':
      return quoteOutcomePage('expired', locale, quote);
    default:
      // Not sent (yet), or withdrawn: nothing the customer can act on.
      return signedLinkProblemPage('tampered', locale);
  }
}

async function answer(
  event: APIGatewayProxyEventV2,
  quote: StoredQuote,
  link: SignedLink,
  now: Date,
): Promise<HttpAnswer> {
  const body = readBody(event);
  const fields = body.kind === 'form' ? body.fields : {};
  const given = fields.answer;
  if (given !== 'accept' && given !== 'decline') {
    throw new BadRequest('answer: choose accept or decline');
  }
  const result = await answerQuote(
    { quotes, steps },
    quote,
    { answer: given, ...(fields.reason ? { reason: fields.reason } : {}) },
    link,
    now,
  );
  logger.info('Quote answered', { quoteId: quote.quoteId, answer: given, result });
  const locale = quote.customer.language;
  switch (result) {
    case 'accepted':
    case 'declined':
    case 'expired':
      return quoteOutcomePage(result, locale, quote);
    case 'already-answered':
      return quoteOutcomePage('answered', locale, quote);
    case 'link-used':
      return signedLinkProblemPage('already-used', locale);
  }
}
