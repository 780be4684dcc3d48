import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { CreateStateMachineCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountRecordPk } from '../../../functions/accounts/store/accounts';
import { invoicePdfText } from '../../../functions/invoicing/pdf/invoice-pdf-text';
import type { ContractBilling } from '../../../functions/invoicing/rules/invoice';
import { invoiceStore } from '../../../functions/invoicing/store/invoices';
import { ledgerStore } from '../../../functions/invoicing/store/ledger';
import { type Locale, locales } from '../../../functions/shared/locales';
import type { Table } from '../../../functions/shared/store/table';
import { readTimeline } from '../../../functions/shared/store/timeline';
import { localCredentials } from '../../../infra/local/aws-clients';
import { localArn, localNames } from '../../../infra/local/names';
import {
  emailsTo,
  executionArn,
  sfnClient,
  uniqueAddress,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';

/**
 * `issue-first-invoice` as the contract workflow calls it: a one-step state machine made for
 * this test invokes the real function in the local cloud (its bundle, its declared environment).
 */

const cloud = inject('localCloud');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const dynamo = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: cloud.dynamodbEndpoint, region: cloud.region, credentials }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const table: Table = { client: dynamo, name: cloud.tableName };
const s3 = new S3Client({
  endpoint: cloud.s3Endpoint,
  region: cloud.region,
  credentials: localCredentials,
  forcePathStyle: true,
});
const sfn = sfnClient(cloud);
const machineName = `issue-first-invoice-test-${randomUUID().slice(0, 8)}`;
let machineArn: string;

beforeAll(async () => {
  const created = await sfn.send(
    new CreateStateMachineCommand({
      name: machineName,
      roleArn: 'arn:aws:iam::000000000000:role/test',
      definition: JSON.stringify({
        QueryLanguage: 'JSONata',
        StartAt: 'Issue first invoice',
        States: {
          'Issue first invoice': {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: {
              FunctionName: localArn.function('issue-first-invoice'),
              Payload: '{% $states.input %}',
            },
            Output: '{% $states.result.Payload %}',
            End: true,
          },
        },
      }),
    }),
  );
  machineArn = String(created.stateMachineArn);
});

afterAll(() => {
  dynamo.destroy();
  s3.destroy();
  sfn.destroy();
});

async function issue(billing: ContractBilling) {
  const name = randomUUID();
  await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: machineArn,
      name,
      input: JSON.stringify({ billing }),
    }),
  );
  const done = await waitForExecution(cloud, executionArn(cloud, machineName, name), 90_000);
  return done;
}

const customers: Record<Locale, string> = {
  en: 'Harbour Logistics Ltd',
  de: 'Müller & Söhne GmbH',
  el: 'Παπαδόπουλος Ναυτιλιακή Α.Ε.',
  ko: '서울상사 주식회사',
  zh: '上海明达贸易有限公司',
};

function billing(language: Locale, email: string, overrides: Partial<ContractBilling> = {}) {
  const id = randomUUID().slice(0, 8);
  const today = new Date().toISOString().slice(0, 10);
  return {
    contractId: `CON-${id}`,
    accountId: `ACC-${id}`,
    customer: { name: customers[language], addressLines: ['1 Main Street', 'Athens'], email },
    language,
    currency: 'EUR',
    lines: [
      {
        service: 'Membership',
        quantity: 1,
        unitPriceMinor: 10_000,
        discountPercent: 0,
        taxRatePercent: 24,
      },
      {
        service: 'Advertising placement',
        quantity: '2',
        unitPriceMinor: 2_500,
        discountPercent: 10,
        taxRatePercent: 13,
      },
    ],
    billingPlan: 'monthly',
    paymentTerms: { kind: 'prepaid' },
    startDate: today,
    endDate: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`,
    ...overrides,
  } satisfies ContractBilling;
}

async function pdfText(base64: string): Promise<string> {
  const document = await getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')) })
    .promise;
  const content = await (await document.getPage(1)).getTextContent();
  const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
  await document.destroy();
  return text;
}

// 100.00 + 24.00 tax; 2 × 25.00 − 10 % = 45.00 + 5.85 tax: 174.85 in all.
const expectedTotalMinor = 17_485;

describe('issue-first-invoice', () => {
  it('issues a prepaid contract’s first invoice once, however often it is called', async () => {
    const email = uniqueAddress('first-invoice');
    const contract = billing('en', email);
    const first = await issue(contract);
    expect(first.status, first.cause).toBe('SUCCEEDED');
    const { invoiceNumber } = JSON.parse(String(first.output)) as { invoiceNumber: string };
    expect(invoiceNumber).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(JSON.parse(String(first.output))).toEqual({ invoiceNumber });

    const again = await issue(contract);
    expect(again.status, again.cause).toBe('SUCCEEDED');
    expect(JSON.parse(String(again.output)).invoiceNumber).toBe(invoiceNumber);

    const mails = await waitForEmailsTo(cloud, email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toContain(invoiceNumber);
    expect(mail?.body.html).toContain('€174.85');
    expect(mail?.attachments).toHaveLength(1);
    expect(mail?.attachments[0]?.filename).toBe(`${invoiceNumber}.pdf`);
    expect(await pdfText(String(mail?.attachments[0]?.content))).toContain(invoiceNumber);

    const year = invoiceNumber.slice(4, 8);
    const listed = await s3.send(
      new ListObjectsV2Command({
        Bucket: localNames.documentsBucket,
        Prefix: `invoices/${year}/${invoiceNumber}`,
      }),
    );
    expect(listed.Contents?.map((o) => o.Key)).toEqual([`invoices/${year}/${invoiceNumber}.pdf`]);

    const stored = await invoiceStore(table).get(invoiceNumber);
    expect(stored?.totals.total.amountMinor).toBe(expectedTotalMinor);
    expect(stored?.openMinor).toBe(expectedTotalMinor);
    expect(stored?.contractId).toBe(contract.contractId);
    const balance = await ledgerStore(table).getBalance(contract.accountId);
    expect(balance).toMatchObject({
      balanceMinor: expectedTotalMinor,
      creditMinor: 0,
      currency: 'EUR',
      version: 1,
    });
    const timeline = await readTimeline(table, accountRecordPk(contract.accountId));
    expect(timeline.filter((e) => e.step === 'email-sent').map((e) => e.summary)).toEqual([
      expect.stringContaining(invoiceNumber),
    ]);
    const listing = await invoiceStore(table).listAccountInvoices(contract.accountId);
    expect(listing.invoices.map((i) => i.number)).toEqual([invoiceNumber]);
    const open = await invoiceStore(table).openInvoicesDueIn(
      stored?.dueDate.slice(0, 7) ?? '',
      stored?.dueDate ?? '',
    );
    expect(open.invoices.map((i) => i.number)).toContain(invoiceNumber);
  }, 180_000);

  it('sends the PDF in the customer’s language, in each of the five', async () => {
    await Promise.all(
      locales.map(async (language) => {
        const email = uniqueAddress(`invoice-${language}`);
        const done = await issue(billing(language, email));
        expect(done.status, done.cause).toBe('SUCCEEDED');
        const { invoiceNumber } = JSON.parse(String(done.output)) as { invoiceNumber: string };
        const [mail] = await waitForEmailsTo(cloud, email);
        const text = await pdfText(String(mail?.attachments[0]?.content));
        const labels = invoicePdfText[language];
        expect(text).toContain(invoiceNumber);
        expect(text).toContain(labels.invoiceTitle);
        expect(text).toContain(labels.dueDate);
        expect(text).toContain(customers[language]);
        expect(mail?.subject).toContain(invoiceNumber);
      }),
    );
  }, 240_000);

  it('issues nothing now for a contract billed monthly in arrears (net 30)', async () => {
    const email = uniqueAddress('arrears');
    const contract = billing('de', email, { paymentTerms: { kind: 'net', days: 30 } });
    const done = await issue(contract);
    expect(done.status, done.cause).toBe('SUCCEEDED');
    const output = JSON.parse(String(done.output));
    expect(output.invoiceNumber).toBeNull();
    expect(output.firstIssueOn > contract.startDate).toBe(true);
    expect(await ledgerStore(table).getBalance(contract.accountId)).toBeUndefined();
    expect(await emailsTo(cloud, email)).toEqual([]);
  }, 120_000);

  it('refuses a payload without the customer’s email, naming the field, and issues nothing', async () => {
    const contract = billing('en', 'x@example.org');
    const { email: _email, ...customer } = contract.customer;
    const done = await issue({ ...contract, customer } as ContractBilling);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('InvalidPayload');
    expect(done.cause).toContain('billing.customer.email');
    expect(await ledgerStore(table).getBalance(contract.accountId)).toBeUndefined();
  }, 120_000);
});
