import { accountRecordPk } from '../accounts/store/accounts';
import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import { InvalidPayload } from '../shared/errors';
import { type CompanyDetailsSetting, missingCompanyDetails } from '../staff/settings/company';
import type { InvoiceDocuments } from './invoice-documents';
import { invoiceDocumentKey, invoiceEmailKey, renderInvoiceEmail } from './mail/invoice-email';
import { type CompanyDetails, renderInvoicePdf } from './pdf/invoice-pdf';
import { businessDate, type ContractBilling, firstInvoice } from './rules/invoice';
import type { BillingTermStore } from './store/billing-terms';
import type { InvoiceNumberStore, StoredInvoice } from './store/invoice-numbers';

/**
 * A contract's first invoice: issued once (request key `first-invoice#<contractId>`) when it is
 * due now (prepaid, or a one-off), its PDF kept in the documents bucket, and emailed to the
 * customer with the PDF attached, once, through the outbox. Billing in arrears issues it later
 * (the billing run); either way the first term's billing record is written here, which the
 * billing run follows. Every step can run again after a crash and finds what the first run did:
 * the same invoice, the same file, the same record, the same message.
 *
 * Until the company's details are filled in (`missingCompanyDetails`) an invoice due now waits,
 * unnumbered: the contract workflow's step lists it as a job item of the billing run
 * (`first-invoice#<contractId>`), which issues it, numbered and dated on that day, once they are.
 */

export interface InvoicingDeps {
  numbers: InvoiceNumberStore;
  documents: InvoiceDocuments;
  outbox: Outbox;
  sender: string;
  /** The company's time zone: it makes the issue date and the year of the number. */
  zone: string;
  company: CompanyDetailsSetting;
}

export type FirstInvoiceResult =
  | { invoiceNumber: string; email: DeliveryOutcome }
  | { invoiceNumber: null; firstIssueOn: string }
  | { invoiceNumber: null; waitingFor: 'company-details' };

export const firstInvoiceRequestKey = (contractId: string) => `first-invoice#${contractId}`;

/** True when no invoice may be numbered yet: the company's details are not all filled in. */
export const invoicesWait = (deps: Pick<InvoicingDeps, 'company'>) =>
  missingCompanyDetails(deps.company).length > 0;

export async function issueFirstInvoice(
  deps: InvoicingDeps & { terms: BillingTermStore },
  billing: ContractBilling,
  now: Date,
  /** The moment it is issued as of (the billing run's for a date); now by default. */
  issuedAt: Date = now,
): Promise<FirstInvoiceResult> {
  const recipient = billing.customer.email;
  if (!recipient) {
    throw new InvalidPayload('billing.customer.email: the invoice must be emailed to someone');
  }
  const plan = firstInvoice(billing, issuedAt, deps.zone);
  // The billing run invoices the rest of the term from this record (and period 0 when later).
  const firstTerm = (billedThroughIndex: number) =>
    billing.billingPlan === 'one-off'
      ? Promise.resolve(false)
      : deps.terms.record(
          {
            contractId: billing.contractId,
            accountId: billing.accountId,
            startDate: billing.startDate,
            endDate: billing.endDate,
            billedThroughIndex,
            first: true,
          },
          billing,
        );
  if (plan.issueOn > businessDate(issuedAt, deps.zone)) {
    await firstTerm(-1);
    return { invoiceNumber: null, firstIssueOn: plan.issueOn };
  }
  // Nothing written: issued (term and all) once the details are there.
  if (invoicesWait(deps)) return { invoiceNumber: null, waitingFor: 'company-details' };
  const { invoice } = await deps.numbers.issueInvoice(
    plan.draft,
    firstInvoiceRequestKey(billing.contractId),
    issuedAt,
    deps.zone,
  );
  // After the invoice: a crash in between is retried by the workflow, which finds the invoice.
  await firstTerm(0);
  const email = await sendInvoice(deps, invoice, recipient, now);
  return { invoiceNumber: invoice.number, email };
}

/** Keeps the invoice's PDF (once) and emails the invoice with it attached (once). */
export async function sendInvoice(
  deps: Omit<InvoicingDeps, 'numbers'>,
  invoice: StoredInvoice,
  recipient: string,
  now: Date,
): Promise<DeliveryOutcome> {
  const company = companyOnDocuments(deps.company);
  const key = invoiceDocumentKey(invoice);
  // The file comes before the message: the outbox reads it when it sends.
  if (!(await deps.documents.exists(key))) {
    const pdf = await renderInvoicePdf(invoice, company, invoice.language);
    await deps.documents.putOnce(key, pdf, 'application/pdf');
  }
  return deps.outbox.deliver(
    invoiceEmailKey(invoice, recipient),
    deps.sender,
    renderInvoiceEmail(invoice, company),
    now,
    // Staff see on the account's timeline that the invoice went out.
    { timelineOf: accountRecordPk(invoice.accountId) },
  );
}

/** The company setting as documents print it: empty phone and payment details are left out. */
export function companyOnDocuments(setting: CompanyDetailsSetting): CompanyDetails {
  return {
    legalName: setting.legalName,
    addressLines: setting.addressLines,
    taxId: setting.taxId,
    email: setting.email,
    ...(setting.phone ? { phone: setting.phone } : {}),
    ...(setting.paymentDetails ? { paymentDetails: setting.paymentDetails } : {}),
  };
}
