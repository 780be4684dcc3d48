import { DateTime } from 'luxon';
import { type ServiceKind, serviceKinds } from '../contracts/rules/contract';
import { type BillingPlan, billingPlans } from '../invoicing/rules/invoice';
import { type FieldProblem, ValidationError } from '../shared/errors';
import { isLocale } from '../shared/locales';
import { isCountryCode } from '../shared/rules/countries';
import { readEmailAddress } from '../shared/rules/email-address';
import { isCurrency, parseAmount } from '../shared/rules/money';
import { readText, type TextProblem, textField } from '../shared/rules/text-fields';
import { parseQuoteInput, type QuoteInput, type QuoteLineInput } from './rules/quote';
import type { QuoteCustomer } from './store/quotes';

/**
 * The back office's "New quote" form, read into what a quote is made of. Every problem names the
 * form field it is about (`quantity2`, `legalName`), so the form can show it next to the field.
 * Lines are numbered from 1; a line left wholly blank is skipped.
 */

export const quoteFormLines = 5;
export const lineFields = ['service', 'quantity', 'unitPrice', 'discount', 'taxRate'] as const;
/** Per line: `recurring` (every period of the plan) or `one-off` (once, on the first invoice). */
export const lineBillingField = 'billing';

export interface QuoteTerms {
  input: QuoteInput;
  customer: QuoteCustomer;
  service: { name: string; needsOperatingPermit: boolean };
  billingPlan: BillingPlan;
  prepaid: boolean;
  startDate: string;
  termMonths: number;
  renewal: 'manual' | 'auto';
  /** What is sold: decides the contract's renewal reminders. */
  serviceKind: ServiceKind;
}

/** What each text problem says on the form, for the field labelled `label`. */
const textMessages = (label: string, max: number): Record<TextProblem, string> => ({
  required: `Enter the ${label}`,
  'not-text': `Enter the ${label}`,
  'too-long': `Use at most ${max} characters`,
  'control-characters': 'Remove the control characters',
  'invisible-characters': 'Remove the invisible characters',
});

/** Reads the form; throws a ValidationError naming every bad field. */
export function readQuoteForm(fields: Record<string, string | undefined>): QuoteTerms {
  const problems: FieldProblem[] = [];
  const value = (name: string) => (fields[name] ?? '').trim();
  /** A name or one line of text (`text-fields.ts`): invisible characters removed. */
  const text = (name: string, label: string, max: number, required: boolean, multiline = false) => {
    const read = readText(textField({ max, required, multiline }), fields[name]);
    if (read.ok) return read.value;
    problems.push({ field: name, message: textMessages(label, max)[read.problem] });
    return '';
  };
  const whole = (name: string, label: string, min: number, max: number, fallback?: number) => {
    const v = value(name);
    if (v === '' && fallback !== undefined) return fallback;
    if (!/^\d{1,4}$/.test(v) || Number(v) < min || Number(v) > max) {
      problems.push({
        field: name,
        message: `Enter the ${label}: a whole number, ${min} to ${max}`,
      });
      return min;
    }
    return Number(v);
  };

  const currency = value('currency').toUpperCase();
  if (!isCurrency(currency)) {
    problems.push({ field: 'currency', message: 'Enter an ISO 4217 currency code, e.g. EUR' });
  }
  const lines: QuoteLineInput[] = [];
  const lineNumbers: number[] = [];
  for (let n = 1; n <= quoteFormLines; n++) {
    const raw = Object.fromEntries(lineFields.map((f) => [f, value(`${f}${n}`)]));
    if (lineFields.every((f) => raw[f] === '')) continue;
    let unitPriceMinor = 0;
    if (raw.unitPrice === '') {
      problems.push({ field: `unitPrice${n}`, message: 'Enter the unit price' });
    } else if (isCurrency(currency)) {
      try {
        unitPriceMinor = parseAmount(raw.unitPrice ?? '', currency).amountMinor;
        if (unitPriceMinor < 0) {
          problems.push({ field: `unitPrice${n}`, message: 'The unit price cannot be negative' });
        }
      } catch (error) {
        problems.push({ field: `unitPrice${n}`, message: (error as Error).message });
      }
    }
    lines.push({
      service: raw.service ?? '',
      quantity: raw.quantity ?? '',
      unitPriceMinor,
      discountPercent: raw.discount === '' ? 0 : (raw.discount ?? 0),
      taxRatePercent: raw.taxRate ?? '',
      ...(value(`${lineBillingField}${n}`) === 'one-off' ? { oneOff: true } : {}),
    });
    lineNumbers.push(n);
  }
  if (lines.length === 0) {
    problems.push({ field: 'service1', message: 'A quote needs at least one line' });
  }

  const prepaid = value('paymentTerms') === 'prepaid';
  if (!['prepaid', 'net'].includes(value('paymentTerms'))) {
    problems.push({ field: 'paymentTerms', message: 'Choose prepaid or net days' });
  }
  const paymentTermsDays = prepaid ? 0 : whole('paymentTermsDays', 'payment terms', 0, 365);
  const validityDays = whole('validityDays', 'validity in days', 1, 365, 30);
  const overall = value('overallDiscount');

  const billingPlan = value('billingPlan') as BillingPlan;
  if (!billingPlans.includes(billingPlan)) {
    problems.push({ field: 'billingPlan', message: 'Choose a billing plan' });
  }
  if (billingPlan === 'one-off') {
    // A one-off plan bills every line once: there is nothing to tell apart.
    for (const line of lines) delete line.oneOff;
  } else if (
    billingPlans.includes(billingPlan) &&
    lines.length > 0 &&
    lines.every((l) => l.oneOff)
  ) {
    problems.push({
      field: `${lineBillingField}${lineNumbers[0] ?? 1}`,
      message: `A ${billingPlan} plan needs at least one line billed every period`,
    });
  }
  const startDate = value('startDate');
  if (!/^\d{4}-\d\d-\d\d$/.test(startDate) || !DateTime.fromISO(startDate).isValid) {
    problems.push({ field: 'startDate', message: 'Enter the start date as YYYY-MM-DD' });
  }
  const termMonths = whole('termMonths', 'term in months', 1, 120);
  const renewal = value('renewal');
  if (renewal !== 'manual' && renewal !== 'auto') {
    problems.push({ field: 'renewal', message: 'Choose manual or automatic renewal' });
  }
  const serviceKind = value('serviceKind') as ServiceKind;
  if (!serviceKinds.includes(serviceKind)) {
    problems.push({
      field: 'serviceKind',
      message: 'Choose the kind of service: membership, network service, advertising or placement',
    });
  }
  const permit = value('needsOperatingPermit');
  if (permit !== 'yes' && permit !== 'no') {
    problems.push({ field: 'needsOperatingPermit', message: 'Say whether a permit is needed' });
  }
  const serviceName = text('serviceName', 'service', 200, true);

  const legalName = text('legalName', "customer's legal name", 200, true);
  const contactName = text('contactName', 'contact name', 200, true);
  // The desk's one address rule: what is accepted here, the mailer sends to.
  const emailReading = readEmailAddress(fields.email ?? '');
  const email = emailReading.ok ? emailReading.address : '';
  if (!emailReading.ok) {
    problems.push({ field: 'email', message: 'Enter one email address, e.g. name@example.com' });
  }
  const phone = text('phone', 'phone', 30, false);
  const addressLines = text('address', 'postal address', 6 * 201, true, true)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (addressLines.length > 6 || addressLines.some((l) => l.length > 200)) {
    problems.push({ field: 'address', message: 'Use at most 6 lines of 200 characters' });
  }
  const taxId = text('taxId', 'tax id', 40, false);
  const country = value('country').toUpperCase();
  if (!isCountryCode(country)) {
    problems.push({ field: 'country', message: 'Choose a country' });
  }
  const language = value('language');
  if (!isLocale(language)) problems.push({ field: 'language', message: 'Choose a language' });

  let input: QuoteInput = {
    currency,
    lines,
    overallDiscountPercent: overall === '' ? 0 : overall,
    paymentTermsDays,
    validityDays,
  };
  if (lines.length > 0 && isCurrency(currency)) {
    try {
      // The checked input: line names cleaned as every name is (`text-fields.ts`).
      input = parseQuoteInput(input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      for (const p of error.problems) problems.push(formProblem(p, lineNumbers));
    }
  }
  if (problems.length > 0 || !isLocale(language)) throw new ValidationError(dedupe(problems));
  return {
    input,
    customer: {
      legalName,
      contactName,
      email,
      ...(phone ? { phone } : {}),
      addressLines,
      ...(taxId ? { taxId } : {}),
      country,
      language,
    },
    service: { name: serviceName, needsOperatingPermit: permit === 'yes' },
    billingPlan,
    prepaid,
    startDate,
    termMonths,
    renewal: renewal as 'manual' | 'auto',
    serviceKind,
  };
}

const domainFields: Record<string, string> = {
  service: 'service',
  quantity: 'quantity',
  unitPriceMinor: 'unitPrice',
  discountPercent: 'discount',
  taxRatePercent: 'taxRate',
};

/** `lines.1.quantity` (the domain's path) → `quantity3` (the form's field of that line). */
function formProblem(problem: FieldProblem, lineNumbers: readonly number[]): FieldProblem {
  const match = /^lines\.(\d+)\.(\w+)$/.exec(problem.field);
  if (match) {
    const n = lineNumbers[Number(match[1])] ?? 1;
    return { field: `${domainFields[match[2] ?? ''] ?? 'service'}${n}`, message: problem.message };
  }
  if (problem.field === 'overallDiscountPercent') return { ...problem, field: 'overallDiscount' };
  return problem;
}

/** One problem per field: the first is the one to fix first. */
function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}
