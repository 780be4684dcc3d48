import { createHash } from 'node:crypto';
import { z } from 'zod';
import { priceLine, type QuoteLineInput } from '../../quotes/rules/quote';
import { parseBusinessDate } from '../../shared/rules/job-dates';
import {
  InvalidMoney,
  isCurrency,
  ledgerLimitText,
  type Money,
  parseAmount,
  sum,
  tooLargeMessage,
} from '../../shared/rules/money';
import { textField } from '../../shared/rules/text-fields';
import { plainError } from '../../shared/validation';

/**
 * Usage and miscellaneous charges of an account (DOMAIN.md section 4): recorded as they happen,
 * by staff or from a file, and invoiced by the billing run on the 13th of the next month, one
 * invoice per account, month and currency. Pure: parsing, the invoice line of a charge, the
 * request key of a month's invoice.
 */

export const chargeKinds = ['usage', 'misc'] as const;
export type ChargeKind = (typeof chargeKinds)[number];

/** A charge as staff give it: every field a string (form, CSV) or a number (JSON). */
export interface ChargeInput {
  accountId: string;
  date: string;
  description: string;
  /** Up to 3 decimals. */
  quantity: string;
  unitPriceMinor: number;
  /** Up to 3 decimals. */
  taxRatePercent: string;
  currency: string;
  kind: ChargeKind;
  /** The business's own reference (meter reading, job sheet): one charge per account and reference. */
  reference: string;
}

export interface Charge extends ChargeInput {
  chargeId: string;
  recordedAt: string;
  recordedBy: { staffId: string; name: string; via: 'back-office' | 'import' | 'api' };
  /** Set when invoiced: the request that billed it and the invoice's number. */
  billedRequest?: string;
  invoiceNumber?: string;
  /** Set when voided before it was billed: it is never billed. */
  voided?: { at: string; by: { staffId: string; name: string }; reason: string };
}

/** The month of a charge (`yyyy-mm`): the month whose invoice it goes on. */
export const chargeMonth = (date: string) => date.slice(0, 7);

const isDate = (d: string) => {
  try {
    parseBusinessDate(d);
    return true;
  } catch {
    return false;
  }
};
const decimal = (max: number, scale: number) =>
  z
    .union([z.string(), z.number()])
    .transform((v) => String(v).trim())
    .refine((v) => new RegExp(`^\\d+(\\.\\d{1,${scale}})?$`).test(v), {
      error: `is not a number with at most ${scale} decimals (use a point: 2.5)`,
    })
    .refine((v) => Number(v) <= max, { error: `is more than ${max}` });

const chargeSchema = z
  .object({
    accountId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,64}$/, 'is not an account id'),
    date: z.string().trim().refine(isDate, 'is not a date (YYYY-MM-DD)'),
    description: textField({
      max: 200,
      messages: {
        required: 'is required: what was supplied',
        'not-text': 'is required: what was supplied',
        'too-long': 'is at most 200 characters',
        'control-characters': 'has control characters: remove them',
      },
    }),
    quantity: decimal(1_000_000, 3).refine((v) => Number(v) > 0, { error: 'must be above 0' }),
    unitPrice: z.union([z.string().trim(), z.number()]),
    taxRatePercent: decimal(100, 3),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrency, 'is not an ISO 4217 currency code (EUR)'),
    kind: z.enum(chargeKinds, { error: `is not one of ${chargeKinds.join(', ')}` }),
    reference: z
      .string()
      .trim()
      .min(1, 'is required: your reference for this charge (meter reading, job sheet)')
      .max(100, 'is at most 100 characters'),
  })
  .strict();

export interface ChargeProblem {
  field: string;
  message: string;
}

/**
 * A charge from what staff typed (`unitPrice` a decimal as written, "12.50" or "12,50"), or the
 * problems, one per field, each naming it. A charge whose line (quantity × unit price, its tax,
 * its total) would not fit the ledger is refused here, never by the billing run later. Nothing is
 * recorded from a charge with a problem.
 */
export function parseCharge(
  input: unknown,
): { charge: ChargeInput } | { problems: ChargeProblem[] } {
  const parsed = chargeSchema.safeParse(input, { error: plainError });
  const given = (input ?? {}) as Record<string, unknown>;
  const problems: ChargeProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const field = i.path.join('.') || '(body)';
        const blank = i.path.length === 1 && [undefined, ''].includes(given[field] as string);
        return { field, message: blank ? 'is required' : i.message };
      });
  const currency = String(given.currency ?? '')
    .trim()
    .toUpperCase();
  let unitPriceMinor: number | undefined;
  if (isCurrency(currency) || given.unitPrice === undefined || given.unitPrice === '') {
    try {
      const price = parseAmount(String(given.unitPrice ?? ''), currency);
      if (price.amountMinor < 0) throw new InvalidMoney('cannot be negative');
      unitPriceMinor = price.amountMinor;
    } catch (error) {
      if (!(error instanceof InvalidMoney)) throw error;
      problems.push({ field: 'unitPrice', message: error.message });
    }
  }
  if (!parsed.success || unitPriceMinor === undefined) {
    return { problems: firstPerField(problems) };
  }
  const { unitPrice: _written, ...rest } = parsed.data;
  const charge: ChargeInput = { ...rest, unitPriceMinor };
  const tooLarge = lineTooLarge(charge);
  if (tooLarge) return { problems: [{ field: 'unitPrice', message: tooLarge }] };
  return { charge };
}

/** One problem per field, the first found: a blank field is "required", not that twice over. */
function firstPerField(problems: ChargeProblem[]): ChargeProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}

/** Why the charge's invoice line would not fit the ledger, if it would not. */
function lineTooLarge(charge: ChargeInput): string | undefined {
  try {
    chargeLineTotal(charge);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidMoney)) throw error;
    return `times the quantity, with tax, ${tooLargeMessage(charge.currency)}`;
  }
}

/** What the charge adds to its month's invoice, tax included (as the invoice prices its line). */
export function chargeLineTotal(charge: ChargeInput): Money {
  return priceLine(chargeLine(charge), charge.currency).total;
}

/**
 * The problem with charges of one account, month and currency, when their invoice's total (tax
 * included) would not fit the ledger: the month's invoice is refused at entry, not in the run.
 */
export function monthTotalProblem(
  charges: readonly ChargeInput[],
  currency: string,
): string | undefined {
  try {
    sum(charges.map(chargeLineTotal), currency);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidMoney)) throw error;
    return `with the account's other charges of the month, the invoice would come to more than the ledger holds (${ledgerLimitText(currency)}): bill part of it by hand`;
  }
}

/** The invoice line of a charge: dated and referenced, so the customer can match it. */
export function chargeLine(charge: ChargeInput): QuoteLineInput {
  return {
    service: `${charge.date} ${charge.description} (${charge.reference})`,
    quantity: charge.quantity,
    unitPriceMinor: charge.unitPriceMinor,
    discountPercent: 0,
    taxRatePercent: charge.taxRatePercent,
  };
}

/**
 * The request key of the invoice for a month's charges of an account in one currency. The ids of
 * the charges it bills are part of it: a retry with the same charges finds the same invoice, and
 * a charge recorded late for a month already billed gets an invoice of its own.
 */
export function chargesRequestKey(
  accountId: string,
  month: string,
  currency: string,
  chargeIds: readonly string[],
): string {
  const digest = createHash('sha256')
    .update([...chargeIds].sort().join('\u0000'))
    .digest('hex')
    .slice(0, 16);
  return `charges#${accountId}#${month}#${currency}#${digest}`;
}

/** What a charge's content is, to tell a repeat of the same reference from a different charge. */
export function chargeFingerprint(charge: ChargeInput): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        charge.accountId,
        charge.date,
        charge.description,
        charge.quantity,
        charge.unitPriceMinor,
        charge.taxRatePercent,
        charge.currency,
        charge.kind,
        charge.reference,
      ]),
    )
    .digest('hex');
}
