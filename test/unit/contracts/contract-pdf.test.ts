import { describe, expect, it } from 'vitest';
import {
  renderDocumentRequest,
  renderWelcome,
} from '../../../functions/contracts/mail/contract-customer-mail';
import { signaturePage } from '../../../functions/contracts/pages/contract-customer-pages';
import { renderContractPdf } from '../../../functions/contracts/pdf/contract-pdf';
import { contractPdfText } from '../../../functions/contracts/pdf/contract-pdf-text';
import { draftContractFromQuote } from '../../../functions/contracts/rules/contract';
import type { BillingPlan } from '../../../functions/invoicing/rules/invoice';
import { lineBillingText } from '../../../functions/quotes/mail/line-billing-text';
import { priceQuote } from '../../../functions/quotes/rules/quote';
import { type Locale, locales } from '../../../functions/shared/locales';
import { formatMoney, type Money } from '../../../functions/shared/rules/money';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';
import { pdfText } from '../../support/pdf-text';

/**
 * The signed contract PDF, the signing page and the customer's contract emails, in each of the
 * five languages.
 */

const supplier = {
  legalName: 'Ωκεανός Υπηρεσίες Α.Ε.',
  addressLines: ['Λεωφόρος Κηφισίας 100', '115 26 Αθήνα'],
  taxId: 'EL123456789',
  email: 'billing@desk.example',
};
const zone = 'Europe/Athens';

const names: Record<Locale, string> = {
  en: 'Harbour Logistics Ltd',
  de: 'Müller & Söhne GmbH',
  el: 'Παπαδόπουλος Ναυτιλιακή Α.Ε.',
  ko: '서울상사 주식회사',
  zh: '上海明达贸易有限公司',
};

function signedContract(language: Locale, billingPlan: BillingPlan = 'annual') {
  const asOf = new Date('2026-03-10T10:00:00Z');
  const contract = draftContractFromQuote(
    {
      quoteId: 'Q1',
      leadId: 'L1',
      status: 'accepted',
      quote: priceQuote(
        {
          currency: 'EUR',
          lines: [
            {
              service: 'Membership',
              quantity: 2,
              unitPriceMinor: 10000,
              discountPercent: 10,
              taxRatePercent: 24,
            },
            {
              service: 'Setup',
              quantity: 1,
              unitPriceMinor: 5000,
              discountPercent: 0,
              taxRatePercent: 24,
              oneOff: true,
            },
          ],
          overallDiscountPercent: 5,
        },
        defaultBusinessRules,
        asOf,
        'Europe/Athens',
      ),
      customer: {
        legalName: names[language],
        contactName: 'Dana',
        email: 'dana@example.org',
        addressLines: ['1 Road'],
        country: 'GR',
        language,
      },
      service: { name: 'Membership', needsOperatingPermit: false },
      billingPlan,
      startDate: '2026-04-01',
      termMonths: 12,
      renewal: 'manual',
      agentId: 'a',
      team: 'north',
      prepaid: true,
    },
    '01JCONTRACT000000000000000',
    asOf,
  );
  return {
    ...contract,
    signature: {
      signerName: 'Dana Contact',
      signedAt: '2026-03-12T09:00:00.000Z',
      sourceIp: '192.0.2.7',
    },
  };
}

const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const termOf: Record<Locale, string> = {
  en: '12 months',
  de: '12 Monate',
  el: '12 μήνες',
  ko: '12개월',
  zh: '12个月',
};

// Rendering and reading back PDFs is slow on a loaded machine: more than the default 5 s.
describe('the signed contract PDF', { timeout: 30_000 }, () => {
  for (const locale of locales) {
    it(`reads in ${locale}: the supplier, the term with its unit, the signing time by the company's clock`, async () => {
      const contract = signedContract(locale);
      const bytes = await renderContractPdf(contract, { supplier, zone });
      // Each script is its own text run: read the runs as one text.
      const text = spaces(await pdfText(bytes, ''));
      const t = contractPdfText[locale];
      expect(text).toContain(t.title);
      expect(text).toContain(names[locale]);
      expect(text).toContain('Dana Contact');
      expect(text).toContain(t.supplier);
      expect(text).toContain(supplier.legalName);
      expect(text).toContain('Λεωφόρος Κηφισίας 100');
      expect(text).toContain(`${t.taxId}: EL123456789`);
      expect(text).toContain(`${t.term}: ${termOf[locale]}`);
      // 09:00 UTC on 12 March is 11:00 in Athens: the company's clock, its zone named.
      const signedAt = spaces(
        new Intl.DateTimeFormat(locale, {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: zone,
        }).format(new Date('2026-03-12T09:00:00Z')),
      );
      expect(signedAt).toMatch(/11/);
      expect(text).toContain(`${t.signedAt}: ${signedAt} (Europe/Athens)`);
      expect(text).not.toContain('2026-03-12T09:00');
      // The same signed contract, the same document.
      expect((await renderContractPdf(contract, { supplier, zone })).equals(bytes)).toBe(true);
    });
  }

  it('says the term of one month in the singular', async () => {
    const contract = { ...signedContract('en'), termMonths: 1 };
    expect(await pdfText(await renderContractPdf(contract, { supplier, zone }))).toMatch(
      /Term: 1 month(?!s)/,
    );
  });
});

describe('the signing page', () => {
  for (const locale of locales) {
    it(`in ${locale} shows each line's discount and tax, and totals that add up`, () => {
      const contract = signedContract(locale, 'monthly');
      const page = spaces(signaturePage({ locale, action: '/sign', contract }));
      const money = (m: Money) => spaces(formatMoney(m, locale));
      const t = contractPdfText[locale];
      for (const line of contract.lines) {
        expect(line.discount.amountMinor, line.service).toBeGreaterThan(0);
        expect(page).toContain(`<td>${money(line.unitPrice)}</td><td>${money(line.gross)}</td>`);
        expect(page).toContain(`<td>−${money(line.discount)}</td>`);
        expect(page).toContain(`<td>${money(line.tax)} (24 %)</td>`);
        expect(page).toContain(`<td>${money(line.total)}</td>`);
      }
      const { gross, discount, tax, total } = contract.totals;
      expect(gross.amountMinor - discount.amountMinor + tax.amountMinor).toBe(total.amountMinor);
      const row = (label: string, value: string) =>
        `<th scope="row" colspan="6">${label}</th><td>${value}</td>`;
      expect(page).toContain(row(t.subtotal, money(gross)));
      expect(page).toContain(row(t.discount, `−${money(discount)}`));
      expect(page).toContain(row(t.tax, money(tax)));
      expect(page).toContain(row(t.totalFirstInvoice, `<strong>${money(total)}</strong>`));
      // The setup fee is billed once: marked so, and what the later months cost is said.
      expect(page).toContain(`Setup (${lineBillingText[locale].oneOff})`);
      const monthly = contract.lines[0]?.total as Money;
      expect(page).toContain(
        lineBillingText[locale].later.monthly.replace('{amount}', money(monthly)),
      );
      expect(page).toContain(termOf[locale]);
    });
  }

  it('on a one-off plan marks no line and gives the total alone', () => {
    const contract = signedContract('en', 'one-off');
    const page = signaturePage({ locale: 'en', action: '/sign', contract });
    expect(page).not.toContain('(one-off)');
    expect(page).not.toContain('after that');
    expect(page).toContain('<th scope="row" colspan="6">Total</th>');
  });
});

/** Texts two levels deep, by `key` or `key.inner`. */
const flat = (texts: object): [string, string][] =>
  Object.entries(texts).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[key, value] as [string, string]]
      : Object.entries(value as Record<string, string>).map(
          ([inner, text]) => [`${key}.${inner}`, text] as [string, string],
        ),
  );

describe('the contract texts', () => {
  for (const [name, table] of [
    ['contract', contractPdfText],
    ['one-off lines', lineBillingText],
  ] as const) {
    it(`of ${name} are translated in every language`, () => {
      const english = new Map(flat(table.en));
      for (const locale of locales.filter((l) => l !== 'en')) {
        const texts = flat(table[locale]);
        expect(texts.map(([k]) => k).sort(), locale).toEqual([...english.keys()].sort());
        for (const [key, text] of texts) {
          expect(text.trim(), `${locale}.${key}`).not.toBe('');
          expect(text, `${locale}.${key} left in English`).not.toBe(english.get(key));
        }
      }
    });
  }
});

describe("the customer's contract emails", () => {
  for (const locale of locales) {
    it(`exist in ${locale}, values escaped in the HTML`, () => {
      const contract = {
        ...signedContract(locale),
        customer: { ...signedContract(locale).customer, contactName: '<b>Dana</b>' },
      };
      const request = renderDocumentRequest(
        contract,
        ['business-licence'],
        'https://desk.example/contracts/documents/t',
      );
      expect(request.text).toContain('https://desk.example/contracts/documents/t');
      expect(request.html).not.toContain('<b>Dana</b>');
      const welcome = renderWelcome(contract, {
        filename: 'c.pdf',
        contentType: 'application/pdf',
        documentKey: 'k',
      });
      expect(welcome.attachments).toEqual([
        { filename: 'c.pdf', contentType: 'application/pdf', documentKey: 'k' },
      ]);
      // The contract's reference, never the legal name a customer may have typed.
      expect(welcome.subjectLine).toContain(contract.contractId);
      expect(welcome.subjectLine).not.toContain(names[locale]);
    });
  }
});
