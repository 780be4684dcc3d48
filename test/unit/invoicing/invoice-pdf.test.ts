import { describe, expect, it } from 'vitest';
import {
  type CompanyDetails,
  renderInvoicePdf,
} from '../../../functions/invoicing/pdf/invoice-pdf';
import { invoicePdfText } from '../../../functions/invoicing/pdf/invoice-pdf-text';
import type { Invoice } from '../../../functions/invoicing/rules/invoice';
import { priceLine, taxByRate, totalsOf } from '../../../functions/quotes/rules/quote';
import { type Locale, locales } from '../../../functions/shared/locales';
import { textRuns } from '../../../functions/shared/pdf/fonts';
import { formatMoney } from '../../../functions/shared/rules/money';
import { pdfText } from '../../support/pdf-text';

const company: CompanyDetails = {
  legalName: 'Desk Services Α.Ε.',
  addressLines: ['Λεωφόρος Κηφισίας 100', '115 26 Αθήνα'],
  taxId: 'EL123456789',
  email: 'billing@desk.example',
  paymentDetails: 'IBAN GR16 0110 1250 0000 0001 2300 695',
};

const customers: Record<Locale, string> = {
  en: 'Harbour Logistics Ltd',
  de: 'Müller & Söhne GmbH',
  el: 'Παπαδόπουλος Ναυτιλιακή Α.Ε.',
  ko: '서울상사 주식회사',
  zh: '上海明达贸易有限公司',
};

function invoice(locale: Locale): Invoice {
  const currency = locale === 'ko' ? 'KRW' : locale === 'zh' ? 'CNY' : 'EUR';
  const lines = [
    priceLine(
      {
        service: 'Membership',
        quantity: 1,
        unitPriceMinor: 1_200_000,
        discountPercent: 10,
        taxRatePercent: 24,
      },
      currency,
    ),
    priceLine(
      {
        service: 'Advertising placement',
        quantity: '2.5',
        unitPriceMinor: 19_999,
        discountPercent: 0,
        taxRatePercent: 13,
      },
      currency,
    ),
  ];
  return {
    series: 'INV',
    accountId: 'ACC-1',
    contractId: 'CON-1',
    customer: { name: customers[locale], addressLines: ['1 Main Street'], taxId: 'TAX-99' },
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
  };
}

describe('invoice PDF', () => {
  it.each(locales)('is written in %s with embedded fonts, its text extractable', async (locale) => {
    const inv = invoice(locale);
    const pdf = await renderInvoicePdf(inv, company, locale);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/FontFile2'); // TrueType embedded
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);

    const text = await pdfText(pdf);
    const labels = invoicePdfText[locale];
    for (const label of [
      labels.invoiceTitle,
      labels.billTo,
      labels.dueDate,
      labels.service,
      labels.amountDue,
    ]) {
      expect(text, `${locale}: ${label}`).toContain(label);
    }
    expect(text).toContain(customers[locale]);
    expect(text).toContain('INV-2026-000042');
    expect(text).toContain('Λεωφόρος Κηφισίας 100'); // the company's Greek address in every language
    expect(text.replace(/[\u00a0\u202f]/g, ' ')).toContain(
      formatMoney(inv.totals.total, locale).replace(/[\u00a0\u202f]/g, ' '),
    );
  });

  it('shows the account’s credit it spent and the amount left to pay', async () => {
    const inv = invoice('el');
    const total = inv.totals.total.amountMinor;
    const pdf = await renderInvoicePdf({ ...inv, creditAppliedMinor: 1_000 }, company, 'el');
    const text = (await pdfText(pdf)).replace(/[\u00a0\u202f\s]+/g, ' ');
    expect(text).toContain(invoicePdfText.el.creditApplied);
    expect(text).toContain(
      formatMoney({ amountMinor: total - 1_000, currency: inv.currency }, 'el').replace(
        /[\u00a0\u202f]/g,
        ' ',
      ),
    );
  });

  it('embeds only the glyphs it uses, so even a Chinese invoice stays small', async () => {
    const pdf = await renderInvoicePdf(invoice('zh'), company, 'zh');
    expect(pdf.length).toBeLessThan(400_000);
  });

  it('is the same document for the same invoice', async () => {
    const a = await renderInvoicePdf(invoice('ko'), company, 'ko');
    const b = await renderInvoicePdf(invoice('ko'), company, 'ko');
    expect(a.equals(b)).toBe(true);
  });

  it('has every label in every language, translated', () => {
    const keys = Object.keys(invoicePdfText.en) as (keyof typeof invoicePdfText.en)[];
    for (const locale of locales) {
      expect(Object.keys(invoicePdfText[locale]).sort(), locale).toEqual([...keys].sort());
      for (const key of keys) {
        expect(invoicePdfText[locale][key]?.trim(), `${locale}.${key}`).toBeTruthy();
        if (locale !== 'en' && key !== 'taxAt') {
          expect(invoicePdfText[locale][key], `${locale}.${key} left in English`).not.toBe(
            invoicePdfText.en[key],
          );
        }
      }
    }
  });

  it('picks a font per script within one text', () => {
    expect(textRuns('Παπαδόπουλος 上海 (서울) 2026')).toEqual([
      { face: 'latin', text: 'Παπαδόπουλος ' },
      { face: 'chinese', text: '上海 (' },
      { face: 'korean', text: '서울) 2026' },
    ]);
  });
});
