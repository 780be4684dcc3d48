/**
 * `npm run bench:bank-import -- [--rows 5000] [--accounts 40]`: issue 11's "done when" for bank
 * statements, on a local cloud of its own (`npm start`'s program on free ports and a temporary
 * data folder, stopped at the end). Not part of `npm test`.
 *
 * A finance user uploads a statement through the back office: all but 2 % of its rows pay one of
 * the accounts (named in the reference: a payment and its receipt through the outbox and the SES
 * endpoint), 1 % have a bad amount, 1 % name no account. While the `bank-statement-import`
 * workflow runs, the import's page is read every 2 seconds (as its reloads do). Prints how fast
 * the upload answered, how long the import took, every page answer's status, and the rows
 * accounted for; exits 1 if any row is missing or any answer was a 5xx. Beside them it prints what
 * one DynamoDB Local write costs on this machine at the time: the bound the import time follows
 * (a row is about four writes).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { bankImportStore } from '../functions/payments/store/bank-imports';
import { importIdOf, uploadStatement, waitForImport } from '../test/support/bank-import';
import { startLocalCloudProcess } from '../test/support/local-cloud-process';
import { csrfOf, seeded, staffIdOf } from '../test/support/office';
import {
  type AccountWithInvoices,
  accountWithInvoices,
  localTable,
} from '../test/support/payment-fixtures';
import { signInAs } from '../test/support/staff-session';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '5000' },
    accounts: { type: 'string', default: '40' },
  },
});
const rowCount = Number(values.rows);
const accountCount = Number(values.accounts);
const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-import-'));
  const cloud = await startLocalCloudProcess({
    dataDir,
    args: ['--hold-schedules', 'first-contact-reminders,renewals,billing,arrears,statements'],
  });
  const endpoints = cloud.endpoints;
  const table = localTable(endpoints);
  try {
    const finance = await signInAs(endpoints, seeded.finance);
    const csrf = await csrfOf(finance);
    const manager = await signInAs(endpoints, seeded.manager);
    const owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
    const accounts: AccountWithInvoices[] = [];
    for (let a = 0; a < accountCount; a++) {
      accounts.push(await accountWithInvoices(table, { owner, count: 1, unitPriceMinor: 10_000 }));
    }

    // What one write costs here now (DynamoDB Local shares the machine with everything else).
    const writeStarted = performance.now();
    for (let i = 0; i < 50; i++) {
      await table.client.send(
        new PutCommand({ TableName: table.name, Item: { pk: `BENCH#${i}`, sk: 'WRITE' } }),
      );
    }
    const writeMs = (performance.now() - writeStarted) / 50;

    const rows = Array.from({ length: rowCount }, (_, n) => {
      if (n % 100 === 7) return `1.0.0,${day},bank-transfer,Bad amount ${n}`;
      if (n % 100 === 9) return `1.00,${day},bank-transfer,Unknown payer ${n}`;
      const account = accounts[n % accountCount];
      return `1.00,${day},bank-transfer,Customer ${account?.accountId} row ${n}`;
    });
    const csv = ['amount,date,method,reference', ...rows].join('\n');

    const started = Date.now();
    const importId = importIdOf(await uploadStatement(finance, csrf, csv));
    const answeredMs = Date.now() - started;
    const statuses = new Map<number, number>();
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const page = await finance.fetch(`/office/payments/imports/${importId}`, {
          headers: { accept: 'text/html' },
        });
        await page.text();
        statuses.set(page.status, (statuses.get(page.status) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2_000));
      }
    })();
    const done = await waitForImport(endpoints, table, importId, {
      timeoutMs: 3_600_000,
    }).finally(() => {
      reading = false;
    });
    await reader;
    const tookMs = Date.now() - started;
    const lines = (await bankImportStore(table).chunkAttention(importId)).flatMap(
      (c) => c.attention,
    );
    const p = done.progress;
    const accounted = p.recorded + p.alreadyRecorded + p.unmatched + p.refused;

    console.log(`rows                  ${rowCount} (${accountCount} accounts)`);
    console.log(`upload answered in    ${answeredMs} ms (303 to the import's page)`);
    console.log(
      `imported in           ${seconds(tookMs)} (${(rowCount / (tookMs / 1000)).toFixed(0)} rows/s, ${done.chunkCount} chunks)`,
    );
    console.log(
      `one table write       ${writeMs.toFixed(1)} ms here now (a row is about 4 writes and 3 reads)`,
    );
    console.log(`page answers          ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(', ')}`);
    console.log(
      `rows accounted for    ${accounted} of ${rowCount}: recorded ${p.recorded}, unmatched ${p.unmatched}, refused ${p.refused} (listed: ${lines.length}), receipts sent ${p.receiptsSent}`,
    );
    const fiveXx = [...statuses.keys()].some((s) => s >= 500);
    return accounted === rowCount && done.status === 'done' && !fiveXx ? 0 : 1;
  } finally {
    table.client.destroy();
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`The bench failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);
