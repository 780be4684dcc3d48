import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canAccept,
  parseQuoteInput,
  priceLine,
  priceQuote,
  QuoteExpired,
} from '../../../functions/quotes/rules/quote';
import { ValidationError } from '../../../functions/shared/errors';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';

const rules = defaultBusinessRules;
const asOf = new Date('2026-03-10T10:00:00Z');

const line = (over: Record<string, unknown> = {}) => ({
  service: 'Membership',
  quantity: 1,
  unitPriceMinor: 10_000,
  discountPercent: 0,
  taxRatePercent: 24,
  ...over,
});

describe('quote arithmetic', () => {
  it('prices a line: gross, discount, net, tax per line, each half-up', () => {
    const l = priceLine(
      {
        service: 'Ads',
        quantity: '2.5',
        unitPriceMinor: 1999,
        discountPercent: 10,
        taxRatePercent: 19,
      },
      'EUR',
    );
    // 19.99 × 2.5 = 49.975 → 49.98; 10 % = 4.998 → 5.00; net 44.98; 19 % = 8.5462 → 8.55.
    expect(l.gross.amountMinor).toBe(4998);
    expect(l.discount.amountMinor).toBe(500);
    expect(l.net.amountMinor).toBe(4498);
    expect(l.tax.amountMinor).toBe(855);
    expect(l.total.amountMinor).toBe(5353);
    expect(l.quantity).toBe('2.5');
  });

  it('rounds tax per line, not on the total', () => {
    // Three lines of 0.05 € at 10 %: 0.5 cent each rounds up to 1 cent; a total would give 2.
    const quote = priceQuote(
      {
        currency: 'EUR',
        lines: [1, 2, 3].map(() => line({ unitPriceMinor: 5, taxRatePercent: 10 })),
      },
      rules,
      asOf,
      'Europe/Athens',
    );
    expect(quote.totals.tax.amountMinor).toBe(3);
    expect(quote.taxByRate).toEqual([
      {
        taxRatePercent: '10',
        net: { amountMinor: 15, currency: 'EUR' },
        tax: { amountMinor: 3, currency: 'EUR' },
      },
    ]);
  });

  it('compounds an overall discount with each line’s own', () => {
    const quote = priceQuote(
      { currency: 'EUR', lines: [line({ discountPercent: 10 })], overallDiscountPercent: 10 },
      rules,
      asOf,
      'UTC',
    );
    // 100.00 − 19 % (1 − 0.9 × 0.9) = 81.00; tax 24 % = 19.44.
    expect(quote.totals.discount.amountMinor).toBe(1900);
    expect(quote.totals.net.amountMinor).toBe(8100);
    expect(quote.totals.total.amountMinor).toBe(10044);
  });

  it('works in currencies without minor units', () => {
    const quote = priceQuote(
      {
        currency: 'KRW',
        lines: [line({ unitPriceMinor: 33_333, taxRatePercent: 10, quantity: 3 })],
      },
      rules,
      asOf,
      'Asia/Seoul',
    );
    expect(quote.totals.net.amountMinor).toBe(99_999);
    expect(quote.totals.tax.amountMinor).toBe(10_000); // 9999.9 → 10000
  });

  it('has totals that are exactly the sum of the lines (property)', () => {
    const lineArb = fc.record({
      service: fc.constant('S'),
      quantity: fc.integer({ min: 1, max: 100_000 }).map((q) => q / 1000),
      unitPriceMinor: fc.integer({ min: 0, max: 10_000_000 }),
      discountPercent: fc.integer({ min: 0, max: 10_000 }).map((d) => d / 100),
      taxRatePercent: fc.integer({ min: 0, max: 30_000 }).map((t) => t / 1000),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 20 }), (lines) => {
        const quote = priceQuote({ currency: 'EUR', lines }, rules, asOf, 'UTC');
        const add = (k: 'gross' | 'discount' | 'net' | 'tax' | 'total') =>
          quote.lines.reduce((s, l) => s + l[k].amountMinor, 0);
        expect(quote.totals.net.amountMinor).toBe(add('net'));
        expect(quote.totals.tax.amountMinor).toBe(add('tax'));
        expect(quote.totals.total.amountMinor).toBe(
          quote.totals.net.amountMinor + quote.totals.tax.amountMinor,
        );
        for (const l of quote.lines) {
          expect(l.net.amountMinor).toBe(l.gross.amountMinor - l.discount.amountMinor);
          expect(l.discount.amountMinor).toBeLessThanOrEqual(l.gross.amountMinor);
          expect(l.tax.amountMinor).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });
});

describe('quote terms', () => {
  it('is valid 30 days by default, counted in the company’s calendar', () => {
    // 23:30 UTC on 9 March is already 10 March in Athens.
    const quote = priceQuote(
      { currency: 'EUR', lines: [line()] },
      rules,
      new Date('2026-03-09T23:30:00Z'),
      'Europe/Athens',
    );
    expect(quote.issuedOn).toBe('2026-03-10');
    expect(quote.validUntil).toBe('2026-04-09');
    expect(quote.expiresAt).toBe('2026-04-09T21:00:00.000Z'); // midnight in Athens (UTC+3)
    expect(quote.paymentTermsDays).toBe(30);
  });

  it('can be accepted until its last day ends, and not after', () => {
    const quote = priceQuote({ currency: 'EUR', lines: [line()] }, rules, asOf, 'Europe/Athens');
    expect(canAccept(quote, new Date('2026-04-09T20:59:59Z'))).toBe(true);
    expect(() => canAccept(quote, new Date('2026-04-09T21:00:00Z'))).toThrow(QuoteExpired);
    expect(() => canAccept(quote, new Date('2026-04-09T21:00:00Z'))).toThrow('2026-04-09');
  });

  it('needs a supervisor for a discount over 15 % or terms over 30 days', () => {
    const price = (input: Record<string, unknown>) =>
      priceQuote({ currency: 'EUR', lines: [line()], ...input } as never, rules, asOf, 'UTC');
    expect(price({ lines: [line({ discountPercent: 15 })] }).needsSupervisorApproval).toBe(false);
    expect(price({ lines: [line({ discountPercent: 15.01 })] }).approvalReasons).toEqual([
      { kind: 'line-discount', line: 1, discountPercent: '15.01' },
    ]);
    expect(price({ overallDiscountPercent: 16 }).approvalReasons).toContainEqual({
      kind: 'overall-discount',
      discountPercent: '16',
    });
    // 10 % on the line and 10 % overall give the customer 19 %.
    expect(
      price({ lines: [line({ discountPercent: 10 })], overallDiscountPercent: 10 })
        .needsSupervisorApproval,
    ).toBe(true);
    expect(price({ paymentTermsDays: 30 }).needsSupervisorApproval).toBe(false);
    expect(price({ paymentTermsDays: 45 }).approvalReasons).toEqual([
      { kind: 'payment-terms', days: 45 },
    ]);
  });

  it('follows the thresholds in the business rules', () => {
    const strict = { ...rules, quotes: { ...rules.quotes, discountApprovalAbovePercent: 5 } };
    const quote = priceQuote(
      { currency: 'EUR', lines: [line({ discountPercent: 6 })] },
      strict,
      asOf,
      'UTC',
    );
    expect(quote.needsSupervisorApproval).toBe(true);
  });
});

describe('quote validation', () => {
  const fields = (input: unknown) => {
    try {
      parseQuoteInput(input);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).problems.map((p) => p.field);
    }
  };

  it('names each wrong field', () => {
    expect(fields({ currency: 'EUR', lines: [line()] })).toEqual([]);
    expect(fields({ currency: 'EURO', lines: [line()] })).toEqual(['currency']);
    expect(fields({ currency: 'EUR', lines: [] })).toEqual(['lines']);
    expect(
      fields({
        currency: 'EUR',
        lines: [line(), line({ quantity: 0, discountPercent: 101, taxRatePercent: '1.2345' })],
      }),
    ).toEqual(['lines.1.quantity', 'lines.1.discountPercent', 'lines.1.taxRatePercent']);
    expect(
      fields({ currency: 'EUR', lines: [line({ service: ' ', unitPriceMinor: 1.5 })] }),
    ).toEqual(['lines.0.service', 'lines.0.unitPriceMinor']);
    expect(fields({ currency: 'EUR', lines: [line()], paymentTermsDays: -1 })).toEqual([
      'paymentTermsDays',
    ]);
  });
});
