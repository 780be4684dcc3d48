import { describe, expect, it } from 'vitest';
import {
  invoiceDocumentKey,
  invoiceEmailKey,
  renderInvoiceEmail,
} from '../../../functions/invoicing/mail/invoice-email';
import { invoiceEmailText } from '../../../functions/invoicing/mail/invoice-email-text';
import type { CompanyDetails } from '../../../functions/invoicing/pdf/invoice-pdf';
import { invoicePdfText } from '../../../functions/invoicing/pdf/invoice-pdf-text';
import type { Invoice } from '../../../functions/invoicing/rules/invoice';
import { priceLine, taxByRate, totalsOf } from '../../../functions/quotes/rules/quote';
import { type Locale, locales } from '../../../functions/shared/locales';
import { formatMoney } from '../../../functions/shared/rules/money';

const company: CompanyDetails = {
  legalName: 'Desk Services S.A.',
  addressLines: ['Kifisias 100', '115 26 Athens'],
  taxId: 'EL123456789',
  email: 'billing@desk.example',
  paymentDetails: 'IBAN GR16 0110 1250 0000 0001 2300 695',
};

function invoice(language: Locale, customer = 'Harbour Logistics Ltd'): Invoice {
  const lines = [
    priceLine(
      {
        service: 'Membership',
        quantity: 1,
        unitPriceMinor: 10_000,
        discountPercent: 0,
        taxRatePercent: 24,
      },
      'EUR',
    ),
    priceLine(
      {
        service: 'Advertising',
        quantity: 2,
        unitPriceMinor: 2_500,
        discountPercent: 10,
        taxRatePercent: 13,
      },
      'EUR',
    ),
  ];
  return {
    series: 'INV',
    accountId: 'ACC-1',
    contractId: 'CON-1',
    customer: { name: customer, addressLines: ['1 Main Street'], email: 'ap@harbour.example' },
    language,
    currency: 'EUR',
    lines,
    totals: totalsOf(lines, 'EUR'),
    taxByRate: taxByRate(lines, 'EUR'),
    paymentTerms: { kind: 'prepaid' },
    period: { start: '2026-03-15', end: '2026-04-14' },
    number: 'INV-2026-000042',
    year: 2026,
    sequence: 42,
    issuedAt: '2026-03-10T08:00:00.000Z',
    issueDate: '2026-03-10',
    dueDate: '2026-03-15',
  };
}

describe('invoice email', () => {
  it.each(locales)('in %s: number, lines, tax by rate, totals, due date, how to pay', (locale) => {
    const inv = invoice(locale);
    const email = renderInvoiceEmail(inv, company);
    const labels = invoicePdfText[locale];
    expect(email.subjectLine).toContain('INV-2026-000042');
    expect(email.subjectLine).toContain(company.legalName);
    for (const part of [email.html, email.text]) {
      expect(part).toContain('INV-2026-000042');
      expect(part).toContain('Membership');
      expect(part).toContain('Advertising');
      expect(part).toContain(formatMoney(inv.totals.total, locale));
      expect(part).toContain(formatMoney(inv.taxByRate[0]?.tax ?? inv.totals.tax, locale));
      expect(part).toContain(`${labels.taxAt} 24 %`);
      expect(part).toContain(`${labels.taxAt} 13 %`);
      expect(part).toContain(labels.dueDate);
      expect(part).toContain(company.paymentDetails);
    }
    expect(email.html).toContain(`lang="${locale}"`);
    expect(email.attachments).toEqual([
      {
        filename: 'INV-2026-000042.pdf',
        contentType: 'application/pdf',
        documentKey: 'invoices/2026/INV-2026-000042.pdf',
      },
    ]);
  });

  it('has every text in every language', () => {
    const keys = Object.keys(invoiceEmailText.en).sort();
    for (const locale of locales) {
      expect(Object.keys(invoiceEmailText[locale]).sort()).toEqual(keys);
      for (const text of Object.values(invoiceEmailText[locale])) expect(text.trim()).not.toBe('');
    }
  });

  it.each(locales)(
    'in %s: shows the account’s credit it spent, and what is left to pay',
    (locale) => {
      const inv = invoice(locale);
      const total = inv.totals.total.amountMinor;
      const labels = invoicePdfText[locale];
      const part = renderInvoiceEmail({ ...inv, creditAppliedMinor: 5_000 }, company);
      const due = formatMoney({ amountMinor: total - 5_000, currency: 'EUR' }, locale);
      for (const text of [part.html, part.text]) {
        expect(text).toContain(labels.creditApplied);
        expect(text).toContain(due);
        expect(text).toContain(company.paymentDetails);
      }
      // Paid in full by credit: nothing to pay, no bank details asked for.
      const paid = renderInvoiceEmail({ ...inv, creditAppliedMinor: total }, company);
      expect(paid.text).toContain(invoiceEmailText[locale].paidByCredit);
      expect(paid.text).not.toContain(company.paymentDetails);
    },
  );

  it('escapes what the customer typed in the HTML part', () => {
    const email = renderInvoiceEmail(invoice('en', '<script>alert(1)</script>'), company);
    expect(email.html).not.toContain('<script>alert');
    expect(email.html).toContain('&lt;script&gt;');
    expect(email.text).toContain('<script>alert(1)</script>');
  });

  it('leaves out the bank transfer line when the company gave no payment details', () => {
    const { paymentDetails: _none, ...withoutDetails } = company;
    const email = renderInvoiceEmail(invoice('en'), withoutDetails);
    expect(email.text).not.toContain('bank transfer');
    expect(email.text).toContain('Please quote the invoice number INV-2026-000042');
  });

  it('is keyed once per invoice and recipient, its PDF kept by year and number', () => {
    const inv = invoice('de');
    expect(invoiceEmailKey(inv, 'ap@harbour.example')).toEqual({
      kind: 'invoice',
      subject: 'invoice#INV-2026-000042',
      recipient: 'ap@harbour.example',
      period: '-',
    });
    expect(invoiceDocumentKey(inv)).toBe('invoices/2026/INV-2026-000042.pdf');
  });
});
