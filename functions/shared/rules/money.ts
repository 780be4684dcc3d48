/**
 * Money: an integer amount of minor units (cents, won, fils) and an ISO 4217 currency code.
 * Arithmetic is exact: amounts are safe integers, products and percentages are worked out with
 * bigint and rounded once, half-up (half away from zero), to the minor unit. No floats touch an
 * amount, so no cent drifts however many lines an invoice has.
 */

import { ValidationError } from '../errors';

export interface Money {
  /** Minor units: 1234 EUR is 12.34 €, 1234 KRW is ₩1,234. A safe integer. */
  amountMinor: number;
  currency: string;
}

/** Two amounts in different currencies cannot be added, compared or subtracted. */
export class CurrencyMismatch extends Error {
  override name = 'CurrencyMismatch';
}

/** A currency code that is not ISO 4217, or an amount that is not whole minor units. */
export class InvalidMoney extends Error {
  override name = 'InvalidMoney';
}

// ISO 4217 currencies whose minor unit is not the usual hundredth.
// biome-ignore format: a table reads better than one code a line
const exponents: Record<string, number> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0,
  UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && /^[A-Z]{3}$/.test(code) && knownCurrencies.has(code);
}

/** Digits after the decimal point of a currency: JPY and KRW 0, EUR 2, BHD and KWD 3. */
export function minorUnitExponent(currency: string): number {
  if (!isCurrency(currency)) throw new InvalidMoney(`${currency} is not an ISO 4217 currency`);
  return exponents[currency] ?? 2;
}

export function money(amountMinor: number, currency: string): Money {
  minorUnitExponent(currency);
  if (!Number.isSafeInteger(amountMinor)) {
    throw new InvalidMoney(`${amountMinor} is not a whole number of minor units`);
  }
  return { amountMinor, currency };
}

export const zero = (currency: string): Money => money(0, currency);

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new CurrencyMismatch(`Cannot combine ${a.currency} with ${b.currency}`);
  }
}

/**
 * The largest amount the ledger holds, in minor units of any currency: a safe integer, so every
 * amount, line, total and balance is exact. Anything larger is refused where it is entered.
 */
export const ledgerLimitMinor = Number.MAX_SAFE_INTEGER;

function fromBig(value: bigint, currency: string): Money {
  if (value > BigInt(ledgerLimitMinor) || value < -BigInt(ledgerLimitMinor)) {
    throw new InvalidMoney(tooLargeMessage(currency));
  }
  return { amountMinor: Number(value), currency };
}

/** What a person reads when an amount or total is beyond the ledger: the limit, in the currency. */
export function tooLargeMessage(currency: string): string {
  return `is too large: the ledger holds at most ${ledgerLimitText(currency)}`;
}

/** The ledger's limit as a person reads it: €90,071,992,547,409.91. */
export function ledgerLimitText(currency: string): string {
  return isCurrency(currency)
    ? formatMoney({ amountMinor: ledgerLimitMinor, currency }, 'en')
    : `${ledgerLimitMinor} minor units`;
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return fromBig(BigInt(a.amountMinor) + BigInt(b.amountMinor), a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return fromBig(BigInt(a.amountMinor) - BigInt(b.amountMinor), a.currency);
}

export function sum(amounts: readonly Money[], currency: string): Money {
  return amounts.reduce((total, m) => add(total, m), zero(currency));
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return a.amountMinor < b.amountMinor ? -1 : a.amountMinor > b.amountMinor ? 1 : 0;
}

/** numerator / denominator rounded half away from zero (the commercial "half-up"). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (2n * n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/**
 * An exact decimal (`"7.5"`, `12.125`, `"-3"`) as an integer scaled by 10^scale: `("7.5", 2)` is
 * 750. Throws when the value has more decimals than the scale allows, rather than rounding.
 */
export function scaledDecimal(value: number | string, scale: number): bigint {
  // A JS number prints as its shortest exact decimal ("0.1"), so this sees what was written.
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) throw new RangeError(`${value} is not a decimal number`);
  const [, sign = '', whole = '0', fraction = ''] = match;
  const digits = fraction.replace(/0+$/, '');
  if (digits.length > scale) {
    throw new RangeError(`${value} has more than ${scale} decimal places`);
  }
  const scaled = BigInt(whole + digits.padEnd(scale, '0'));
  return sign === '-' ? -scaled : scaled;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Exponent notation (1e-7, 1e21) spelt out, so the pattern above can read it.
  return Math.abs(value) < 1e21 && (value === 0 || Math.abs(value) >= 1e-6)
    ? String(value)
    : value.toFixed(20);
}

/** The percentage of an amount, half-up to the minor unit: 19 % of 10.05 € is 1.91 €. */
export function percentOf(amount: Money, percent: number | string): Money {
  const scaled = scaledDecimal(percent, 6);
  return fromBig(
    divideHalfUp(BigInt(amount.amountMinor) * scaled, 100n * 10n ** 6n),
    amount.currency,
  );
}

/** A unit price times a quantity with up to 3 decimals, half-up to the minor unit. */
export function multiply(unitPrice: Money, quantity: number | string): Money {
  const scaled = scaledDecimal(quantity, 3);
  return fromBig(divideHalfUp(BigInt(unitPrice.amountMinor) * scaled, 1000n), unitPrice.currency);
}

/** A decimal amount as written by a person (`"12.34"` EUR) in minor units; no rounding. */
export function parseMoney(amount: string, currency: string): Money {
  const exponent = minorUnitExponent(currency);
  let minor: bigint;
  try {
    minor = scaledDecimal(amount, exponent);
  } catch {
    throw new InvalidMoney(
      exponent === 0
        ? `${currency} amounts are whole numbers`
        : `${currency} amounts have at most ${exponent} decimal places`,
    );
  }
  return fromBig(minor, currency);
}

/**
 * An amount as a person writes it, with a decimal point or a decimal comma (`12.50`, `12,50`,
 * `-3`), in minor units of `currency`; InvalidMoney says plainly what is wrong. Thousands
 * separators are refused, and so is a comma followed by exactly three digits (`1,234`): it could
 * be a thousand or a decimal, and a guess could book a thousand times the money. A point is
 * always a decimal point, as in the API and CSV files.
 */
export function parseAmount(text: string, currency: string): Money {
  const written = text.trim();
  if (written === '') throw new InvalidMoney('is required');
  const match = /^(-?)(\d+)(?:([.,])(\d+))?$/.exec(written);
  if (!match) {
    throw new InvalidMoney(
      /^-?[\d.,\s'’]+$/.test(written)
        ? `"${written}" has a thousands separator: write it without, e.g. 1234.50 or 1234,50`
        : `"${written}" is not an amount: write it like 12.50 or 12,50`,
    );
  }
  const [, sign = '', whole = '', separator, fraction = ''] = match;
  if (separator === ',' && fraction.length === 3) {
    throw new InvalidMoney(
      `"${written}" is unclear: ${whole}${fraction} or ${whole}.${fraction}? Write it without a thousands separator, or the decimals with a point`,
    );
  }
  return parseMoney(`${sign}${whole}${fraction ? `.${fraction}` : ''}`, currency);
}

/**
 * A positive amount typed into a field (a form's, a JSON body's), in minor units: every place
 * money enters the desk reads it this way, so each refuses the same amounts with the same words.
 * ValidationError names the field.
 */
export function amountField(text: string, currency: string, field = 'amount'): number {
  let amountMinor: number;
  try {
    amountMinor = parseAmount(text, currency).amountMinor;
  } catch (error) {
    if (!(error instanceof InvalidMoney)) throw error;
    throw new ValidationError([{ field, message: error.message }]);
  }
  if (amountMinor <= 0) throw new ValidationError([{ field, message: 'must be more than zero' }]);
  return amountMinor;
}

/** The amount as an exact decimal string: 1234 EUR is "12.34", 5 KWD is "0.005". */
export function decimalText(amount: Money): string {
  const exponent = minorUnitExponent(amount.currency);
  const negative = amount.amountMinor < 0;
  const digits = String(Math.abs(amount.amountMinor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent);
  return `${negative ? '-' : ''}${whole}${exponent > 0 ? `.${fraction}` : ''}`;
}

/** The amount as a reader of `locale` expects it: "1.234,56 €" (de), "₩1,234" (ko). */
export function formatMoney(amount: Money, locale: string): string {
  const exponent = minorUnitExponent(amount.currency);
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: amount.currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  });
  // Intl formats a decimal string exactly (no float on the way); the types lag behind.
  return format.format(decimalText(amount) as unknown as number);
}
