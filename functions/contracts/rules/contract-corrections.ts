import type { BillingPlan, PaymentTerms } from '../../invoicing/rules/invoice';
import type { Contract, FieldChange } from './contract';
import { contractEndDate } from './contract';

/**
 * Corrections of a returned contract: what the agent may change before resubmitting, and the
 * changes (field, before, after) the approvers read next round. Pure.
 *
 * The lines and their prices are not corrected here: they are the quote's priced lines, and
 * changing a price is a new quote, not a correction of the contract.
 */

/** The fields of a contract an agent corrects, as the edit form sends them. */
export interface ContractCorrection {
  legalName: string;
  contactName: string;
  email: string;
  /** Blank: none. */
  phone: string;
  addressLines: string[];
  /** Blank: none. */
  taxId: string;
  country: string;
  /** YYYY-MM-DD */
  startDate: string;
  termMonths: number;
  billingPlan: BillingPlan;
  paymentTerms: PaymentTerms;
  renewal: 'manual' | 'auto';
}

const termsText = (terms: PaymentTerms) =>
  terms.kind === 'prepaid' ? 'Prepaid' : `Net ${terms.days} days`;

/** Each correctable field, in the order the page shows it, read as text. */
const readers: readonly [string, (c: Contract) => string][] = [
  ['Legal name', (c) => c.customer.legalName],
  ['Contact name', (c) => c.customer.contactName],
  ['Email', (c) => c.customer.email],
  ['Phone', (c) => c.customer.phone ?? ''],
  ['Address', (c) => c.customer.addressLines.join(', ')],
  ['Tax ID', (c) => c.customer.taxId ?? ''],
  ['Country', (c) => c.customer.country],
  ['Start date', (c) => c.startDate],
  ['End date', (c) => c.endDate],
  ['Term (months)', (c) => String(c.termMonths)],
  ['Billing', (c) => c.billingPlan],
  ['Payment terms', (c) => termsText(c.paymentTerms)],
  ['Renewal', (c) => c.renewal],
];

/** The fields whose text differs between two versions of a contract, in the page's order. */
export function contractChanges(before: Contract, after: Contract): FieldChange[] {
  return readers
    .map(([field, read]) => ({ field, before: read(before), after: read(after) }))
    .filter((change) => change.before !== change.after);
}

/**
 * The round's changes after one more edit: a field keeps its value from before the first edit
 * and takes the latest; a field edited back to where it was is no change at all.
 */
export function mergeChanges(
  earlier: readonly FieldChange[],
  latest: readonly FieldChange[],
): FieldChange[] {
  const merged = readers.map(([field]) => {
    const first = earlier.find((c) => c.field === field);
    const last = latest.find((c) => c.field === field);
    if (!first) return last;
    if (!last) return first;
    return { field, before: first.before, after: last.after };
  });
  return merged.filter((c): c is FieldChange => c !== undefined && c.before !== c.after);
}

/** The contract with the correction applied; the end date follows the start and the term. */
export function correctedContract(contract: Contract, correction: ContractCorrection): Contract {
  const { phone, taxId, ...customer } = contract.customer;
  return {
    ...contract,
    customer: {
      ...customer,
      legalName: correction.legalName,
      contactName: correction.contactName,
      email: correction.email,
      ...(correction.phone ? { phone: correction.phone } : {}),
      addressLines: correction.addressLines,
      ...(correction.taxId ? { taxId: correction.taxId } : {}),
      country: correction.country,
    },
    startDate: correction.startDate,
    endDate: contractEndDate(correction.startDate, correction.termMonths),
    termMonths: correction.termMonths,
    billingPlan: correction.billingPlan,
    paymentTerms: correction.paymentTerms,
    renewal: correction.renewal,
  };
}

/** The changes the approvers of `contract`'s current round read: those made after its return. */
export function changesSinceReturned(
  contract: Pick<Contract, 'round' | 'corrections'>,
): FieldChange[] {
  const corrections = contract.corrections;
  return corrections && corrections.round === contract.round - 1 ? corrections.changes : [];
}
