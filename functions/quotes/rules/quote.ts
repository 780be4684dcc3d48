import { DateTime } from 'luxon';
import { z } from 'zod';
import { ValidationError } from '../../shared/errors';
import {
  divideHalfUp,
  InvalidMoney,
  isCurrency,
  ledgerLimitText,
  type Money,
  minorUnitExponent,
  money,
  scaledDecimal,
  sum,
  tooLargeMessage,
} from '../../shared/rules/money';
import { textField } from '../../shared/rules/text-fields';
import { parseInput } from '../../shared/validation';
import type { BusinessRules } from '../../staff/settings/business-rules';

/**
 * Quotes and the line arithmetic every commercial document shares (quotes, contracts, invoices).
 *
 * Per line: gross = unit price × quantity; discount = gross × the effective discount (the line's
 * discount and the quote's overall discount compounded); net = gross − discount; tax = net × tax
 * rate. Each amount is rounded half-up to the minor unit once, on its own line (tax per line, as
 * the tax office wants); totals are sums of the rounded line amounts, so lines always add up.
 */

/** Quantities take up to 3 decimals (2.5 hours, 0.125 tonnes); percentages up to 2 (tax 3). */
const quantityScale = 3;
const discountScale = 2;
const taxScale = 3;

export interface QuoteLineInput {
  service: string;
  /** Up to 3 decimals, as a number or a decimal string. */
  quantity: number | string;
  /** Price of one unit, in minor units of the quote's currency. */
  unitPriceMinor: number;
  discountPercent: number | string;
  taxRatePercent: number | string;
  /**
   * Billed once, with the first invoice (a setup fee), rather than every period of a recurring
   * plan. Absent: every period (lines quoted before the choice existed). A one-off plan bills every
   * line once anyway.
   */
  oneOff?: boolean;
}

export interface PricedLine {
  service: string;
  quantity: string;
  unitPrice: Money;
  discountPercent: string;
  taxRatePercent: string;
  gross: Money;
  discount: Money;
  net: Money;
  tax: Money;
  total: Money;
  /** Billed once, with the first invoice; absent: every period (see `QuoteLineInput.oneOff`). */
  oneOff?: boolean;
}

export interface Totals {
  gross: Money;
  discount: Money;
  net: Money;
  tax: Money;
  total: Money;
}

/** The tax of one rate over all lines with that rate, for the summary under an invoice. */
export interface TaxByRate {
  taxRatePercent: string;
  net: Money;
  tax: Money;
}

export interface QuoteInput {
  currency: string;
  lines: QuoteLineInput[];
  /** A discount over the whole quote, compounded with each line's own. */
  overallDiscountPercent?: number | string;
  /** Net days; the desk's default when absent. */
  paymentTermsDays?: number;
  /** Days the quote may be accepted; the desk's default when absent. */
  validityDays?: number;
}

export interface Quote {
  currency: string;
  lines: PricedLine[];
  overallDiscountPercent: string;
  totals: Totals;
  taxByRate: TaxByRate[];
  paymentTermsDays: number;
  /** The company's business date it was priced on, and the last one it may be accepted on. */
  issuedOn: string;
  validUntil: string;
  /** The first instant it can no longer be accepted: midnight after `validUntil`, company zone. */
  expiresAt: string;
  needsSupervisorApproval: boolean;
  /** Why it needs approval, for the supervisor's email. */
  approvalReasons: ApprovalReason[];
}

export type ApprovalReason =
  | { kind: 'line-discount'; line: number; discountPercent: string }
  | { kind: 'overall-discount'; discountPercent: string }
  | { kind: 'payment-terms'; days: number };

/** An expired quote cannot be accepted. */
export class QuoteExpired extends Error {
  override name = 'QuoteExpired';
}

const decimal = (scale: number, min: number, max: number, what: string) =>
  z.union([z.number(), z.string()], { error: `${what} is required, as a number` }).refine(
    (v) => {
      try {
        const s = scaledDecimal(v, scale);
        return s >= BigInt(min) * 10n ** BigInt(scale) && s <= BigInt(max) * 10n ** BigInt(scale);
      } catch {
        return false;
      }
    },
    { error: `${what} must be between ${min} and ${max}, with at most ${scale} decimals` },
  );

const lineSchema = z.object({
  service: textField({
    max: 200,
    messages: {
      required: 'the service is required',
      'not-text': 'the service is required',
      'too-long': 'use at most 200 characters',
      'control-characters': 'remove the control characters',
    },
  }),
  quantity: decimal(quantityScale, 0, 1_000_000, 'the quantity').refine(
    (v) => scaledDecimal(v, quantityScale) > 0n,
    { error: 'the quantity must be more than 0' },
  ),
  unitPriceMinor: z
    .number({ error: 'the unit price is required, in minor units' })
    .int({ error: 'the unit price is a whole number of minor units' })
    .min(0, { error: 'the unit price cannot be negative' })
    .max(1e12, { error: 'the unit price is too large' }),
  discountPercent: decimal(discountScale, 0, 100, 'the discount').default(0),
  taxRatePercent: decimal(taxScale, 0, 100, 'the tax rate'),
  oneOff: z
    .boolean({ error: 'say true for a line billed once, false for every period' })
    .optional(),
});

const quoteSchema = z.object({
  currency: z.string({ error: 'the currency is required' }).refine(isCurrency, {
    error: 'use an ISO 4217 currency code, for example EUR',
  }),
  lines: z.array(lineSchema).min(1, { error: 'a quote needs at least one line' }).max(200),
  overallDiscountPercent: decimal(discountScale, 0, 100, 'the overall discount').default(0),
  paymentTermsDays: z.number().int().min(0).max(365).optional(),
  validityDays: z.number().int().min(1).max(365).optional(),
});

/** Checks a quote as staff enter it; throws a ValidationError naming each wrong field. */
export function parseQuoteInput(input: unknown): QuoteInput {
  const parsed = parseInput(quoteSchema.strict(), input);
  const tooLarge = amountsTooLarge(parsed);
  if (tooLarge) throw new ValidationError([tooLarge]);
  return parsed;
}

/**
 * Each line (quantity × unit price, its tax, its total) and the quote's total must fit the
 * ledger: the invoices are priced the same way, so a quote that fits never fails its billing.
 */
function amountsTooLarge(input: QuoteInput): { field: string; message: string } | undefined {
  const lines: PricedLine[] = [];
  for (const [i, line] of input.lines.entries()) {
    try {
      lines.push(priceLine(line, input.currency, input.overallDiscountPercent ?? 0));
    } catch (error) {
      if (!(error instanceof InvalidMoney)) throw error;
      return {
        field: `lines.${i}.unitPriceMinor`,
        message: `the unit price times the quantity, with tax, ${tooLargeMessage(input.currency)}`,
      };
    }
  }
  try {
    totalsOf(lines, input.currency);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidMoney)) throw error;
    return {
      field: `lines.${input.lines.length - 1}.unitPriceMinor`,
      message: `the lines add up to more than the ledger holds (${ledgerLimitText(input.currency)})`,
    };
  }
}

const canonical = (value: number | string, scale: number): string => {
  const s = scaledDecimal(value, scale);
  const negative = s < 0n;
  const digits = (negative ? -s : s).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
};

/** One line's amounts; `overallDiscountPercent` compounds with the line's own discount. */
export function priceLine(
  line: QuoteLineInput,
  currency: string,
  overallDiscountPercent: number | string = 0,
): PricedLine {
  minorUnitExponent(currency);
  const unitPrice = money(line.unitPriceMinor, currency);
  const gross = divideHalfUp(
    BigInt(line.unitPriceMinor) * scaledDecimal(line.quantity, quantityScale),
    10n ** BigInt(quantityScale),
  );
  // Effective discount 1 − (1 − d_line)(1 − d_quote), exact over the common denominator.
  const whole = 100n * 10n ** BigInt(discountScale);
  const keep =
    (whole - scaledDecimal(line.discountPercent, discountScale)) *
    (whole - scaledDecimal(overallDiscountPercent, discountScale));
  const discount = divideHalfUp(gross * (whole * whole - keep), whole * whole);
  const net = gross - discount;
  const tax = divideHalfUp(
    net * scaledDecimal(line.taxRatePercent, taxScale),
    100n * 10n ** BigInt(taxScale),
  );
  const m = (v: bigint) => money(Number(v), currency);
  return {
    service: line.service,
    quantity: canonical(line.quantity, quantityScale),
    unitPrice,
    discountPercent: canonical(line.discountPercent, discountScale),
    taxRatePercent: canonical(line.taxRatePercent, taxScale),
    gross: m(gross),
    discount: m(discount),
    net: m(net),
    tax: m(tax),
    total: m(net + tax),
    ...(line.oneOff ? { oneOff: true } : {}),
  };
}

/** A line billed every period of a recurring plan (not a one-off line such as a setup fee). */
export const billedEachPeriod = (line: { oneOff?: boolean }): boolean => line.oneOff !== true;

/**
 * What every invoice after the first comes to, when a recurring plan has one-off lines (the first
 * invoice bills them once, with the first period); undefined when every line recurs.
 */
export function recurringTotals(
  lines: readonly PricedLine[],
  currency: string,
): Totals | undefined {
  const recurring = lines.filter(billedEachPeriod);
  return recurring.length === lines.length ? undefined : totalsOf(recurring, currency);
}

export function totalsOf(lines: readonly PricedLine[], currency: string): Totals {
  const total = (pick: (l: PricedLine) => Money) => sum(lines.map(pick), currency);
  return {
    gross: total((l) => l.gross),
    discount: total((l) => l.discount),
    net: total((l) => l.net),
    tax: total((l) => l.tax),
    total: total((l) => l.total),
  };
}

/** Net and tax per tax rate, lowest rate first. */
export function taxByRate(lines: readonly PricedLine[], currency: string): TaxByRate[] {
  const rates = [...new Set(lines.map((l) => l.taxRatePercent))].sort(
    (a, b) => Number(scaledDecimal(a, taxScale) - scaledDecimal(b, taxScale)) || 0,
  );
  return rates.map((rate) => {
    const same = lines.filter((l) => l.taxRatePercent === rate);
    return {
      taxRatePercent: rate,
      net: sum(
        same.map((l) => l.net),
        currency,
      ),
      tax: sum(
        same.map((l) => l.tax),
        currency,
      ),
    };
  });
}

/** Why a quote with these terms must wait for a supervisor (none: it may be sent at once). */
export function approvalReasons(
  input: Pick<QuoteInput, 'lines' | 'overallDiscountPercent'>,
  paymentTermsDays: number,
  rules: BusinessRules['quotes'],
): ApprovalReason[] {
  const limit = scaledDecimal(rules.discountApprovalAbovePercent, discountScale);
  const overall = input.overallDiscountPercent ?? 0;
  const whole = 100n * 10n ** BigInt(discountScale);
  const reasons: ApprovalReason[] = [];
  input.lines.forEach((line, index) => {
    // The line's discount as the customer gets it: compounded with the overall one.
    const keep =
      (whole - scaledDecimal(line.discountPercent, discountScale)) *
      (whole - scaledDecimal(overall, discountScale));
    if (whole * whole - keep > limit * whole) {
      reasons.push({
        kind: 'line-discount',
        line: index + 1,
        discountPercent: canonical(line.discountPercent, discountScale),
      });
    }
  });
  if (scaledDecimal(overall, discountScale) > limit) {
    reasons.push({ kind: 'overall-discount', discountPercent: canonical(overall, discountScale) });
  }
  if (paymentTermsDays > rules.paymentTermsApprovalAboveDays) {
    reasons.push({ kind: 'payment-terms', days: paymentTermsDays });
  }
  return reasons;
}

/**
 * A priced quote. `asOf` is when it is drawn up; `zone` the company's time zone, whose calendar
 * days count for validity: valid 30 days from 10 March means it may be accepted until the end of 9 April.
 */
export function priceQuote(
  input: QuoteInput,
  rules: BusinessRules,
  asOf: Date,
  zone: string,
): Quote {
  const checked = parseQuoteInput(input);
  const paymentTermsDays = checked.paymentTermsDays ?? rules.invoices.defaultPaymentTermsDays;
  const validityDays = checked.validityDays ?? rules.quotes.validityDays;
  const overall = checked.overallDiscountPercent ?? 0;
  const lines = checked.lines.map((l) => priceLine(l, checked.currency, overall));
  const issued = DateTime.fromJSDate(asOf, { zone }).startOf('day');
  if (!issued.isValid) throw new RangeError(`${zone} is not a time zone`);
  const lastDay = issued.plus({ days: validityDays });
  const reasons = approvalReasons(checked, paymentTermsDays, rules.quotes);
  return {
    currency: checked.currency,
    lines,
    overallDiscountPercent: canonical(overall, discountScale),
    totals: totalsOf(lines, checked.currency),
    taxByRate: taxByRate(lines, checked.currency),
    paymentTermsDays,
    issuedOn: issued.toISODate() ?? '',
    validUntil: lastDay.toISODate() ?? '',
    expiresAt: lastDay.plus({ days: 1 }).toUTC().toISO() ?? '',
    needsSupervisorApproval: reasons.length > 0,
    approvalReasons: reasons,
  };
}

/** Throws QuoteExpired when the customer answers after the quote's last valid day. */
export function canAccept(quote: Pick<Quote, 'expiresAt' | 'validUntil'>, asOf: Date): true {
  if (asOf.getTime() >= Date.parse(quote.expiresAt)) {
    throw new QuoteExpired(`The quote was valid until ${quote.validUntil}`);
  }
  return true;
}
