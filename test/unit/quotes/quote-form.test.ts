import { describe, expect, it } from 'vitest';
import { readQuoteForm } from '../../../functions/quotes/quote-form';
import { ValidationError } from '../../../functions/shared/errors';

const good: Record<string, string> = {
  currency: 'EUR',
  service1: 'Office cleaning',
  quantity1: '2.5',
  unitPrice1: '120.00',
  discount1: '10',
  taxRate1: '19',
  validityDays: '30',
  paymentTerms: 'net',
  paymentTermsDays: '14',
  billingPlan: 'monthly',
  startDate: '2026-12-01',
  termMonths: '12',
  renewal: 'auto',
  serviceKind: 'placement',
  serviceName: 'Office cleaning',
  needsOperatingPermit: 'yes',
  legalName: 'Acme GmbH',
  contactName: 'Ada Example',
  email: 'ada@example.org',
  address: 'Main Street 1\r\n10115 Berlin\r\n',
  country: 'DE',
  language: 'de',
};

function problemsOf(fields: Record<string, string>) {
  try {
    readQuoteForm(fields);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
}

describe('the New quote form', () => {
  it('reads lines in minor units, the terms and the customer', () => {
    const terms = readQuoteForm(good);
    expect(terms.input.lines).toEqual([
      {
        service: 'Office cleaning',
        quantity: '2.5',
        unitPriceMinor: 12000,
        discountPercent: '10',
        taxRatePercent: '19',
      },
    ]);
    expect(terms.input.paymentTermsDays).toBe(14);
    expect(terms.prepaid).toBe(false);
    expect(terms.customer.addressLines).toEqual(['Main Street 1', '10115 Berlin']);
    expect(terms.customer.language).toBe('de');
    expect(terms.service).toEqual({ name: 'Office cleaning', needsOperatingPermit: true });
    expect(terms.serviceKind).toBe('placement');
  });

  it('refuses a service kind the renewals do not know, naming the field', () => {
    expect(problemsOf({ ...good, serviceKind: 'subscription' })).toEqual(['serviceKind']);
    expect(problemsOf({ ...good, serviceKind: '' })).toEqual(['serviceKind']);
  });

  it('skips blank lines and names a bad line by its number on the form', () => {
    const fields = {
      ...good,
      service3: 'Windows',
      quantity3: '0',
      unitPrice3: '5',
      taxRate3: '19',
    };
    expect(problemsOf(fields)).toEqual(['quantity3']);
  });

  it('names every bad field at once', () => {
    expect(
      problemsOf({
        ...good,
        currency: 'EURO',
        email: 'two@example.org, three@example.org',
        startDate: '2026-02-30',
        billingPlan: 'weekly',
        renewal: '',
        legalName: ' ',
        address: '',
        country: 'XX',
        language: 'fr',
      }),
    ).toEqual(
      expect.arrayContaining([
        'currency',
        'email',
        'startDate',
        'billingPlan',
        'renewal',
        'legalName',
        'address',
        'country',
        'language',
      ]),
    );
  });

  it('refuses a quote without lines and a price with more decimals than the currency has', () => {
    expect(
      problemsOf({
        ...good,
        service1: '',
        quantity1: '',
        unitPrice1: '',
        discount1: '',
        taxRate1: '',
      }),
    ).toEqual(['service1']);
    expect(problemsOf({ ...good, currency: 'JPY', unitPrice1: '100.5' })).toEqual(['unitPrice1']);
  });

  it('takes a decimal comma, and refuses a line or total beyond the ledger on the line', () => {
    expect(readQuoteForm({ ...good, unitPrice1: '120,00' }).input.lines[0]?.unitPriceMinor).toBe(
      12_000,
    );
    expect(problemsOf({ ...good, unitPrice1: '1,200' })).toEqual(['unitPrice1']);
    // 1,000,000 × 9,999,999,999.99 is 10^16 cents: more than the ledger holds.
    const huge = { quantity1: '1000000', unitPrice1: '9999999999.99', discount1: '' };
    expect(problemsOf({ ...good, ...huge })).toEqual(['unitPrice1']);
    try {
      readQuoteForm({ ...good, ...huge });
    } catch (error) {
      expect((error as ValidationError).problems[0]?.message).toMatch(/is too large/);
    }
    // Each line fits; their sum does not: named on the last line.
    const line = { quantity: '10000', unitPrice: '5000000000.00', discount: '', taxRate: '0' };
    const two = Object.fromEntries(
      [1, 2].flatMap((n) => [
        [`service${n}`, 'Big'],
        ...Object.entries(line).map(([k, v]) => [`${k}${n}`, v]),
      ]),
    );
    expect(problemsOf({ ...good, ...two })).toEqual(['unitPrice2']);
  });

  it('prepaid needs no days', () => {
    const terms = readQuoteForm({ ...good, paymentTerms: 'prepaid', paymentTermsDays: '' });
    expect(terms.prepaid).toBe(true);
    expect(terms.input.paymentTermsDays).toBe(0);
  });
});
