import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { accountStore, openAccountWrites } from '../../functions/accounts/store/accounts';
import type { InvoiceDocuments } from '../../functions/invoicing/invoice-documents';
import { type ContractBilling, invoiceDraft } from '../../functions/invoicing/rules/invoice';
import {
  invoiceNumberStore,
  type StoredInvoice,
} from '../../functions/invoicing/store/invoice-numbers';
import { invoiceStore } from '../../functions/invoicing/store/invoices';
import { ledgerStore } from '../../functions/invoicing/store/ledger';
import type { Outbox } from '../../functions/messages/outbox';
import { issueCreditNote } from '../../functions/payments/credit-notes';
import { recordPayment } from '../../functions/payments/payments';
import { paymentStore } from '../../functions/payments/store/payments';
import { writeOffStore } from '../../functions/payments/store/write-offs';
import { writeOffBalance } from '../../functions/payments/write-off';
import type { Locale } from '../../functions/shared/locales';
import type { Table } from '../../functions/shared/store/table';
import { testCompany } from './settings';

/**
 * Money documents of an account on chosen business dates, written through the same domain
 * functions staff and the jobs use (so each carries its activity marker): invoices of 124.00 EUR
 * (100.00 + 24 % tax, net 30), payments, partial credit notes and write-offs.
 */

export const zone = 'Europe/Athens';
const staff = { staffId: 'STAFF-STATEMENTS', name: 'Stella Statements' };

/** Noon of a business date in the company zone. */
export const noonOf = (date: string) => DateTime.fromISO(`${date}T12:00:00`, { zone }).toJSDate();

export function statementFixtures(
  table: Table,
  deps: { outbox: Outbox; documents: InvoiceDocuments },
) {
  const numbers = invoiceNumberStore(table);
  const company = testCompany;

  async function account(options: { language?: Locale } = {}) {
    const id = randomUUID().slice(0, 8);
    const accountId = `ACC-STMT-${id}`;
    const email = `statement.${id}@example.org`;
    const at = noonOf('2039-01-02').toISOString();
    await table.client.send(
      new TransactWriteCommand({
        TransactItems: openAccountWrites(
          table.name,
          {
            accountId,
            legalName: `Statement ${id} Ltd`,
            contactName: 'Sam Statement',
            email,
            addressLines: ['7 Ledger Lane'],
            country: 'GR',
            language: options.language ?? 'en',
            team: 'north',
            ownerId: staff.staffId,
            status: 'active',
            openedAt: at,
            version: 1,
          },
          {
            contractId: `CON-STMT-${id}`,
            startDate: '2039-01-02',
            endDate: '2040-12-31',
            serviceName: 'Membership',
            activatedAt: at,
          },
          {
            at,
            step: 'account-opened',
            summary: 'Account opened (test)',
            by: { kind: 'system' },
            via: 'test',
          },
        ),
      }),
    );
    const billing: ContractBilling = {
      contractId: `CON-STMT-${id}`,
      accountId,
      customer: { name: `Statement ${id} Ltd`, addressLines: ['7 Ledger Lane'] },
      language: options.language ?? 'en',
      currency: 'EUR',
      lines: [
        {
          service: 'Membership',
          quantity: 1,
          unitPriceMinor: 10_000,
          discountPercent: 0,
          taxRatePercent: 24,
        },
      ],
      billingPlan: 'one-off',
      paymentTerms: { kind: 'net', days: 30 },
      startDate: '2039-01-02',
      endDate: '2040-12-31',
    };
    let invoices = 0;
    return {
      accountId,
      email,
      async invoice(date: string): Promise<StoredInvoice> {
        const { invoice } = await numbers.issueInvoice(
          invoiceDraft(billing, undefined),
          `test-statements#${accountId}#${invoices++}`,
          noonOf(date),
          zone,
        );
        return invoice;
      },
      async pay(date: string, amountMinor: number, reference: string) {
        const { payment } = await recordPayment(
          {
            payments: paymentStore(table),
            accounts: accountStore(table),
            outbox: deps.outbox,
            sender: 'desk@desk.local',
            company,
            zone,
          },
          {
            accountId,
            amount: { amountMinor, currency: 'EUR' },
            date,
            method: 'bank-transfer',
            reference,
          },
          `test-statements-pay#${accountId}#${reference}`,
          { kind: 'staff', ...staff, via: 'api' },
          noonOf(date),
        );
        return payment;
      },
      async credit(date: string, invoiceNumber: string, netMinor: number) {
        const { creditNote } = await issueCreditNote(
          {
            table,
            numbers,
            invoices: invoiceStore(table),
            documents: deps.documents,
            outbox: deps.outbox,
            sender: 'desk@desk.local',
            zone,
            company,
          },
          invoiceNumber,
          { kind: 'partial', netMinor, reason: 'Hours billed twice' },
          `test-statements-credit#${accountId}#${date}`,
          email,
          noonOf(date),
        );
        return creditNote;
      },
      async writeOff(date: string, amountMinor: number) {
        const { writeOff } = await writeOffBalance(
          {
            writeOffs: writeOffStore(table),
            payments: paymentStore(table),
            ledger: ledgerStore(table),
            accounts: accountStore(table),
            zone,
          },
          { accountId, amountMinor, reason: 'Cannot be collected' },
          `test-statements-wo#${accountId}#${date}`,
          staff,
          noonOf(date),
        );
        return writeOff;
      },
    };
  }

  return { account };
}
