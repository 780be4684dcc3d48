import { DateTime } from 'luxon';
import {
  billedEachPeriod,
  type PricedLine,
  priceLine,
  type QuoteLineInput,
  type TaxByRate,
  type Totals,
  taxByRate,
  totalsOf,
} from '../../quotes/rules/quote';
import type { Locale } from '../../shared/locales';
import type { BusinessRules } from '../../staff/settings/business-rules';

/**
 * Invoices as the billing plan and payment terms of a contract make them. Pure: dates are
 * business dates (`YYYY-MM-DD`) in the company's time zone, and "now" is an argument.
 *
 * Recurring lines are priced per billing period (a monthly line's unit price is one month's fee);
 * a one-off line (a setup fee) is billed once, on the first invoice (`billingForPeriod`).
 * Periods run from the contract's start date (15 March → 14 April for monthly), cut at its end.
 *  - prepaid: the invoice is issued before its period starts (at once, for the first one) and is
 *    due on the period's first day, or on the issue date if that is later;
 *  - net N days: a one-off is issued at once; a recurring period is invoiced at its end (in
 *    arrears); due = issue date + N.
 */

export const billingPlans = ['one-off', 'monthly', 'quarterly', 'annual'] as const;
export type BillingPlan = (typeof billingPlans)[number];

export type PaymentTerms = { kind: 'prepaid' } | { kind: 'net'; days: number };

/** Numbered series: invoices and credit notes each have their own gap-free sequence. */
export const invoiceSeries = ['INV', 'CN'] as const;
export type InvoiceSeries = (typeof invoiceSeries)[number];

export interface BillingPeriod {
  start: string;
  end: string;
}

export interface InvoiceParty {
  name: string;
  addressLines: string[];
  email?: string;
  taxId?: string;
}

/** What a contract tells billing. */
export interface ContractBilling {
  contractId: string;
  accountId: string;
  customer: InvoiceParty;
  language: Locale;
  currency: string;
  lines: QuoteLineInput[];
  /** The quote's discount over all lines, compounded with each line's own (as quoted). */
  overallDiscountPercent?: string;
  billingPlan: BillingPlan;
  paymentTerms: PaymentTerms;
  /** First and last day of service, inclusive. */
  startDate: string;
  endDate: string;
}

/** An invoice before it gets its number: what `issueInvoice` stores. */
export interface InvoiceDraft {
  series: InvoiceSeries;
  accountId: string;
  contractId: string;
  customer: InvoiceParty;
  language: Locale;
  currency: string;
  lines: PricedLine[];
  totals: Totals;
  taxByRate: TaxByRate[];
  paymentTerms: PaymentTerms;
  period?: BillingPeriod;
  /** A credit note's invoice and the mistake it corrects (notes issued before it name them in a line). */
  credits?: { invoiceNumber: string; reason: string };
}

/** An issued invoice: numbered, dated, never edited again (mistakes get a credit note). */
export interface Invoice extends InvoiceDraft {
  /** `INV-2026-000001`; also the invoice's id. */
  number: string;
  year: number;
  sequence: number;
  issuedAt: string;
  issueDate: string;
  dueDate: string;
}

export interface FirstInvoicePlan {
  /** The business date the first invoice is to be issued (today, or its period's end). */
  issueOn: string;
  draft: InvoiceDraft;
}

const monthsPer: Record<Exclude<BillingPlan, 'one-off'>, number> = {
  monthly: 1,
  quarterly: 3,
  annual: 12,
};

function day(date: string): DateTime {
  const parsed = DateTime.fromISO(date, { zone: 'UTC' });
  if (!parsed.isValid || !/^\d{4}-\d\d-\d\d$/.test(date)) {
    throw new RangeError(`${date} is not a date (YYYY-MM-DD)`);
  }
  return parsed;
}

const iso = (d: DateTime) => d.toISODate() ?? '';

/** The business date of an instant in the company's zone. */
export function businessDate(at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) throw new RangeError(`${zone} is not a time zone`);
  return iso(local);
}

/**
 * The nth billing period (0 = the first) of a contract; undefined past its end. A period never
 * overshoots the contract: the last one is cut at the end date.
 */
export function billingPeriod(
  plan: BillingPlan,
  startDate: string,
  endDate: string,
  index: number,
): BillingPeriod | undefined {
  const start = day(startDate);
  const end = day(endDate);
  if (end < start) throw new RangeError(`The contract ends (${endDate}) before it starts`);
  if (plan === 'one-off') return index === 0 ? { start: startDate, end: endDate } : undefined;
  // Counted from the start each time, so 31 January + 1 month is 28/29 February, + 2 is 31 March.
  const from = start.plus({ months: monthsPer[plan] * index });
  if (from > end) return undefined;
  const to = start.plus({ months: monthsPer[plan] * (index + 1) }).minus({ days: 1 });
  return { start: iso(from), end: iso(to < end ? to : end) };
}

export function dueDate(issueDate: string, terms: PaymentTerms, period?: BillingPeriod): string {
  if (terms.kind === 'net') return iso(day(issueDate).plus({ days: terms.days }));
  // Prepaid: paid before the service starts, but never due before it was issued.
  if (period && period.start > issueDate) return period.start;
  return issueDate;
}

/** Net N from the contract, or the desk's default net days when the contract names none. */
export function paymentTermsOrDefault(
  terms: PaymentTerms | undefined,
  rules: BusinessRules['invoices'],
): PaymentTerms {
  return terms ?? { kind: 'net', days: rules.defaultPaymentTermsDays };
}

/** The first invoice of a freshly signed contract, and the day it is to be issued. */
export function firstInvoice(
  contract: ContractBilling,
  asOf: Date,
  zone: string,
): FirstInvoicePlan {
  const today = businessDate(asOf, zone);
  const period = billingPeriod(contract.billingPlan, contract.startDate, contract.endDate, 0);
  const inArrears = contract.paymentTerms.kind === 'net' && contract.billingPlan !== 'one-off';
  const issueOn = inArrears && period && period.end > today ? period.end : today;
  return { issueOn, draft: invoiceDraft(contract, period) };
}

/**
 * What one period of a contract bills. The contract's first invoice bills every line: the one-off
 * lines (a setup fee) once, together with the first period. Every later period, and every renewed
 * term, bills only the lines billed each period.
 */
export function billingForPeriod(
  contract: ContractBilling,
  firstOfContract: boolean,
): ContractBilling {
  if (firstOfContract || contract.billingPlan === 'one-off') return contract;
  return { ...contract, lines: contract.lines.filter(billedEachPeriod) };
}

/** The draft of the invoice for one period of a contract (or its one-off charge). */
export function invoiceDraft(
  contract: ContractBilling,
  period: BillingPeriod | undefined,
  series: InvoiceSeries = 'INV',
): InvoiceDraft {
  const lines = contract.lines.map((l) =>
    priceLine(l, contract.currency, contract.overallDiscountPercent ?? 0),
  );
  return {
    series,
    accountId: contract.accountId,
    contractId: contract.contractId,
    customer: contract.customer,
    language: contract.language,
    currency: contract.currency,
    lines,
    totals: totalsOf(lines, contract.currency),
    taxByRate: taxByRate(lines, contract.currency),
    paymentTerms: contract.paymentTerms,
    ...(period ? { period } : {}),
  };
}

/** `INV-2026-000001`: the series, the year and six digits of the sequence. */
export function formatInvoiceNumber(series: InvoiceSeries, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError(`Sequence ${sequence} does not fit the six digits of a number`);
  }
  return `${series}-${year}-${String(sequence).padStart(6, '0')}`;
}
