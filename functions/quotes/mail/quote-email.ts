import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import { html, type SafeHtml } from '../../shared/http/html';
import type { Locale } from '../../shared/locales';
import { formatMoney } from '../../shared/rules/money';
import type { StoredQuote } from '../store/quotes';
import { laterInvoicesText, serviceWithBilling } from './line-billing-text';
import { fill, quoteText } from './quote-text';

/**
 * The email that brings a customer their quote, in their language: the lines, the totals with
 * tax, the terms, how long it is valid, and the signed link to accept or decline it.
 */

type Shown = Pick<StoredQuote, 'quoteId' | 'quote' | 'customer' | 'billingPlan' | 'prepaid'> &
  Pick<StoredQuote, 'startDate' | 'termMonths'>;

/** A business date (`YYYY-MM-DD`) as a reader of `locale` writes it. */
export function localDate(date: string, locale: Locale): string {
  const at = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(at);
}

const percent = (value: string) => `${value} %`;

/** The lines and totals as an HTML table (email and answer page). */
export function quoteTable(shown: Shown, locale: Locale): SafeHtml {
  const t = quoteText[locale];
  const { quote } = shown;
  const m = (amount: Parameters<typeof formatMoney>[0]) => formatMoney(amount, locale);
  const c = t.columns;
  return html`<table>
<thead><tr><th>${c.service}</th><th>${c.quantity}</th><th>${c.unitPrice}</th><th>${c.discount}</th><th>${c.taxRate}</th><th>${c.amount}</th></tr></thead>
<tbody>
${quote.lines.map(
  (l) =>
    html`<tr><td>${serviceWithBilling(l, shown.billingPlan, locale)}</td><td>${l.quantity}</td><td>${m(l.unitPrice)}</td><td>${percent(l.discountPercent)}</td><td>${percent(l.taxRatePercent)}</td><td>${m(l.net)}</td></tr>
`,
)}</tbody>
<tfoot>
<tr><th colspan="5">${t.net}</th><td>${m(quote.totals.net)}</td></tr>
${quote.taxByRate.map(
  (
    r,
  ) => html`<tr><th colspan="5">${t.tax} ${percent(r.taxRatePercent)}</th><td>${m(r.tax)}</td></tr>
`,
)}<tr><th colspan="5">${t.total}</th><td><strong>${m(quote.totals.total)}</strong></td></tr>
</tfoot>
</table>`;
}

/** The terms under the table: billing, payment, start and validity, one sentence each. */
export function quoteTerms(shown: Shown, locale: Locale): string[] {
  const t = quoteText[locale];
  const later = laterInvoicesText(
    shown.billingPlan,
    shown.quote.lines,
    shown.quote.currency,
    locale,
  );
  return [
    t.plans[shown.billingPlan],
    ...(later ? [later] : []),
    shown.prepaid ? t.prepaid : fill(t.netDays, { days: shown.quote.paymentTermsDays }),
    fill(t.start, { date: localDate(shown.startDate, locale), months: shown.termMonths }),
    fill(t.validUntil, { date: localDate(shown.quote.validUntil, locale) }),
  ];
}

export function renderQuoteEmail(shown: Shown, answerLink: string): EmailContent {
  const locale = shown.customer.language;
  const t = quoteText[locale];
  const values = {
    name: shown.customer.contactName,
    company: shown.customer.legalName,
    reference: shown.quoteId,
  };
  const subject = subjectLine(fill(t.subject, values));
  const m = (amount: Parameters<typeof formatMoney>[0]) => formatMoney(amount, locale);
  const terms = quoteTerms(shown, locale);
  const lineText = shown.quote.lines.map(
    (l) =>
      `- ${serviceWithBilling(l, shown.billingPlan, locale)}: ${l.quantity} × ${m(l.unitPrice)}, ${t.columns.discount} ${percent(l.discountPercent)}, ` +
      `${t.columns.taxRate} ${percent(l.taxRatePercent)} = ${m(l.net)}`,
  );
  const totals = [
    `${t.net}: ${m(shown.quote.totals.net)}`,
    ...shown.quote.taxByRate.map((r) => `${t.tax} ${percent(r.taxRatePercent)}: ${m(r.tax)}`),
    `${t.total}: ${m(shown.quote.totals.total)}`,
  ];
  const text = [
    fill(t.greeting, values),
    fill(t.intro, values),
    lineText.join('\n'),
    totals.join('\n'),
    terms.join('\n'),
    `${t.openLink}\n${answerLink}`,
    fill(t.reference, values),
    `${t.signOff}\n${t.team}`,
  ].join('\n\n');
  const body = html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><title>${subject}</title></head>
<body>
<p>${fill(t.greeting, values)}</p>
<p>${fill(t.intro, values)}</p>
${quoteTable(shown, locale)}
<p>${terms.map((line, i) => html`${i > 0 ? html`<br>\n` : ''}${line}`)}</p>
<p>${t.openLink}<br>\n<a href="${answerLink}">${answerLink}</a></p>
<p>${fill(t.reference, values)}</p>
<p>${t.signOff}<br>\n${t.team}</p>
</body>
</html>
`;
  return { subjectLine: subject, html: body.value, text: `${text}\n` };
}

/** A quote is sent once to its customer's address. */
export function quoteEmailKey(shown: Pick<StoredQuote, 'quoteId' | 'customer'>): OutboxKey {
  return {
    kind: 'quote',
    subject: `quote#${shown.quoteId}`,
    recipient: shown.customer.email,
    period: '-',
  };
}
