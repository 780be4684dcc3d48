import { DateTime } from 'luxon';
import type { BillingPlan, ContractBilling, PaymentTerms } from '../../invoicing/rules/invoice';
import type { PricedLine, Quote, TaxByRate, Totals } from '../../quotes/rules/quote';
import type { Locale } from '../../shared/locales';

/**
 * Contracts as an accepted quote makes them. Pure: `asOf` and the company's zone are arguments.
 *
 * A contract copies everything from the quote it comes from (parties, lines and amounts exactly
 * as quoted, billing plan, terms), so a later change of the quote or of the price list never
 * changes what the customer signed.
 */

export const documentTypes = ['business-licence', 'operating-permit'] as const;
export type DocumentType = (typeof documentTypes)[number];

export const isDocumentType = (value: unknown): value is DocumentType =>
  typeof value === 'string' && (documentTypes as readonly string[]).includes(value);

export type ContractStatus =
  | 'awaiting-documents'
  | 'awaiting-approval'
  | 'returned'
  | 'awaiting-signature'
  | 'signed'
  | 'active'
  /** Ended without renewal (renewals job): the service stopped. */
  | 'lapsed';

export type ApprovalLevel = 'supervisor' | 'manager';
export const approvalLevels: readonly ApprovalLevel[] = ['supervisor', 'manager'];

/** What is sold: decides the renewal reminders (DOMAIN.md section 6). */
export const serviceKinds = ['membership', 'network-service', 'advertising', 'placement'] as const;
export type ServiceKind = (typeof serviceKinds)[number];

export interface ContractCustomer {
  legalName: string;
  contactName: string;
  email: string;
  phone?: string;
  addressLines: string[];
  taxId?: string;
  country: string;
  language: Locale;
}

/** What a contract needs from the quote the customer accepted (`store/quotes.ts`'s StoredQuote). */
export interface AcceptedQuote {
  quoteId: string;
  leadId: string;
  status: string;
  quote: Quote;
  customer: ContractCustomer;
  service: { name: string; needsOperatingPermit: boolean };
  billingPlan: BillingPlan;
  /** YYYY-MM-DD */
  startDate: string;
  termMonths: number;
  renewal: 'manual' | 'auto';
  /** Quotes stored before the kind was asked are memberships. */
  serviceKind?: ServiceKind;
  agentId: string;
  team: string;
  /** Prepaid, or net `quote.paymentTermsDays` days. */
  prepaid: boolean;
}

export interface StaffRef {
  staffId: string;
  name: string;
}

export interface ContractDocument {
  documentType: DocumentType;
  /** The object in the documents bucket: a new key per upload, never overwritten. */
  documentKey: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
  /** Staff, or the customer through the emailed link. */
  uploadedBy: { kind: 'customer' } | ({ kind: 'staff' } & StaffRef);
  /** Business licence only: the legal name as written on it (checked against the contract's). */
  legalNameOnDocument?: string;
}

export interface ApprovalDecision {
  decision: 'approve' | 'reject';
  by: StaffRef;
  reason?: string;
  at: string;
}

export interface Contract {
  contractId: string;
  quoteId: string;
  leadId: string;
  status: ContractStatus;
  /** The submission: 1 at first, one more each time the agent resubmits a returned draft. */
  round: number;
  version: number;
  customer: ContractCustomer;
  service: { name: string; needsOperatingPermit: boolean };
  currency: string;
  lines: PricedLine[];
  overallDiscountPercent: string;
  totals: Totals;
  taxByRate: TaxByRate[];
  billingPlan: BillingPlan;
  paymentTerms: PaymentTerms;
  /** First and last day of service, inclusive, YYYY-MM-DD. */
  startDate: string;
  endDate: string;
  termMonths: number;
  renewal: 'manual' | 'auto';
  /** Contracts drafted before the kind was asked are memberships (`renewalTypeOf`). */
  serviceKind?: ServiceKind;
  /** The term served now, once renewed; absent: `startDate` to `endDate`. */
  currentTerm?: { startDate: string; endDate: string };
  /** Renewal state of the current term (the renewals job and the renew link). */
  renewalState?: RenewalState;
  requiredDocuments: DocumentType[];
  documents: ContractDocument[];
  agentId: string;
  team: string;
  draftedAt: string;
  /** Decisions of the current round, by level. */
  approvals: Partial<Record<ApprovalLevel, ApprovalDecision>>;
  /** Why the last round was returned to the agent. */
  returned?: { level: ApprovalLevel; by: StaffRef; reason: string; at: string };
  /** The agent's corrections after the last return, shown to the next round's approvers. */
  corrections?: RoundCorrections;
  signature?: { signerName: string; signedAt: string; sourceIp: string; userAgent?: string };
  accountId?: string;
  activatedAt?: string;
  /** The signed contract PDF in the documents bucket. */
  signedDocumentKey?: string;
}

/** One field an agent corrected: its name as people read it, its value before and after, as text. */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** The changes of one round's corrections: `round` is the submission that was returned. */
export interface RoundCorrections {
  round: number;
  changes: FieldChange[];
}

export interface RenewalState {
  /** Keys of the renewal actions done (or passed over) for the current term. */
  actionsDone: string[];
  /** The next term, booked by the customer through the renew link; it starts after the end. */
  renewedByCustomer?: { startDate: string; endDate: string; at: string };
  /** The business date the contract lapsed. */
  lapsedOn?: string;
  /**
   * The business date the renewals run next reads the contract (`nextRenewalActionOn`); absent
   * until the run first acts on the term, when the end date lists it.
   */
  nextActionOn?: string;
}

/** Thrown when a quote cannot become a contract (not accepted, a field missing). */
export class QuoteNotContractable extends Error {
  override name = 'QuoteNotContractable';
}

/**
 * The last day of a term of `termMonths` from `startDate`: 12 months from 15 March 2026 ends on
 * 14 March 2027; from 31 January, one month ends on 27/28 February (the day before 28 February+1).
 */
export function contractEndDate(startDate: string, termMonths: number): string {
  const start = DateTime.fromISO(startDate, { zone: 'UTC' });
  if (!start.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(startDate)) {
    throw new QuoteNotContractable(`The start date ${startDate} is not a date (YYYY-MM-DD)`);
  }
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > 120) {
    throw new QuoteNotContractable('The term must be a whole number of months, 1 to 120');
  }
  return start.plus({ months: termMonths }).minus({ days: 1 }).toISODate() ?? '';
}

/** Business licence always; an operating permit when the service needs one. */
export function requiredDocumentsFor(service: { needsOperatingPermit: boolean }): DocumentType[] {
  return service.needsOperatingPermit
    ? ['business-licence', 'operating-permit']
    : ['business-licence'];
}

const present = (value: string | undefined) => typeof value === 'string' && value.trim() !== '';

/** A contract drafted from an accepted quote, every field filled. */
export function draftContractFromQuote(
  quote: AcceptedQuote,
  contractId: string,
  asOf: Date,
): Contract {
  if (quote.status !== 'accepted') {
    throw new QuoteNotContractable(`Quote ${quote.quoteId} is ${quote.status}, not accepted`);
  }
  const { customer } = quote;
  const missing = (
    [
      ['customer.legalName', customer.legalName],
      ['customer.contactName', customer.contactName],
      ['customer.email', customer.email],
      ['customer.country', customer.country],
      ['service.name', quote.service.name],
      ['agentId', quote.agentId],
      ['team', quote.team],
    ] as const
  ).filter(([, value]) => !present(value));
  if (missing.length > 0 || customer.addressLines.filter(present).length === 0) {
    const names: string[] = missing.map(([name]) => name);
    if (customer.addressLines.filter(present).length === 0) names.push('customer.addressLines');
    throw new QuoteNotContractable(
      `Quote ${quote.quoteId} lacks what a contract needs: ${names.join(', ')}`,
    );
  }
  const paymentTerms: PaymentTerms = quote.prepaid
    ? { kind: 'prepaid' }
    : { kind: 'net', days: quote.quote.paymentTermsDays };
  return {
    contractId,
    quoteId: quote.quoteId,
    leadId: quote.leadId,
    status: 'awaiting-documents',
    round: 1,
    version: 1,
    customer: {
      legalName: customer.legalName.trim(),
      contactName: customer.contactName.trim(),
      email: customer.email.trim(),
      ...(present(customer.phone) ? { phone: customer.phone?.trim() } : {}),
      addressLines: customer.addressLines.map((l) => l.trim()).filter(Boolean),
      ...(present(customer.taxId) ? { taxId: customer.taxId?.trim() } : {}),
      country: customer.country,
      language: customer.language,
    },
    service: { name: quote.service.name, needsOperatingPermit: quote.service.needsOperatingPermit },
    currency: quote.quote.currency,
    lines: quote.quote.lines,
    overallDiscountPercent: quote.quote.overallDiscountPercent,
    totals: quote.quote.totals,
    taxByRate: quote.quote.taxByRate,
    billingPlan: quote.billingPlan,
    paymentTerms,
    startDate: quote.startDate,
    endDate: contractEndDate(quote.startDate, quote.termMonths),
    termMonths: quote.termMonths,
    renewal: quote.renewal,
    serviceKind: quote.serviceKind ?? 'membership',
    requiredDocuments: requiredDocumentsFor(quote.service),
    documents: [],
    agentId: quote.agentId,
    team: quote.team,
    draftedAt: asOf.toISOString(),
    approvals: {},
  };
}

/**
 * The required documents not yet on file. A business licence whose name no longer matches the
 * contract's legal name (the agent corrected it after a return) counts as missing: the licence
 * must be uploaded again under the new name.
 */
export function missingDocuments(
  contract: Pick<Contract, 'requiredDocuments' | 'documents'> & {
    customer: Pick<ContractCustomer, 'legalName'>;
  },
) {
  const stillValid = (d: ContractDocument) =>
    d.legalNameOnDocument === undefined ||
    legalNamesMatch(d.legalNameOnDocument, contract.customer.legalName);
  return contract.requiredDocuments.filter(
    (type) => !contract.documents.some((d) => d.documentType === type && stillValid(d)),
  );
}

/**
 * A legal name as compared: case, accents' case, spaces and punctuation do not count, so
 * "ACME Trading, S.A." matches "Acme Trading SA". Letters and digits of every script count.
 */
export function normaliseLegalName(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function legalNamesMatch(a: string, b: string): boolean {
  const left = normaliseLegalName(a);
  return left !== '' && left === normaliseLegalName(b);
}

/** What billing needs, once the account exists (INVOICES' `issue-first-invoice` takes it). */
export function contractBilling(contract: Contract, accountId: string): ContractBilling {
  return {
    contractId: contract.contractId,
    accountId,
    customer: {
      name: contract.customer.legalName,
      addressLines: contract.customer.addressLines,
      email: contract.customer.email,
      ...(contract.customer.taxId ? { taxId: contract.customer.taxId } : {}),
    },
    language: contract.customer.language,
    currency: contract.currency,
    lines: contract.lines.map((l) => ({
      service: l.service,
      quantity: l.quantity,
      unitPriceMinor: l.unitPrice.amountMinor,
      discountPercent: l.discountPercent,
      taxRatePercent: l.taxRatePercent,
      ...(l.oneOff ? { oneOff: true } : {}),
    })),
    overallDiscountPercent: contract.overallDiscountPercent,
    billingPlan: contract.billingPlan,
    paymentTerms: contract.paymentTerms,
    startDate: contract.startDate,
    endDate: contract.endDate,
  };
}
