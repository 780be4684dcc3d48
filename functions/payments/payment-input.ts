import { z } from 'zod';
import { type FieldProblem, ValidationError } from '../shared/errors';
import { parseBusinessDate } from '../shared/rules/job-dates';
import { amountField, isCurrency } from '../shared/rules/money';
import { plainError } from '../shared/validation';
import type { PaymentRequest } from './payment-model';
import { paymentMethods } from './rules/bank-statement';

/**
 * A payment as staff give it, through `POST /payments` (JSON) or the back-office form (all
 * strings): `accountId`, `amount` (a decimal as written, "124.50" or "124,50"), `currency`, `date`
 * (YYYY-MM-DD), `method`, `reference` and optionally `invoiceNumber`. Every bad field is named.
 */

export const accountIdPattern = /^[A-Za-z0-9-]{1,64}$/;

const paymentSchema = z
  .object({
    accountId: z.string().trim().regex(accountIdPattern, 'is not an account id'),
    amount: z.union([z.string().trim(), z.number()], {
      error: 'is required: a decimal amount such as "124.50"',
    }),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .refine(isCurrency, 'is not an ISO 4217 currency code (EUR)'),
    date: z
      .string()
      .trim()
      .refine((d) => {
        try {
          parseBusinessDate(d);
          return true;
        } catch {
          return false;
        }
      }, 'is not a date (YYYY-MM-DD)'),
    method: z.enum(paymentMethods, { error: `is not one of ${paymentMethods.join(', ')}` }),
    reference: z
      .string()
      .trim()
      .min(1, 'is required: the bank reference, card slip or receipt number')
      .max(200, 'is at most 200 characters'),
    invoiceNumber: z
      .string()
      .trim()
      .regex(/^(INV-\d{4}-\d{6})?$/, 'is not an invoice number (INV-2026-000001)')
      .optional(),
  })
  .strict();

/** Throws a ValidationError naming each bad field; changes nothing. */
export function parsePaymentRequest(input: unknown): PaymentRequest {
  const parsed = paymentSchema.safeParse(input, { error: plainError });
  if (!parsed.success) {
    const given = (input ?? {}) as Record<string, unknown>;
    const problems: FieldProblem[] = parsed.error.issues.map((i) => {
      const field = i.path.join('.') || '(body)';
      const missing = i.path.length === 1 && given[String(i.path[0])] === undefined;
      return { field, message: missing ? 'is required' : i.message };
    });
    throw new ValidationError(problems);
  }
  const value = parsed.data;
  const amountMinor = amountField(String(value.amount), value.currency);
  return {
    accountId: value.accountId,
    amount: { amountMinor, currency: value.currency },
    date: value.date,
    method: value.method,
    reference: value.reference,
    ...(value.invoiceNumber ? { invoiceNumber: value.invoiceNumber } : {}),
  };
}
