import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulidx';
import { openAccountWrites } from '../../functions/accounts/store/accounts';
import { type ContractBilling, invoiceDraft } from '../../functions/invoicing/rules/invoice';
import {
  invoiceNumberStore,
  type StoredInvoice,
} from '../../functions/invoicing/store/invoice-numbers';
import { ledgerStore } from '../../functions/invoicing/store/ledger';
import type { Locale } from '../../functions/shared/locales';
import type { Table } from '../../functions/shared/store/table';
import type { LocalCloudEndpoints } from './local-cloud-context';

/** The local cloud's table, read and written as the functions do. */
export function localTable(cloud: LocalCloudEndpoints): Table {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: cloud.dynamodbEndpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { client, name: cloud.tableName };
}

export interface AccountWithInvoices {
  accountId: string;
  email: string;
  /** Oldest (lowest number) first. */
  invoices: StoredInvoice[];
}

/**
 * An active account (owned by `owner`) with `count` issued invoices of `unitPriceMinor` + 24 % tax
 * each, written through the stores as activation and invoicing do: so the ledger holds their sum.
 */
export async function accountWithInvoices(
  table: Table,
  options: {
    owner: { staffId: string; team: string };
    count: number;
    unitPriceMinor: number;
    language?: Locale;
    currency?: string;
  },
): Promise<AccountWithInvoices> {
  const id = randomUUID().slice(0, 8);
  // Account ids are ULIDs, as activation makes them: a bank reference may quote one.
  const accountId = ulid();
  const contractId = `CON-PAY-${id}`;
  const email = `payer.${id}@example.org`;
  const now = new Date();
  await table.client.send(
    new TransactWriteCommand({
      TransactItems: openAccountWrites(
        table.name,
        {
          accountId,
          legalName: `Payer ${id} GmbH`,
          contactName: 'Petra Payer',
          email,
          addressLines: ['1 Hauptstraße'],
          country: 'DE',
          language: options.language ?? 'en',
          team: options.owner.team,
          ownerId: options.owner.staffId,
          status: 'active',
          openedAt: now.toISOString(),
          version: 1,
        },
        {
          contractId,
          startDate: '2026-01-01',
          endDate: '2026-12-31',
          serviceName: 'Membership',
          activatedAt: now.toISOString(),
        },
        {
          at: now.toISOString(),
          step: 'account-opened',
          summary: 'Account opened (test)',
          by: { kind: 'system' },
          via: 'test',
        },
      ),
    }),
  );
  const billing: ContractBilling = {
    contractId,
    accountId,
    customer: { name: `Payer ${id} GmbH`, addressLines: ['1 Hauptstraße'] },
    language: options.language ?? 'en',
    currency: options.currency ?? 'EUR',
    lines: [
      {
        service: 'Membership',
        quantity: 1,
        unitPriceMinor: options.unitPriceMinor,
        discountPercent: 0,
        taxRatePercent: 24,
      },
    ],
    billingPlan: 'one-off',
    paymentTerms: { kind: 'net', days: 30 },
    startDate: '2026-01-01',
    endDate: '2026-12-31',
  };
  const numbers = invoiceNumberStore(table);
  const invoices: StoredInvoice[] = [];
  for (let i = 0; i < options.count; i++) {
    const { invoice } = await numbers.issueInvoice(
      invoiceDraft(billing, undefined),
      `test-payments#${contractId}#${i}`,
      now,
      'Europe/Athens',
    );
    invoices.push(invoice);
  }
  return { accountId, email, invoices };
}

/** The account's ledger and each invoice's unpaid amount and open-index entry, read back. */
export async function moneyOf(table: Table, account: AccountWithInvoices) {
  const balance = await ledgerStore(table).getBalance(account.accountId);
  const invoices = await Promise.all(
    account.invoices.map(async (i) => {
      const { Item } = await table.client.send(
        new GetCommand({
          TableName: table.name,
          Key: { pk: `INVOICE#${i.number}`, sk: 'INVOICE' },
          ConsistentRead: true,
        }),
      );
      return {
        number: i.number,
        openMinor: Number(Item?.openMinor),
        onOpenIndex: Item?.openPk !== undefined,
      };
    }),
  );
  return { balance, invoices };
}
