import { describe, expect, it } from 'vitest';
import { formatDate, renderInvoicePdf } from '../../../functions/invoicing/pdf/invoice-pdf';
import { invoicePdfText } from '../../../functions/invoicing/pdf/invoice-pdf-text';
import type { Invoice } from '../../../functions/invoicing/rules/invoice';
import type { StoredInvoice } from '../../../functions/invoicing/store/invoice-numbers';
import { type CreditRequest, creditNoteDraft } from '../../../functions/payments/credit-notes';
import {
  creditNoteText,
  renderCreditNoteEmail,
} from '../../../functions/payments/mail/credit-note-email';
import { priceLine, taxByRate, totalsOf } from '../../../functions/quotes/rules/quote';
import { type Locale, locales } from '../../../functions/shared/locales';
import { formatMoney } from '../../../functions/shared/rules/money';
import { creditedInvoiceOf } from '../../../functions/statements/rules/statement';
import { pdfText } from '../../support/pdf-text';

/**
 * A credit note as the customer gets it (the PDF and the email), in each language: it asks for no
 * payment (no due date, terms or bank details) and no word of it is left in English. Everything a
 * person typed (services, reason, names) is written in the customer's language here, so whatever
 * English is found came from the desk.
 */

const company = {
  legalName: 'Ωκεανός Υπηρεσίες Α.Ε.',
  addressLines: ['Λεωφόρος Κηφισίας 100', '115 26 Αθήνα'],
  taxId: 'EL123456789',
  email: 'billing@desk.example',
  paymentDetails: 'IBAN GR16 0110 1250 0000 0001 2300 695',
};

const typed: Record<Locale, { customer: string; service: string; reason: string }> = {
  en: { customer: 'Harbour Logistics Ltd', service: 'Membership', reason: 'Wrong price' },
  de: { customer: 'Müller & Söhne GmbH', service: 'Mitgliedschaft', reason: 'Falscher Preis' },
  el: { customer: 'Παπαδόπουλος Ναυτιλιακή', service: 'Συνδρομή μέλους', reason: 'Λάθος τιμή' },
  ko: { customer: '서울상사 주식회사', service: '회원 서비스', reason: '가격 오류' },
  zh: { customer: '上海明达贸易有限公司', service: '会员服务', reason: '价格错误' },
};

const currencyOf = (locale: Locale) => (locale === 'ko' ? 'KRW' : locale === 'zh' ? 'CNY' : 'EUR');

function invoice(locale: Locale): StoredInvoice {
  const currency = currencyOf(locale);
  const lines = [
    priceLine(
      {
        service: typed[locale].service,
        quantity: 1,
        unitPriceMinor: 120_000,
        discountPercent: 10,
        taxRatePercent: 24,
      },
      currency,
    ),
  ];
  return {
    series: 'INV',
    accountId: 'ACC-1',
    contractId: 'CON-1',
    customer: { name: typed[locale].customer, addressLines: [] },
    language: locale,
    currency,
    lines,
    totals: totalsOf(lines, currency),
    taxByRate: taxByRate(lines, currency),
    paymentTerms: { kind: 'net', days: 30 },
    period: { start: '2026-04-01', end: '2026-04-30' },
    number: 'INV-2026-000042',
    year: 2026,
    sequence: 42,
    issuedAt: '2026-04-30T08:00:00.000Z',
    issueDate: '2026-04-30',
    dueDate: '2026-05-30',
    openMinor: 0,
  } as StoredInvoice;
}

function creditNote(locale: Locale, kind: CreditRequest['kind']): Invoice {
  const request: CreditRequest =
    kind === 'full'
      ? { kind, reason: typed[locale].reason }
      : { kind, netMinor: 5_000, reason: typed[locale].reason };
  return {
    ...creditNoteDraft(invoice(locale), request),
    number: 'CN-2026-000003',
    year: 2026,
    sequence: 3,
    issuedAt: '2026-05-04T08:00:00.000Z',
    issueDate: '2026-05-04',
    dueDate: '2026-06-03',
  };
}

/** What the customer reads: the PDF's text, the email's subject and text. */
async function everythingRead(note: Invoice): Promise<string> {
  const pdf = await pdfText(await renderInvoicePdf(note, company, note.language));
  const email = renderCreditNoteEmail(note, 'INV-2026-000042', company);
  return [pdf, email.subjectLine, email.text].join('\n').replace(/[\u00a0\u202f]/g, ' ');
}

const words = (text: string) =>
  new Set((text.replace(/\{\{?\w+\}?\}/g, ' ').match(/\p{L}{3,}/gu) ?? []).map((w) => w));
const textsOf = (locale: Locale) =>
  [...Object.values(invoicePdfText[locale]), ...Object.values(creditNoteText[locale])].join(' ');

// Rendering and reading back PDFs is slow on a loaded machine: more than the default 5 s.
describe('a credit note, as the customer reads it', { timeout: 30_000 }, () => {
  for (const locale of locales) {
    for (const kind of ['full', 'partial'] as const) {
      it(`in ${locale} (${kind}) asks for no payment: no due date, terms or bank details`, async () => {
        const note = creditNote(locale, kind);
        const read = await everythingRead(note);
        const t = invoicePdfText[locale];
        expect(read).toContain(t.creditNoteTitle);
        expect(read).toContain(typed[locale].reason);
        expect(read).toContain('INV-2026-000042');
        for (const paymentField of [
          t.dueDate,
          t.paymentTerms,
          t.amountDue,
          t.netDays.replace('{days}', '30'),
          formatDate(note.dueDate, locale),
          'IBAN',
          'GR16',
        ]) {
          expect(read, `${locale}: ${paymentField}`).not.toContain(paymentField);
        }
        expect(read).toContain(
          formatMoney(note.totals.total, locale).replace(/[\u00a0\u202f]/g, ' '),
        );
      });
    }

    if (locale === 'en') continue;
    it(`in ${locale} leaves no English word in the PDF or the email`, async () => {
      // Words only the English texts use: none may reach a customer of another language.
      const own = words(textsOf(locale));
      const englishOnly = [...words(textsOf('en'))].filter((w) => !own.has(w));
      for (const kind of ['full', 'partial'] as const) {
        const read = await everythingRead(creditNote(locale, kind));
        const found = [...words(read)].filter((w) => englishOnly.includes(w));
        expect(found, `${locale} ${kind}`).toEqual([]);
        if (locale !== 'de') {
          // A script without Latin letters: any Latin word left is a value we know, or a leak.
          const known = [company.email, company.taxId, 'INV-2026-000042', 'CN-2026-000003', 'PDF'];
          const rest = known.reduce((text, value) => text.split(value).join(' '), read);
          expect(rest.match(/[A-Za-z]{2,}/g), `${locale} ${kind}`).toBeNull();
        }
      }
    });
  }

  it('names the invoice it credits for the statement, whatever its language', () => {
    expect(creditedInvoiceOf(creditNote('el', 'partial'))).toBe('INV-2026-000042');
    expect(creditedInvoiceOf(creditNote('zh', 'full'))).toBe('INV-2026-000042');
  });
});
