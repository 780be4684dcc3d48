/**
 * `npx tsx bench/arrears.ts [--invoices 100000] [--as-of 2026-06-30] [--fresh]`: the arrears run
 * for one business date over many open invoices, on a DynamoDB Local of its own (a temporary
 * directory, a free port on 127.0.0.1, stopped at the end). Not part of `npm test`.
 *
 * The invoices fall due evenly over the year before the date, spread over 1,000 accounts. By
 * default each already carries the steps a daily run would have done by yesterday, so the run
 * measures an ordinary day: it reads the ladder's lists (the invoices whose step falls due today)
 * and acts on them. `--fresh` leaves every step undone (a desk's very first run: every
 * invoice in reach gets its highest step).
 *
 * Emails go through the real outbox (claims in DynamoDB) to a counting sender instead of SES.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { freePort, startDynamoDbLocal } from '@customer-desk/local-stepfunctions/dynamodb-local';
import { DateTime } from 'luxon';
import { accountRecordPk } from '../functions/accounts/store/accounts';
import { arrearsJob } from '../functions/collections/arrears-job';
import { nextStepOn } from '../functions/collections/rules/dunning';
import {
  dunningKeys,
  invoiceIndexKeys,
  invoicePk,
  invoiceSk,
} from '../functions/invoicing/store/invoice-keys';
import { outbox } from '../functions/messages/outbox';
import { outboxStore } from '../functions/messages/store/outbox-store';
import { eventPublisher } from '../functions/shared/events';
import { jobStore } from '../functions/shared/jobs/job-store';
import { runDailyJob } from '../functions/shared/jobs/runner';
import { addDays } from '../functions/shared/rules/job-dates';
import { eventStore } from '../functions/shared/store/event-store';
import type { Table } from '../functions/shared/store/table';
import { defaultBusinessRules } from '../functions/staff/settings/business-rules';
import { settingsStore } from '../functions/staff/settings/settings-store';
import { localClientConfig } from '../infra/local/aws-clients';
import { ensureTable } from '../infra/local/dynamodb';
import { manifest } from '../infra/manifest';

const { values } = parseArgs({
  options: {
    invoices: { type: 'string', default: '100000' },
    'as-of': { type: 'string', default: '2026-06-30' },
    fresh: { type: 'boolean', default: false },
  },
});
const invoiceCount = Number(values.invoices);
const asOfDate = values['as-of'] ?? '2026-06-30';
const fresh = values.fresh ?? false;
const accountCount = 1_000;
const zone = 'Europe/Athens';
const ladder = defaultBusinessRules.dunning.ladder;

/** The steps a daily run would have done by the day before `asOfDate`. */
function stepsDoneBy(dueDate: string): number[] {
  if (fresh) return [];
  const yesterday = addDays(asOfDate, -1);
  return ladder.map((s) => s.daysPastDue).filter((d) => addDays(dueDate, d) <= yesterday);
}

async function writeAll(table: Table, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] ?? [];
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      while (requests.length > 0) {
        const answer = await table.client.send(
          new BatchWriteCommand({ RequestItems: { [table.name]: requests } }),
        );
        requests = (answer.UnprocessedItems?.[table.name] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function accountItems(): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (let a = 0; a < accountCount; a++) {
    const accountId = `ACC-BENCH-${a}`;
    items.push({
      pk: accountRecordPk(accountId),
      sk: 'ACCOUNT',
      entity: 'account',
      accountId,
      legalName: `Bench ${a} Ltd`,
      contactName: 'Bea Bench',
      email: `bench.${a}@example.org`,
      addressLines: ['1 Main Street'],
      country: 'GR',
      language: (['en', 'de', 'el', 'ko', 'zh'] as const)[a % 5],
      team: 'north',
      ownerId: 'NOBODY',
      status: 'active',
      openedAt: '2025-01-01T00:00:00.000Z',
      version: 1,
    });
  }
  return items;
}

function invoiceItems(): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const owed = new Map<string, number>();
  for (let i = 0; i < invoiceCount; i++) {
    const accountId = `ACC-BENCH-${i % accountCount}`;
    const dueDate = addDays(asOfDate, -Math.floor((i * 365) / invoiceCount));
    const number = `INV-BENCH-${String(i).padStart(7, '0')}`;
    const issueDate = addDays(dueDate, -30);
    const done = stepsDoneBy(dueDate);
    // Where the ladder left it: not chased yet, or listed under its next step's day (if any).
    const next = nextStepOn({ dueDate, ladderStepsDone: done }, ladder);
    const listed =
      done.length === 0
        ? {}
        : next
          ? dunningKeys('next-step', number, next)
          : { dunningPk: undefined, dunningSk: undefined };
    items.push({
      pk: invoicePk(number),
      sk: invoiceSk,
      entity: 'invoice',
      number,
      accountId,
      currency: 'EUR',
      issueDate,
      dueDate,
      openMinor: 12_400,
      ...invoiceIndexKeys({ number, accountId, issueDate, dueDate }, 12_400),
      ...listed,
      ...(done.length > 0 ? { ladderStepsDone: done, ladderVersion: 1 } : {}),
    });
    owed.set(accountId, (owed.get(accountId) ?? 0) + 12_400);
  }
  for (const [accountId, balanceMinor] of owed) {
    items.push({
      pk: accountRecordPk(accountId),
      sk: 'BALANCE',
      entity: 'account-balance',
      accountId,
      currency: 'EUR',
      balanceMinor,
      creditMinor: 0,
      version: 1,
    });
  }
  return items;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-arrears-'));
  const dynamo = await startDynamoDbLocal(await freePort(), dataDir, () => {});
  const raw = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  const table: Table = {
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    name: manifest.table.name,
  };
  try {
    await ensureTable(raw, manifest.table);
    let started = Date.now();
    await writeAll(table, accountItems());
    await writeAll(table, invoiceItems());
    process.stdout.write(
      `loaded ${invoiceCount} open invoices of ${accountCount} accounts in ${((Date.now() - started) / 1000).toFixed(1)} s${fresh ? ' (no step done yet)' : ''}\n`,
    );

    let emails = 0;
    const mail = outbox(
      outboxStore(table),
      { send: async () => `bench-${++emails}` },
      {
        documents: {
          read: async () => {
            throw new Error('no attachments in arrears notices');
          },
        },
      },
    );
    const reads: { date: string; read: number; candidates: number }[] = [];
    let published = 0;
    // Suspension events are recorded in the table as on AWS, and published to a counting bus.
    const events = eventPublisher(eventStore(table), { put: async () => `bench-${++published}` });
    const job = arrearsJob(
      { table, settings: settingsStore(table), outbox: mail, sender: 'desk@desk.local', zone },
      { events, onRead: (date, read, candidates) => reads.push({ date, read, candidates }) },
    );
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 100);
    started = Date.now();
    const summary = await runDailyJob(job, jobStore(table), {
      asOf: DateTime.fromISO(asOfDate, { zone }).endOf('day').toJSDate(),
      zone,
      now: () => new Date(),
    });
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const read = reads.reduce((n, r) => n + r.read, 0);
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
    process.stdout.write(
      [
        `arrears run for ${asOfDate}: ${seconds.toFixed(1)} s`,
        `  open invoices read from the index: ${read} (of ${invoiceCount})`,
        `  invoices with a step due: ${reads.reduce((n, r) => n + r.candidates, 0)}`,
        `  acted on (a step recorded): ${summary.sent}, skipped ${summary.skipped}, failed ${summary.failed}`,
        `  emails sent through the outbox: ${emails}, events published: ${published}`,
        `  memory: peak RSS ${mib(peakRss)}, heap used now ${mib(process.memoryUsage().heapUsed)}`,
      ].join('\n'),
    );
    process.stdout.write('\n');
  } finally {
    table.client.destroy();
    await dynamo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`The bench failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
