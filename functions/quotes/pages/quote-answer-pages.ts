import { html } from '../../shared/http/html';
import { page } from '../../shared/http/pages';
import { type HttpAnswer, htmlAnswer } from '../../shared/http/responses';
import type { Locale } from '../../shared/locales';
import { localDate, quoteTable, quoteTerms } from '../mail/quote-email';
import { fill, quoteText } from '../mail/quote-text';
import type { StoredQuote } from '../store/quotes';

/**
 * What a customer sees behind the quote's signed link, in the quote's language: the quote with
 * Accept and Decline (a GET changes nothing), then the outcome of their answer.
 */

type Shown = Parameters<typeof quoteTable>[0];

export function quoteAnswerPage(quote: Shown, action: string): HttpAnswer {
  const locale = quote.customer.language;
  const t = quoteText[locale];
  const title = fill(t.page.title, { reference: quote.quoteId });
  const main = html`<h1>${title}</h1>
<p>${fill(t.greeting, { name: quote.customer.contactName })}</p>
<p>${fill(t.intro, { company: quote.customer.legalName })}</p>
${quoteTable(quote, locale)}
<p>${quoteTerms(quote, locale).map((line, i) => html`${i > 0 ? html`<br>` : ''}${line}`)}</p>
<form method="post" action="${action}">
<input type="hidden" name="answer" value="accept">
<button type="submit">${t.page.accept}</button>
</form>
<form method="post" action="${action}">
<input type="hidden" name="answer" value="decline">
<label for="reason">${t.page.declineReason}</label>
<textarea id="reason" name="reason" maxlength="500"></textarea>
<button type="submit">${t.page.decline}</button>
</form>`;
  return htmlAnswer(200, page(locale, title, main), locale);
}

export type AnswerOutcomePage = 'accepted' | 'declined' | 'expired' | 'answered';

const statusOf: Record<AnswerOutcomePage, number> = {
  accepted: 200,
  declined: 200,
  expired: 410,
  answered: 409,
};

/** The page after an answer, or instead of the quote when it cannot be answered any more. */
export function quoteOutcomePage(
  outcome: AnswerOutcomePage,
  locale: Locale,
  quote: Pick<StoredQuote, 'quote'>,
): HttpAnswer {
  const text = quoteText[locale].page[outcome];
  const body = fill(text.body, { date: localDate(quote.quote.validUntil, locale) });
  const main = html`<h1>${text.title}</h1>
<p>${body}</p>`;
  return htmlAnswer(statusOf[outcome], page(locale, text.title, main), locale);
}
