import { createHash } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountStore } from '../../../functions/accounts/store/accounts';
import { documentFiles } from '../../../functions/contracts/contract-documents';
import { invoiceStore } from '../../../functions/invoicing/store/invoices';
import { outbox } from '../../../functions/messages/outbox';
import { sesSender } from '../../../functions/messages/ses';
import { outboxStore } from '../../../functions/messages/store/outbox-store';
import { acceptBankStatement, importChunk } from '../../../functions/payments/import';
import { bankImportStore } from '../../../functions/payments/store/bank-imports';
import { paymentStore } from '../../../functions/payments/store/payments';
import { workflowStarter } from '../../../functions/shared/workflow';
import { defaultCompanyDetails } from '../../../functions/staff/settings/company';
import { localCredentials } from '../../../infra/local/aws-clients';
import { localNames } from '../../../infra/local/names';
import {
  countsOnPage,
  importIdOf,
  uploadStatement,
  waitForImport,
} from '../../support/bank-import';
import {
  emailsTo,
  executionArn,
  sfnClient,
  stateMachineArn,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { csrfOf, seeded, staffIdOf } from '../../support/office';
import { accountWithInvoices, localTable, moneyOf } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Importing a CSV bank statement in the back office against the local cloud: the upload answers
 * at once and the `bank-statement-import` workflow imports the rows in the background; rows are
 * matched to accounts by invoice or reference and recorded once however often the file is
 * imported or a run is repeated; a refused row is listed with its reason and the others go on.
 * Invoices are 124.00 EUR each.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
let finance: StaffSession;
let csrf: string;
let owner: { staffId: string; team: string };
/** Yesterday in UTC: never ahead of the business date, whatever the company's zone. */
const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  finance = await signInAs(cloud, seeded.finance);
  csrf = await csrfOf(finance);
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => table.client.destroy());

const upload = (csv: string, fields: Record<string, string> = {}) =>
  uploadStatement(finance, csrf, csv, fields);

async function importPage(importId: string): Promise<string> {
  const response = await finance.fetch(`/office/payments/imports/${importId}`, {
    headers: { accept: 'text/html' },
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe('importing a bank statement in the background', () => {
  it('answers at once, records each matched row once, and the same file again adds nothing', async () => {
    const a = await accountWithInvoices(table, { owner, count: 2, unitPriceMinor: 10_000 });
    const b = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const [a1, a2] = a.invoices;
    const [b1] = b.invoices;
    const csv = [
      'Date,Amount,Method,Reference,Invoice',
      `${day},124.00,bank-transfer,Thank you,${a2?.number}`,
      `${day},50.00,bank-transfer,Part of ${b1?.number},`,
      `${day},10.00,card,Customer ${a.accountId},`,
      `${day},10.00,card,Customer ${a.accountId},`,
      `${day},7.00,cash,Nobody we know,`,
    ].join('\n');

    const form = await finance.fetch('/office/payments/import', {
      headers: { accept: 'text/html' },
    });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('enctype="multipart/form-data"');

    // A double click: both uploads lead to the one import of the file.
    const [first, twin] = await Promise.all([upload(csv), upload(csv)]);
    const importId = importIdOf(first);
    expect(importIdOf(twin)).toBe(importId);

    const done = await waitForImport(cloud, table, importId);
    expect(done.status).toBe('done');
    const page = await importPage(importId);
    expect(countsOnPage(page)).toEqual({
      rowsDone: 5,
      rowCount: 5,
      recorded: 4,
      alreadyRecorded: 0,
      unmatched: 1,
      refused: 0,
      receiptsSent: 4,
    });
    expect(page).toContain('Nobody we know');
    expect(page).toContain('no invoice number or account id of the desk in the reference');
    expect(page).not.toContain('http-equiv="refresh"');

    // a: 248.00 owed; a2 named and paid, then two identical rows of 10.00 pay a1 (oldest).
    const moneyA = await moneyOf(table, a);
    expect(moneyA.balance).toMatchObject({ balanceMinor: 24_800 - 14_400, creditMinor: 0 });
    expect(moneyA.invoices).toEqual([
      { number: a1?.number, openMinor: 10_400, onOpenIndex: true },
      { number: a2?.number, openMinor: 0, onOpenIndex: false },
    ]);
    expect((await moneyOf(table, b)).balance).toMatchObject({ balanceMinor: 7_400 });
    expect(await emailsTo(cloud, a.email)).toHaveLength(3);
    expect(await emailsTo(cloud, b.email)).toHaveLength(1);

    // The past imports list it; the file again is a new import that records nothing new.
    const list = await finance.fetch('/office/payments/import', {
      headers: { accept: 'text/html' },
    });
    expect(await list.text()).toContain(`/office/payments/imports/${importId}`);
    const againId = importIdOf(await upload(csv));
    expect(againId).not.toBe(importId);
    expect((await waitForImport(cloud, table, againId)).progress).toMatchObject({
      rowsDone: 5,
      recorded: 0,
      alreadyRecorded: 4,
      unmatched: 1,
      receiptsSent: 0,
    });
    expect(await importPage(againId)).toContain('This file was imported before');
    expect((await moneyOf(table, a)).balance?.balanceMinor).toBe(10_400);
    expect((await moneyOf(table, b)).balance?.balanceMinor).toBe(7_400);
    expect(await emailsTo(cloud, a.email)).toHaveLength(3);
    expect(await emailsTo(cloud, b.email)).toHaveLength(1);
  });

  it('reads a file with decimal commas and semicolons', async () => {
    const c = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const csv = `amount;date;method;reference;invoice\n"24,00";${day};cheque;Scheck 17;${c.invoices[0]?.number}\n`;
    const importId = importIdOf(await upload(csv, { decimalSeparator: ',', delimiter: ';' }));
    expect((await waitForImport(cloud, table, importId)).progress).toMatchObject({ recorded: 1 });
    expect((await moneyOf(table, c)).balance?.balanceMinor).toBe(10_000);
  });

  it('lists each refused row with its reason and records the other rows', async () => {
    const d = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const yuan = await accountWithInvoices(table, {
      owner,
      count: 1,
      unitPriceMinor: 10_000,
      currency: 'CNY',
    });
    // Far ahead: other tests move the shared local cloud's clock on by days.
    const ahead = '2099-12-31';
    const csv = [
      'amount,date,method,reference,invoice',
      `"1,234.00",${day},bank-transfer,Bad amount,${d.invoices[0]?.number}`,
      `24.00,${day},bank-transfer,Fine row,${d.invoices[0]?.number}`,
      `30.00,${day},bank-transfer,Wrong currency,${yuan.invoices[0]?.number}`,
      `31.00,${day},bank-transfer,Customer ${yuan.accountId},`,
      `5.00,${ahead},bank-transfer,Customer ${d.accountId},`,
      `6.00,${day},bank-transfer,Unknown payer,`,
    ].join('\n');
    const importId = importIdOf(await upload(csv));
    expect((await waitForImport(cloud, table, importId)).progress).toMatchObject({
      rowsDone: 6,
      recorded: 1,
      unmatched: 1,
      refused: 4,
    });
    const page = await importPage(importId);
    expect(page).toContain('amount &quot;1,234.00&quot; has a thousands separator');
    // Both rows for the yuan account, by its invoice and by its account reference.
    expect(page.split('currency the account is kept in CNY, not EUR')).toHaveLength(3);
    expect(page).toContain('date a payment cannot be dated ahead');
    expect(page).toContain('Unknown payer');
    expect((await moneyOf(table, d)).balance?.balanceMinor).toBe(10_000);
    expect((await moneyOf(table, yuan)).balance?.balanceMinor).toBe(12_400);
    expect(await emailsTo(cloud, d.email)).toHaveLength(1);
    expect(await emailsTo(cloud, yuan.email)).toHaveLength(0);
  });

  it('refuses a file it cannot import at all, naming the field, and records nothing', async () => {
    const missing = await upload(`amount,date,reference\n1.00,${day},R`);
    expect(missing.status).toBe(400);
    const missingPage = await missing.text();
    expect(missingPage).toContain('nothing was recorded');
    expect(missingPage).toContain('Row 1, method: column missing');

    const rows = Array.from({ length: 5001 }, (_, i) => `1.00,${day},cash,Too long ${i}`);
    const tooLong = await upload(['amount,date,method,reference', ...rows].join('\n'));
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain(
      'file: has 5,001 rows; import at most 5,000 at a time (split the file by date)',
    );
  });

  it('resumes a run killed mid-chunk: each payment recorded and each receipt sent once', async () => {
    const e = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const csv = [
      'amount,date,method,reference',
      ...[11, 12, 13, 14].map((n) => `${n}.00,${day},cash,Killed run ${n} ${e.accountId}`),
    ].join('\n');
    const imports = bankImportStore(table);
    const s3 = new S3Client({
      endpoint: cloud.s3Endpoint,
      region: cloud.region,
      credentials: localCredentials,
      forcePathStyle: true,
    });
    const ses = new SESv2Client({
      endpoint: cloud.sesEndpoint,
      region: cloud.region,
      credentials: localCredentials,
      maxAttempts: 1,
    });
    const files = documentFiles(localNames.documentsBucket, s3);
    const by = { staffId: 'S-TEST', name: 'Finn Finance' };
    // The upload dies after creating the import, before starting its workflow...
    const { importId } = await acceptBankStatement(
      {
        imports,
        files,
        workflow: { start: async () => Promise.reject(new Error('killed')) },
      },
      { fileName: 'killed.csv', bytes: Buffer.from(csv), options: { currency: 'EUR' } },
      by,
      new Date(),
    ).catch(async (error) => {
      expect(error).toMatchObject({ message: 'killed' });
      const digest = createHash('sha256').update(csv).digest('hex');
      const record = await imports.latestOfFile(digest);
      if (!record) throw new Error('no import was created');
      return record;
    });
    // ...and a chunk run dies after two of its four payments (and their receipts).
    const payments = paymentStore(table);
    let writes = 0;
    const dying = {
      ...payments,
      async write(w: Parameters<typeof payments.write>[0]) {
        if (++writes > 2) throw new Error('killed');
        return payments.write(w);
      },
    };
    await expect(
      importChunk(
        {
          imports,
          files,
          payments: dying,
          accounts: accountStore(table),
          invoices: invoiceStore(table),
          outbox: outbox(outboxStore(table), sesSender(ses)),
          sender: 'desk@example.com',
          company: defaultCompanyDetails,
          zone: 'Europe/Athens',
        },
        importId,
        0,
        new Date(),
      ),
    ).rejects.toThrow('killed');
    expect(await emailsTo(cloud, e.email)).toHaveLength(2);

    // The same file uploaded again leads to the unfinished import and starts it.
    expect(importIdOf(await upload(csv))).toBe(importId);
    const resumed = await waitForImport(cloud, table, importId);
    expect(resumed.progress).toMatchObject({
      rowsDone: 4,
      recorded: 4,
      alreadyRecorded: 0,
      receiptsSent: 4,
    });
    expect(await emailsTo(cloud, e.email)).toHaveLength(4);
    expect((await moneyOf(table, e)).balance?.balanceMinor).toBe(12_400 - 5_000);

    // The whole run once more, as a retried or duplicated execution would: nothing changes.
    const sfn = sfnClient(cloud);
    await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: stateMachineArn(cloud, 'bank-statement-import'),
        name: `${importId}-again`,
        input: JSON.stringify({ importId }),
      }),
    );
    const again = await waitForImport(cloud, table, importId, { execution: `${importId}-again` });
    expect(again.progress).toEqual(resumed.progress);
    expect(await emailsTo(cloud, e.email)).toHaveLength(4);
    expect((await moneyOf(table, e)).balance?.balanceMinor).toBe(12_400 - 5_000);
    sfn.destroy();
    s3.destroy();
    ses.destroy();
  });

  it('shows an import stopped when its file cannot be read, and the file again finishes it', async () => {
    const f = await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 });
    const csv = `amount,date,method,reference\n9.00,${day},cash,Lost file ${f.accountId}\n`;
    const imports = bankImportStore(table);
    const sfn = sfnClient(cloud);
    // The file never reaches the bucket (as if deleted): the run stops, the import says so.
    const { importId } = await acceptBankStatement(
      {
        imports,
        files: { putNew: async () => 'written' as const },
        workflow: workflowStarter(stateMachineArn(cloud, 'bank-statement-import'), sfn),
      },
      { fileName: 'lost.csv', bytes: Buffer.from(csv), options: { currency: 'EUR' } },
      { staffId: 'S-TEST', name: 'Finn Finance' },
      new Date(),
    );
    const run = await waitForExecution(
      cloud,
      executionArn(cloud, 'bank-statement-import', importId),
    );
    expect(run).toMatchObject({ status: 'FAILED', error: 'ImportStopped' });
    expect(await imports.get(importId)).toMatchObject({
      status: 'failed',
      failure: 'RecordMissing',
    });
    expect(await importPage(importId)).toContain('The import stopped after 0 of\n1 rows');

    const againId = importIdOf(await upload(csv));
    expect(againId).not.toBe(importId);
    expect(await waitForImport(cloud, table, againId)).toMatchObject({
      status: 'done',
      earlierImportId: importId,
      progress: expect.objectContaining({ recorded: 1 }),
    });
    sfn.destroy();
  });

  it('is refused without the form’s CSRF token, and to agents', async () => {
    const form = new FormData();
    form.set('file', new Blob(['amount,date,method,reference\n'], { type: 'text/csv' }), 's.csv');
    const forged = await finance.fetch('/office/payments/import', { method: 'POST', body: form });
    expect(forged.status).toBe(403);
    const agent = await signInAs(cloud, seeded.agentNorth);
    const page = await agent.fetch('/office/payments/import', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(403);
  });
});
