import { z } from 'zod';
import { billedEachPeriod } from '../quotes/rules/quote';
import { InvalidPayload } from '../shared/errors';
import { locales } from '../shared/locales';
import { emailAddressField } from '../shared/rules/email-address';
import { billingPlans, type ContractBilling } from './rules/invoice';

/**
 * The `{billing}` payload of `issue-first-invoice`, as the contract workflow sends it. Checked
 * whole before anything is written; a problem names its field (`billing.lines.0.unitPriceMinor`).
 */

const date = z.string().regex(/^\d{4}-\d\d-\d\d$/, { error: 'must be a date (YYYY-MM-DD)' });
const decimal = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d+)?$/, { error: 'must be a decimal number' }),
]);

const billingSchema = z
  .object({
    contractId: z.string().min(1).max(100),
    accountId: z.string().min(1).max(100),
    customer: z.object({
      name: z.string().trim().min(1).max(300),
      addressLines: z.array(z.string().max(300)).max(10),
      // The desk's one address rule, as the quote that carried it was checked with.
      email: emailAddressField({ 'invalid-email': 'is not an address the desk can email' }),
      taxId: z.string().max(50).optional(),
    }),
    language: z.enum(locales),
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 code such as EUR' }),
    lines: z
      .array(
        z.object({
          service: z.string().trim().min(1).max(300),
          quantity: decimal,
          unitPriceMinor: z.number().int().nonnegative(),
          discountPercent: decimal,
          taxRatePercent: decimal,
          oneOff: z.boolean().optional(),
        }),
      )
      .min(1)
      .max(100),
    overallDiscountPercent: z
      .string()
      .regex(/^\d+(\.\d+)?$/, { error: 'must be a decimal number' })
      .optional(),
    billingPlan: z.enum(billingPlans),
    paymentTerms: z.union([
      z.object({ kind: z.literal('prepaid') }),
      z.object({ kind: z.literal('net'), days: z.number().int().min(0).max(365) }),
    ]),
    startDate: date,
    endDate: date,
  })
  // A field billing does not know is refused, not dropped: dropping it could change a total.
  .strict()
  .refine((b) => b.endDate >= b.startDate, {
    error: 'the contract must not end before it starts',
    path: ['endDate'],
  })
  // Every period after the first bills the recurring lines: a recurring plan needs one.
  .refine((b) => b.billingPlan === 'one-off' || b.lines.some(billedEachPeriod), {
    error: 'a recurring plan needs at least one line billed every period',
    path: ['lines'],
  });

const payloadSchema = z.object({ billing: billingSchema });

export function parseBillingPayload(payload: unknown): ContractBilling {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) {
    throw new InvalidPayload(
      `The payload must be {"billing": <ContractBilling>}: ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  }
  return parsed.data.billing;
}
