import { accountRecordPk } from '../accounts/store/accounts';
import type { InvoiceDocuments } from '../invoicing/invoice-documents';
import type { LedgerChange } from '../invoicing/invoice-ledger';
import { companyOnDocuments } from '../invoicing/invoices';
import { invoiceDocumentKey } from '../invoicing/mail/invoice-email';
import { renderInvoicePdf } from '../invoicing/pdf/invoice-pdf';
import { invoicePdfText } from '../invoicing/pdf/invoice-pdf-text';
import type { InvoiceDraft } from '../invoicing/rules/invoice';
import {
  invoicePk,
  invoiceSk,
  openInvoiceKeys,
  unpaidIndexAttributes,
} from '../invoicing/store/invoice-keys';
import {
  type InvoiceNumberStore,
  numberIssuedFor,
  type StoredInvoice,
} from '../invoicing/store/invoice-numbers';
import type { InvoiceStore } from '../invoicing/store/invoices';
import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import { priceLine, taxByRate, totalsOf } from '../quotes/rules/quote';
import { NotFound, ValidationError } from '../shared/errors';
import { readReason } from '../shared/rules/text-fields';
import type { Table } from '../shared/store/table';
import { type CompanyDetailsSetting, missingCompanyDetails } from '../staff/settings/company';
import { creditNoteEmailKey, renderCreditNoteEmail } from './mail/credit-note-email';

/**
 * Credit notes (DOMAIN.md section 4): the company's own mistakes are corrected by a credit note in
 * its own gap-free series (`CN-2026-000001`), never by editing the invoice. A full credit repeats
 * the invoice's lines; a partial one is a single line of a net amount at the invoice's tax rate.
 * What is credited comes off the invoice's unpaid amount; what exceeds it (the invoice was paid)
 * becomes account credit. An invoice is never credited beyond its total (`creditedMinor`).
 */

export type CreditRequest =
  | { kind: 'full'; reason: string }
  | { kind: 'partial'; netMinor: number; reason: string };

export function creditNoteDraft(invoice: StoredInvoice, request: CreditRequest): InvoiceDraft {
  const reason = readReason(request.reason, {
    max: 200,
    requiredMessage: 'say what the mistake was (up to 200 characters)',
  });
  if (invoice.series !== 'INV') {
    throw new ValidationError([{ field: 'invoice', message: 'only an invoice can be credited' }]);
  }
  // The customer reads the note in their language: the lines as invoiced (a partial credit: one
  // line naming the invoice), the invoice and the reason beside them (`renderInvoicePdf`).
  let lines = invoice.lines;
  if (request.kind === 'partial') {
    if (!Number.isSafeInteger(request.netMinor) || request.netMinor <= 0) {
      throw new ValidationError([{ field: 'amount', message: 'must be more than zero' }]);
    }
    // Checked before its tax is worked out: a net beyond the invoice could not fit the ledger.
    if (request.netMinor > invoice.totals.total.amountMinor) {
      throw new ValidationError([
        { field: 'amount', message: "credits more than the invoice's total" },
      ]);
    }
    const rate = invoice.lines[0]?.taxRatePercent ?? '0';
    lines = [
      priceLine(
        {
          service: invoicePdfText[invoice.language].creditLine.replace('{invoice}', invoice.number),
          quantity: 1,
          unitPriceMinor: request.netMinor,
          discountPercent: 0,
          taxRatePercent: rate,
        },
        invoice.currency,
      ),
    ];
  }
  const totals = totalsOf(lines, invoice.currency);
  const credited = creditedOf(invoice);
  if (credited + totals.total.amountMinor > invoice.totals.total.amountMinor) {
    throw new ValidationError([
      {
        field: 'amount',
        message: `credits more than the invoice's total (${credited > 0 ? 'part of it was credited before' : 'the invoice'})`,
      },
    ]);
  }
  return {
    series: 'CN',
    accountId: invoice.accountId,
    contractId: invoice.contractId,
    customer: invoice.customer,
    language: invoice.language,
    currency: invoice.currency,
    lines,
    totals,
    taxByRate: taxByRate(lines, invoice.currency),
    paymentTerms: invoice.paymentTerms,
    ...(invoice.period ? { period: invoice.period } : {}),
    credits: { invoiceNumber: invoice.number, reason },
  };
}

/** What earlier credit notes took off the invoice. */
export const creditedOf = (invoice: StoredInvoice): number =>
  Number((invoice as { creditedMinor?: number }).creditedMinor ?? 0);

/**
 * The writes that go with issuing the credit note, from the invoice as read now: the invoice's
 * unpaid and credited amounts (conditioned on the values read) and the ledger change.
 */
export function creditCompanions(
  tableName: string,
  invoice: StoredInvoice,
  creditMinor: number,
): { items: Record<string, unknown>[]; ledger: LedgerChange } {
  const credited = creditedOf(invoice);
  if (credited + creditMinor > invoice.totals.total.amountMinor) {
    throw new ValidationError([
      { field: 'amount', message: "credits more than the invoice's total" },
    ]);
  }
  const applied = Math.min(invoice.openMinor, creditMinor);
  const openAfter = invoice.openMinor - applied;
  const openKeys = openInvoiceKeys(invoice);
  const update = {
    Update: {
      TableName: tableName,
      Key: { pk: invoicePk(invoice.number), sk: invoiceSk },
      UpdateExpression:
        openAfter === 0
          ? `SET openMinor = :after, creditedMinor = :credited REMOVE ${unpaidIndexAttributes}`
          : 'SET openMinor = :after, creditedMinor = :credited, openPk = :openPk, openSk = :openSk',
      ConditionExpression:
        'openMinor = :before AND (attribute_not_exists(creditedMinor) OR creditedMinor = :creditedBefore)',
      ExpressionAttributeValues: {
        ':after': openAfter,
        ':before': invoice.openMinor,
        ':credited': credited + creditMinor,
        ':creditedBefore': credited,
        ...(openAfter === 0 ? {} : { ':openPk': openKeys.openPk, ':openSk': openKeys.openSk }),
      },
    },
  };
  return {
    items: [update],
    ledger: {
      currency: invoice.currency,
      balanceMinor: -applied,
      creditMinor: creditMinor - applied,
    },
  };
}

export interface CreditNoteDeps {
  table: Table;
  numbers: InvoiceNumberStore;
  invoices: Pick<InvoiceStore, 'get'>;
  documents: InvoiceDocuments;
  outbox: Outbox;
  sender: string;
  zone: string;
  company: CompanyDetailsSetting;
}

/**
 * Issues the credit note once per request key (a retry finds the first one), keeps its PDF and
 * emails it, with the PDF, once, to the account's address.
 */
export async function issueCreditNote(
  deps: CreditNoteDeps,
  invoiceNumber: string,
  request: CreditRequest,
  requestKey: string,
  recipient: string,
  now: Date,
): Promise<{ creditNote: StoredInvoice; created: boolean; email: DeliveryOutcome }> {
  const earlier = await numberIssuedFor(deps.table, 'CN', requestKey);
  let creditNote = earlier ? await deps.invoices.get(earlier) : undefined;
  let created = false;
  if (!creditNote) {
    const missing = missingCompanyDetails(deps.company);
    if (missing.length > 0) {
      // Refused, not held: the person asking is told what to fill in, and asks again after.
      throw new ValidationError([
        {
          field: 'company',
          message:
            `a credit note prints the company’s details, and its ${missing.join(', ')} ` +
            `${missing.length === 1 ? 'is' : 'are'} not filled in yet: a manager fills them in on ` +
            'the settings page, then issue the credit note',
        },
      ]);
    }
    const invoice = await deps.invoices.get(invoiceNumber);
    if (!invoice) throw new NotFound(`There is no invoice ${invoiceNumber}.`);
    const draft = creditNoteDraft(invoice, request);
    const result = await deps.numbers.issueInvoice(draft, requestKey, now, deps.zone, {
      // Read afresh on every attempt: a payment meanwhile changes what is unpaid.
      companions: async () => {
        const fresh = await deps.invoices.get(invoiceNumber);
        if (!fresh) throw new NotFound(`There is no invoice ${invoiceNumber}.`);
        return creditCompanions(deps.table.name, fresh, draft.totals.total.amountMinor);
      },
    });
    ({ invoice: creditNote, created } = result);
  }
  const company = companyOnDocuments(deps.company);
  const key = invoiceDocumentKey(creditNote);
  // The file comes before the message: the outbox reads it when it sends.
  if (!(await deps.documents.exists(key))) {
    const pdf = await renderInvoicePdf(creditNote, company, creditNote.language);
    await deps.documents.putOnce(key, pdf, 'application/pdf');
  }
  const email = await deps.outbox.deliver(
    creditNoteEmailKey(creditNote, recipient),
    deps.sender,
    renderCreditNoteEmail(creditNote, invoiceNumber, company),
    now,
    { timelineOf: accountRecordPk(creditNote.accountId) },
  );
  return { creditNote, created, email };
}
