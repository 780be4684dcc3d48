import type { Contract } from '../../contracts/rules/contract';
import { localDate } from '../../quotes/mail/quote-email';
import { fill } from '../../quotes/mail/quote-text';
import { html } from '../../shared/http/html';
import { page } from '../../shared/http/pages';
import { type HttpAnswer, htmlAnswer } from '../../shared/http/responses';
import type { Locale } from '../../shared/locales';
import { formatMoney } from '../../shared/rules/money';
import { type RenewPageOutcome, renewPageText } from '../mail/renewal-text';
import type { Term } from '../rules/renewals';

/**
 * What a customer sees behind the renew link, in the link's language: the contract's end and the
 * next term on the same terms, with Renew and Ask for a new quote (a GET changes nothing); then
 * the outcome of their answer.
 */

export function renewPage(
  contract: Pick<Contract, 'contractId' | 'service' | 'totals'>,
  term: Term,
  newTerm: Term,
  locale: Locale,
  action: string,
): HttpAnswer {
  const t = renewPageText[locale];
  const values = {
    contractId: contract.contractId,
    service: contract.service.name,
    endDate: localDate(term.endDate, locale),
    newStart: localDate(newTerm.startDate, locale),
    newEnd: localDate(newTerm.endDate, locale),
    total: formatMoney(contract.totals.total, locale),
  };
  const title = fill(t.title, values);
  const main = html`<h1>${title}</h1>
<p>${fill(t.intro, values)}</p>
<p>${fill(t.sameTerms, values)}</p>
<form method="post" action="${action}">
<input type="hidden" name="choice" value="renew">
<button type="submit">${t.renew}</button>
</form>
<form method="post" action="${action}">
<input type="hidden" name="choice" value="new-quote">
<button type="submit">${t.newQuote}</button>
</form>`;
  return htmlAnswer(200, page(locale, title, main), locale);
}

const statusOf: Record<RenewPageOutcome, number> = {
  renewed: 200,
  'quote-asked': 200,
  'already-renewed': 409,
  ended: 410,
};

export function renewOutcomePage(
  outcome: RenewPageOutcome,
  locale: Locale,
  newTerm?: Term,
): HttpAnswer {
  const text = renewPageText[locale].outcomes[outcome];
  const values: Record<string, string> = newTerm
    ? { newStart: localDate(newTerm.startDate, locale), newEnd: localDate(newTerm.endDate, locale) }
    : {};
  const main = html`<h1>${text.title}</h1>
<p>${fill(text.body, values)}</p>`;
  return htmlAnswer(statusOf[outcome], page(locale, text.title, main), locale);
}
