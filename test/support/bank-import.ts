import type { ImportTally } from '../../functions/payments/rules/bank-import';
import { type BankImport, bankImportStore } from '../../functions/payments/store/bank-imports';
import type { Table } from '../../functions/shared/store/table';
import { executionArn, waitForExecution } from './local-cloud-clients';
import type { LocalCloudEndpoints } from './local-cloud-context';
import type { StaffSession } from './staff-session';

/** Helpers for tests (and the bench) that import bank statements through the back office. */

/** Uploads a statement as the import form does; answers the HTTP answer (a 303 when taken). */
export function uploadStatement(
  session: StaffSession,
  csrf: string,
  csv: string,
  fields: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  form.set('csrf', csrf);
  form.set('currency', 'EUR');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'statement.csv');
  return session.fetch('/office/payments/import', {
    method: 'POST',
    headers: { accept: 'text/html' },
    body: form,
  });
}

/** The import an upload's answer leads to. */
export function importIdOf(response: Response): string {
  if (response.status !== 303) throw new Error(`The upload answered ${response.status}, not 303`);
  const location = response.headers.get('location') ?? '';
  const id = /\/office\/payments\/imports\/([0-9A-Z]{26})$/.exec(location)?.[1];
  if (!id) throw new Error(`The upload led to ${location}, not an import's page`);
  return id;
}

/**
 * Waits for the import's workflow execution (named by the import, unless another name is given)
 * to succeed; answers the import as it then is.
 */
export async function waitForImport(
  cloud: LocalCloudEndpoints,
  table: Table,
  importId: string,
  options: { execution?: string; timeoutMs?: number } = {},
): Promise<BankImport> {
  const run = await waitForExecution(
    cloud,
    executionArn(cloud, 'bank-statement-import', options.execution ?? importId),
    options.timeoutMs ?? 120_000,
  );
  if (run.status !== 'SUCCEEDED') {
    throw new Error(`Import ${importId}'s run ended ${run.status}: ${run.error} ${run.cause}`);
  }
  const record = await bankImportStore(table).get(importId);
  if (!record) throw new Error(`Import ${importId} is missing`);
  return record;
}

/** The counts an import's page shows, read from the page. */
export function countsOnPage(page: string): Partial<ImportTally> & { rowCount?: number } {
  const number = (label: string) => {
    const match = new RegExp(`<dt>${label}</dt><dd>([\\d,]+)</dd>`).exec(page);
    return match ? Number(match[1]?.replaceAll(',', '')) : undefined;
  };
  const rows = /Rows done: <strong>([\d,]+)<\/strong> of <strong>([\d,]+)<\/strong>/.exec(page);
  return {
    rowsDone: Number(rows?.[1]?.replaceAll(',', '')),
    rowCount: Number(rows?.[2]?.replaceAll(',', '')),
    recorded: number('Recorded now'),
    alreadyRecorded: number('Recorded before'),
    unmatched: number('Unmatched'),
    refused: number('Refused'),
    receiptsSent: number('Receipts sent'),
  };
}
