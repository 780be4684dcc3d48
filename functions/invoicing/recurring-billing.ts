import { contractBilling } from '../contracts/rules/contract';
import type { ContractStore } from '../contracts/store/contracts';
import type { ItemOutcome } from '../shared/jobs/runner';
import { firstInvoiceRequestKey, type InvoicingDeps, invoicesWait, sendInvoice } from './invoices';
import { periodsToBill } from './rules/billing-periods';
import { billingForPeriod, invoiceDraft } from './rules/invoice';
import type { BillingTermStore, StoredBillingTerm } from './store/billing-terms';

/**
 * The recurring fees of one contract term, as the daily billing run bills them: every period
 * whose billing day has come (`periodsToBill`: net in arrears at the month end after the period,
 * prepaid at the month end before it), oldest first. Each period is issued through its request
 * key (`first-invoice#<contractId>` for the first term's period 0, else
 * `recurring#<contractId>#<termStart>#<index>`), its PDF kept and emailed once, and only then is
 * the term moved on, conditioned on the index read. A crash between issuing and moving on, a
 * second run or two at once find the same invoice and the same message: billed once, never
 * skipped. Periods due while the company's details are missing wait (`waiting`): billed by a
 * later run, dated on its day.
 */

export interface RecurringBillingDeps extends InvoicingDeps {
  terms: BillingTermStore;
  contracts: ContractStore;
}

export const recurringRequestKey = (contractId: string, termStart: string, index: number) =>
  `recurring#${contractId}#${termStart}#${index}`;

export function periodRequestKey(term: StoredBillingTerm, index: number): string {
  return term.first && index === 0
    ? firstInvoiceRequestKey(term.contractId)
    : recurringRequestKey(term.contractId, term.startDate, index);
}

export interface TermBilled {
  outcome: ItemOutcome;
  /** The invoices of the periods billed now (or found issued by an earlier attempt). */
  invoiceNumbers: string[];
}

/**
 * Bills what is due of a term on business date `date`. Invoices are dated `issuedAt` (the run's
 * moment for its date: the end of a caught-up day), so a late run still issues on the date it
 * stands for.
 */
export async function billTerm(
  deps: RecurringBillingDeps,
  contractId: string,
  termStart: string,
  date: string,
  issuedAt: Date,
  now: Date,
): Promise<TermBilled> {
  const term = await deps.terms.get(contractId, termStart);
  const contract = await deps.contracts.get(contractId);
  if (!term || !contract) throw new Error(`Contract ${contractId} or its term is missing`);
  const plan = { billingPlan: contract.billingPlan, paymentTerms: contract.paymentTerms };
  const billing = {
    ...contractBilling(contract, term.accountId),
    startDate: term.startDate,
    endDate: term.endDate,
  };
  const recipient = billing.customer.email;
  if (!recipient) throw new Error(`Contract ${contractId} has no email to send invoices to`);
  const due = periodsToBill(billing, term.billedThroughIndex, date);
  if (due.length > 0 && invoicesWait(deps)) return { outcome: 'waiting', invoiceNumbers: [] };
  const invoiceNumbers: string[] = [];
  let through = term.billedThroughIndex;
  for (const period of due) {
    // One-off lines (a setup fee) go on the contract's first invoice only.
    const { invoice } = await deps.numbers.issueInvoice(
      invoiceDraft(billingForPeriod(billing, term.first === true && period.index === 0), {
        start: period.start,
        end: period.end,
      }),
      periodRequestKey(term, period.index),
      issuedAt,
      deps.zone,
    );
    await sendInvoice(deps, invoice, recipient, now);
    invoiceNumbers.push(invoice.number);
    // Another run moved the term first: it issued (or found) the same invoices; stop here.
    if (!(await deps.terms.advance(term, through, period.index, plan))) break;
    term.billedThroughIndex = period.index;
    through = period.index;
  }
  if (due.length === 0 && term.nextBillingDay !== undefined) {
    // Filed without its plan (a renewal's record) or early: put it under its true billing day.
    await deps.terms.advance(term, through, through, plan);
  }
  return { outcome: invoiceNumbers.length > 0 ? 'sent' : 'skipped', invoiceNumbers };
}
