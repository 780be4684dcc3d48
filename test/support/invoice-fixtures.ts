import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { openAccountWrites } from '../../functions/accounts/store/accounts';
import { invoiceDocuments } from '../../functions/invoicing/invoice-documents';
import { companyOnDocuments } from '../../functions/invoicing/invoices';
import { invoiceDocumentKey } from '../../functions/invoicing/mail/invoice-email';
import { renderInvoicePdf } from '../../functions/invoicing/pdf/invoice-pdf';
import { type ContractBilling, invoiceDraft } from '../../functions/invoicing/rules/invoice';
import { invoiceNumberStore } from '../../functions/invoicing/store/invoice-numbers';
import { defaultCompanyDetails } from '../../functions/staff/settings/company';
import { localCredentials } from '../../infra/local/aws-clients';
import { localNames } from '../../infra/local/names';
import type { LocalCloudEndpoints } from './local-cloud-context';

/**
 * An account (owned by an agent of a team) with one issued invoice and its PDF, written through
 * the stores as activation and `issue-first-invoice` would: for tests of who may see invoices.
 */
export async function accountWithInvoice(
  cloud: LocalCloudEndpoints,
  owner: { staffId: string; team: string },
): Promise<{ accountId: string; invoiceNumber: string }> {
  const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: cloud.dynamodbEndpoint, region: cloud.region, credentials }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const s3 = new S3Client({
    endpoint: cloud.s3Endpoint,
    region: cloud.region,
    credentials: localCredentials,
    forcePathStyle: true,
  });
  try {
    const id = randomUUID().slice(0, 8);
    const accountId = `ACC-${id}`;
    const contractId = `CON-${id}`;
    const now = new Date();
    await client.send(
      new TransactWriteCommand({
        TransactItems: openAccountWrites(
          cloud.tableName,
          {
            accountId,
            legalName: `Invoice Test ${id} Ltd`,
            contactName: 'Ada Test',
            email: `ada.${id}@example.org`,
            addressLines: ['1 Main Street'],
            country: 'GR',
            language: 'en',
            team: owner.team,
            ownerId: owner.staffId,
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
      customer: { name: `Invoice Test ${id} Ltd`, addressLines: ['1 Main Street'] },
      language: 'en',
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
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    };
    const { invoice } = await invoiceNumberStore({ client, name: cloud.tableName }).issueInvoice(
      invoiceDraft(billing, undefined),
      `test#${contractId}`,
      now,
      'Europe/Athens',
    );
    const pdf = await renderInvoicePdf(invoice, companyOnDocuments(defaultCompanyDetails), 'en');
    await invoiceDocuments(localNames.documentsBucket, s3).putOnce(
      invoiceDocumentKey(invoice),
      pdf,
      'application/pdf',
    );
    return { accountId, invoiceNumber: invoice.number };
  } finally {
    client.destroy();
    s3.destroy();
  }
}
