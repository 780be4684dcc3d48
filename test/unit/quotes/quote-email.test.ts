import { describe, expect, it } from 'vitest';
import { renderQuoteEmail } from '../../../functions/quotes/mail/quote-email';
import { quoteText } from '../../../functions/quotes/mail/quote-text';
import { quoteOutcomePage } from '../../../functions/quotes/pages/quote-answer-pages';
import { priceQuote } from '../../../functions/quotes/rules/quote';
import { locales } from '../../../functions/shared/locales';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';

const quote = priceQuote(
  {
    currency: 'EUR',
    lines: [
      {
        service: 'Cleaning <b>',
        quantity: 2,
        unitPriceMinor: 10000,
        discountPercent: 0,
        taxRatePercent: 19,
      },
      {
        service: 'Windows',
        quantity: 1,
        unitPriceMinor: 5000,
        discountPercent: 0,
        taxRatePercent: 7,
      },
    ],
  },
  defaultBusinessRules,
  new Date('2026-03-10T10:00:00Z'),
  'Europe/Berlin',
);

const shown = (language: (typeof locales)[number]) => ({
  quoteId: '01JQUOTE000000000000000000',
  quote,
  customer: {
    legalName: 'Acme <script>',
    contactName: 'Ada',
    email: 'ada@example.org',
    addressLines: ['Main Street 1'],
    country: 'DE',
    language,
  },
  billingPlan: 'monthly' as const,
  prepaid: false,
  startDate: '2026-04-01',
  termMonths: 12,
});

describe('the quote email', () => {
  it.each(locales)(
    'exists in %s with the lines, totals, tax by rate, validity and link',
    (locale) => {
      const email = renderQuoteEmail(shown(locale), 'https://desk.example/quotes/answer/v1.a.b');
      const t = quoteText[locale];
      expect(email.subjectLine).toContain('01JQUOTE000000000000000000');
      for (const part of [email.text, email.html]) {
        expect(part).toContain('https://desk.example/quotes/answer/v1.a.b');
        expect(part).toContain(t.total);
        expect(part).toContain('19 %');
        expect(part).toContain('7 %');
        expect(part).not.toContain('{{');
      }
      // 2 × 100.00 + 19 % and 50.00 + 7 %: 238.00 + 53.50 = 291.50.
      expect(email.text).toMatch(/291[.,]50/);
    },
  );

  it('escapes what staff typed in the HTML part', () => {
    const email = renderQuoteEmail(shown('en'), 'https://desk.example/x');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Acme &lt;script&gt;');
    expect(email.html).toContain('Cleaning &lt;b&gt;');
  });

  it.each(locales)('has an expired page in %s naming the last valid day', (locale) => {
    const page = quoteOutcomePage('expired', locale, { quote });
    expect(page.statusCode).toBe(410);
    expect(page.headers['Content-Language']).toBe(locale);
    expect(page.body).toContain(quoteText[locale].page.expired.title);
    expect(page.body).toMatch(/2026|09/);
  });
});
