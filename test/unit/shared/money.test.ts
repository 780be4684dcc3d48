import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/shared/errors';
import {
  add,
  amountField,
  CurrencyMismatch,
  decimalText,
  divideHalfUp,
  formatMoney,
  InvalidMoney,
  minorUnitExponent,
  money,
  multiply,
  parseAmount,
  parseMoney,
  percentOf,
  subtract,
  sum,
} from '../../../functions/shared/rules/money';

const eur = (minor: number) => money(minor, 'EUR');

describe('money', () => {
  it('knows each currency’s minor unit', () => {
    expect(minorUnitExponent('EUR')).toBe(2);
    expect(minorUnitExponent('KRW')).toBe(0);
    expect(minorUnitExponent('JPY')).toBe(0);
    expect(minorUnitExponent('BHD')).toBe(3);
    expect(minorUnitExponent('KWD')).toBe(3);
    expect(() => minorUnitExponent('EURO')).toThrow(InvalidMoney);
    expect(() => minorUnitExponent('XYZ')).toThrow(InvalidMoney);
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => money(1.5, 'EUR')).toThrow(InvalidMoney);
    expect(() => money(2 ** 60, 'EUR')).toThrow(InvalidMoney);
  });

  it('adds and subtracts only the same currency', () => {
    expect(add(eur(150), eur(275))).toEqual(eur(425));
    expect(subtract(eur(150), eur(275))).toEqual(eur(-125));
    expect(() => add(eur(1), money(1, 'USD'))).toThrow(CurrencyMismatch);
    expect(() => sum([eur(1), money(1, 'KRW')], 'EUR')).toThrow(CurrencyMismatch);
  });

  it('rounds percentages half-up to the minor unit', () => {
    expect(percentOf(eur(1005), 19)).toEqual(eur(191)); // 190.95 → 191
    expect(percentOf(eur(250), 1)).toEqual(eur(3)); // 2.5 → 3
    expect(percentOf(eur(249), 1)).toEqual(eur(2)); // 2.49 → 2
    expect(percentOf(eur(-250), 1)).toEqual(eur(-3)); // half away from zero
    expect(percentOf(money(12345, 'KRW'), 10)).toEqual(money(1235, 'KRW')); // 1234.5 → 1235
    expect(percentOf(money(1005, 'KWD'), '7.5')).toEqual(money(75, 'KWD')); // 75.375 → 75
    // 0.1 + 0.2 style drift cannot happen: 17.5 % of 0.10 € is 1.75 cents → 2 cents.
    expect(percentOf(eur(10), '17.5')).toEqual(eur(2));
  });

  it('multiplies by quantities with up to three decimals', () => {
    expect(multiply(eur(1999), '2.5')).toEqual(eur(4998)); // 4997.5 → 4998
    expect(multiply(eur(333), 0.125)).toEqual(eur(42)); // 41.625 → 42
    expect(() => multiply(eur(1), '1.0001')).toThrow(RangeError);
  });

  it('parses and prints exact decimals', () => {
    expect(parseMoney('12.34', 'EUR')).toEqual(eur(1234));
    expect(parseMoney('0.005', 'KWD')).toEqual(money(5, 'KWD'));
    expect(() => parseMoney('12.345', 'EUR')).toThrow('at most 2 decimal places');
    expect(() => parseMoney('1.5', 'KRW')).toThrow('whole numbers');
    expect(decimalText(eur(-5))).toBe('-0.05');
    expect(decimalText(money(1234, 'KRW'))).toBe('1234');
  });

  it('reads an amount written with a decimal point or a decimal comma', () => {
    expect(parseAmount('12.50', 'EUR')).toEqual(eur(1250));
    expect(parseAmount(' 12,50 ', 'EUR')).toEqual(eur(1250));
    expect(parseAmount('12,5', 'EUR')).toEqual(eur(1250));
    expect(parseAmount('1234', 'KRW')).toEqual(money(1234, 'KRW'));
    expect(parseAmount('0,5', 'KWD')).toEqual(money(500, 'KWD'));
    // A point is a decimal point, as in files and the API: three decimals in a 3-decimal currency.
    expect(parseAmount('1.234', 'KWD')).toEqual(money(1234, 'KWD'));
  });

  it('refuses an amount that could be read two ways, or has thousands separators', () => {
    expect(() => parseAmount('1,234', 'EUR')).toThrow('"1,234" is unclear: 1234 or 1.234?');
    expect(() => parseAmount('1,234', 'KWD')).toThrow('is unclear');
    expect(() => parseAmount('1,234', 'KRW')).toThrow('is unclear');
    expect(() => parseAmount('1.234,50', 'EUR')).toThrow('has a thousands separator');
    expect(() => parseAmount('1 234', 'EUR')).toThrow('has a thousands separator');
    expect(() => parseAmount('12,5', 'KRW')).toThrow('KRW amounts are whole numbers');
    expect(() => parseAmount('twelve', 'EUR')).toThrow('is not an amount');
    expect(() => parseAmount('', 'EUR')).toThrow('is required');
  });

  it('refuses an amount beyond the ledger, saying its limit', () => {
    expect(parseAmount('90071992547409.91', 'EUR').amountMinor).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseAmount('90071992547409.92', 'EUR')).toThrow(
      'is too large: the ledger holds at most €90,071,992,547,409.91',
    );
    expect(() => parseAmount('9007199254740992', 'KRW')).toThrow('at most ₩9,007,199,254,740,991');
  });

  it('reads a form field: positive, in minor units, or a field error naming it', () => {
    expect(amountField('124,50', 'EUR')).toBe(12_450);
    const problemOf = (text: string) => {
      try {
        amountField(text, 'EUR', 'unitPrice');
      } catch (error) {
        if (error instanceof ValidationError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(problemOf('0')).toEqual([{ field: 'unitPrice', message: 'must be more than zero' }]);
    expect(problemOf('1e21')[0]?.message).toMatch(/is not an amount/);
    expect(problemOf('100000000000000000')[0]?.message).toMatch(/^is too large/);
  });

  it('formats amounts for each language', () => {
    const nbsp = /[\u00a0\u202f]/g;
    expect(formatMoney(eur(123456), 'en')).toBe('€1,234.56');
    expect(formatMoney(eur(123456), 'de').replace(nbsp, ' ')).toBe('1.234,56 €');
    expect(formatMoney(eur(123456), 'el').replace(nbsp, ' ')).toBe('1.234,56 €');
    expect(formatMoney(money(1234, 'KRW'), 'ko')).toBe('₩1,234');
    expect(formatMoney(money(123456, 'CNY'), 'zh')).toBe('¥1,234.56');
    // Exact even past what a float holds to the cent.
    expect(formatMoney(eur(9_007_199_254_740_991), 'en')).toBe('€90,071,992,547,409.91');
  });

  it('rounds like exact rational arithmetic (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (n, d) => {
          const q = divideHalfUp(n, d);
          // |n/d − q| ≤ 1/2, and exactly 1/2 only when rounding away from zero.
          const twiceError = 2n * n - 2n * q * d;
          const abs = twiceError < 0n ? -twiceError : twiceError;
          expect(abs <= d).toBe(true);
          if (abs === d) expect(q * (n < 0n ? -1n : 1n) > 0n || n === 0n).toBe(true);
        },
      ),
    );
  });

  it('adds in any order to the same total (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { maxLength: 50 }), (amounts) => {
        const forward = sum(amounts.map(eur), 'EUR');
        const backward = sum([...amounts].reverse().map(eur), 'EUR');
        expect(forward).toEqual(backward);
        expect(forward.amountMinor).toBe(amounts.reduce((a, b) => a + b, 0));
      }),
    );
  });

  it('takes a percentage within half a minor unit of the exact value (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 100_000 }),
        (amount, thousandths) => {
          const rate = thousandths / 1000;
          const result = percentOf(eur(amount), rate).amountMinor;
          const exactTimes100k = BigInt(amount) * BigInt(thousandths); // amount × rate × 1000
          const diff = BigInt(result) * 100_000n - exactTimes100k;
          expect((diff < 0n ? -diff : diff) <= 50_000n).toBe(true);
        },
      ),
    );
  });
});
