import { html, type SafeHtml } from '../../shared/http/html';
import {
  dataTable,
  detailList,
  pager,
  selectField,
  textField,
  timeElement,
} from '../../shared/office/components';
import { csrfInput, type Frame, officePage } from '../../shared/office/layout';
import { type ImportLine, planChunks } from '../rules/bank-import';
import { maxStatementRows, type RowProblem } from '../rules/bank-statement';
import type { BankImport, ChunkOutcome } from '../store/bank-imports';

/**
 * The bank statement import (finance, managers): the upload form with the past imports, and an
 * import's page: its progress while it runs (the page reloads itself), what each row became, the
 * rows needing a person (unmatched, refused, each with its reason) and the payments recorded.
 */

export interface ImportFormView {
  frame: Frame;
  values: Record<string, string>;
  /** The file's problems: the whole file was refused, nothing recorded. */
  problems: readonly RowProblem[];
  imports: readonly BankImport[];
  next?: string;
  isFirst: boolean;
  zone: string;
}

const count = (n: number) => n.toLocaleString('en');

export function importFormPage(view: ImportFormView): string {
  const { frame, values, problems } = view;
  const main = html`<h1>Import a bank statement</h1>
<p>A CSV file whose first row names the columns <code>amount</code>, <code>date</code> (YYYY-MM-DD),
<code>method</code> (bank-transfer, card, cash, cheque), <code>reference</code>, and optionally
<code>invoice</code> and <code>currency</code>; at most ${count(maxStatementRows)} rows. Each row is matched
to an account by its invoice, or by an invoice number or account id in its reference. The file is
imported in the background: its page shows the progress. Importing a file again records nothing twice.</p>
${
  problems.length > 0
    ? html`<div class="summary" role="alert" aria-labelledby="import-problems">
<h2 id="import-problems">The file was not imported: nothing was recorded</h2>
<ul>${problems.map((p) => html`<li>${p.row > 0 ? `Row ${p.row}, ` : ''}${p.field}: ${p.message}</li>`)}</ul>
</div>`
    : ''
}
<form method="post" action="${frame.base}/office/payments/import" enctype="multipart/form-data" class="card">
${csrfInput(frame)}
<div class="field">
<label for="f-file">Statement (CSV)</label>
<input type="file" id="f-file" name="file" accept=".csv,text/csv" required>
</div>
${textField({
  name: 'currency',
  label: 'Currency of rows without a currency column',
  value: values.currency ?? 'EUR',
})}
${selectField(
  { name: 'decimalSeparator', label: 'Decimal separator', value: values.decimalSeparator ?? '.' },
  [
    { value: '.', label: 'Point (1234.56)' },
    { value: ',', label: 'Comma (1234,56)' },
  ],
)}
${selectField({ name: 'delimiter', label: 'Column separator', value: values.delimiter ?? ',' }, [
  { value: ',', label: 'Comma' },
  { value: ';', label: 'Semicolon' },
])}
<button type="submit">Import</button>
</form>
<h2>Past imports</h2>
${dataTable(
  'Bank statements imported, newest first',
  [
    { label: 'Uploaded' },
    { label: 'File' },
    { label: 'By' },
    { label: 'Rows' },
    { label: 'Status' },
  ],
  view.imports.map((i) => [
    timeElement(i.uploadedAt, view.zone),
    html`<a href="${importPath(frame, i.importId)}">${i.fileName}</a>`,
    i.uploadedBy.name,
    count(i.rowCount),
    statusText(i),
  ]),
  'No statement imported yet.',
)}
${pager(`${frame.base}/office/payments/import`, {}, view.next, view.isFirst)}`;
  return officePage(frame, { title: 'Import a bank statement', main });
}

export const importPath = (frame: Frame, importId: string) =>
  `${frame.base}/office/payments/imports/${importId}`;

function statusText(i: BankImport): string {
  switch (i.status) {
    case 'running':
      return `Running: ${count(i.progress.rowsDone)} of ${count(i.rowCount)} rows`;
    case 'done':
      return 'Done';
    case 'failed':
      return `Stopped after ${count(i.progress.rowsDone)} of ${count(i.rowCount)} rows`;
  }
}

export interface ImportPageView {
  frame: Frame;
  record: BankImport;
  /** Every recorded chunk's rows needing a person. */
  chunks: readonly Omit<ChunkOutcome, 'payments'>[];
  /** The chunk whose payments are listed, if recorded. */
  shown?: ChunkOutcome;
  shownChunk: number;
  zone: string;
}

/** Seconds between reloads of a running import's page. */
const refreshSeconds = 3;

export function importPage(view: ImportPageView): string {
  const { frame, record, zone } = view;
  const p = record.progress;
  const percent = record.rowCount === 0 ? 100 : Math.floor((p.rowsDone / record.rowCount) * 100);
  const attention = view.chunks.flatMap((c) => c.attention).sort((a, b) => a.row - b.row);
  const main = html`<h1>Bank statement import</h1>
${detailList([
  ['File', record.fileName],
  ['Uploaded', html`${timeElement(record.uploadedAt, zone)} by ${record.uploadedBy.name}`],
  ['Status', statusText(record)],
  ['Finished', record.finishedAt ? timeElement(record.finishedAt, zone) : undefined],
])}
${
  record.earlierImportId
    ? html`<p class="card">This file was imported before
(<a href="${importPath(frame, record.earlierImportId)}">the earlier import</a>): rows recorded then are
listed as recorded before and add nothing.</p>`
    : ''
}
${
  record.status === 'failed'
    ? html`<p class="flash problem" role="alert">The import stopped after ${count(p.rowsDone)} of
${count(record.rowCount)} rows (${record.failure ?? 'an error'}). What was done is kept: upload the
same file again to finish it; nothing is recorded twice.</p>`
    : ''
}
<div class="card" role="status">
<p>Rows done: <strong>${count(p.rowsDone)}</strong> of <strong>${count(record.rowCount)}</strong>
(${String(percent)} %)</p>
<progress max="${String(record.rowCount)}" value="${String(p.rowsDone)}">${String(percent)} %</progress>
${detailList([
  ['Matched', count(p.recorded + p.alreadyRecorded)],
  ['Recorded now', count(p.recorded)],
  ['Recorded before', count(p.alreadyRecorded)],
  ['Unmatched', count(p.unmatched)],
  ['Refused', count(p.refused)],
  ['Receipts sent', count(p.receiptsSent)],
  ['Receipts waiting on the outbox', count(p.receiptsWaiting)],
])}
${record.status === 'running' ? html`<p class="meta">This page reloads itself every ${String(refreshSeconds)} seconds while the import runs.</p>` : ''}
</div>
<h2>Rows to look at</h2>
${dataTable(
  'Rows not recorded, with the reason',
  [
    { label: 'Row' },
    { label: 'Date' },
    { label: 'Amount' },
    { label: 'Reference' },
    { label: 'Outcome' },
    { label: 'Why' },
  ],
  attention.map((line) => [
    String(line.row),
    line.date,
    line.amount,
    line.reference,
    outcomeText(line),
    'reason' in line ? line.reason : '',
  ]),
  p.rowsDone === 0 ? 'No rows done yet.' : 'Every row done so far was matched and recorded.',
)}
<h2>Payments</h2>
${chunkLinks(view)}
${dataTable(
  `Payments of rows ${rowsText(view)}`,
  [
    { label: 'Row' },
    { label: 'Date' },
    { label: 'Amount' },
    { label: 'Reference' },
    { label: 'Outcome' },
    { label: 'Payment' },
  ],
  (view.shown?.payments ?? []).map((line) => [
    String(line.row),
    line.date,
    line.amount,
    line.reference,
    outcomeText(line),
    paymentLink(frame, line),
  ]),
  view.shown ? 'No payments in these rows.' : 'These rows are not done yet.',
)}
<p><a href="${frame.base}/office/payments/import">Import another statement</a></p>`;
  return officePage(frame, {
    title: 'Bank statement import',
    main,
    ...(record.status === 'running' ? { refreshSeconds } : {}),
  });
}

function outcomeText(line: ImportLine): string {
  switch (line.outcome) {
    case 'recorded':
      return line.receipt === 'sent' ? 'Recorded, receipt sent' : 'Recorded, receipt waiting';
    case 'already-recorded':
      return 'Recorded before';
    case 'unmatched':
      return 'Unmatched';
    case 'refused':
      return 'Refused';
  }
}

function paymentLink(frame: Frame, line: ImportLine): SafeHtml | string {
  if (line.outcome !== 'recorded' && line.outcome !== 'already-recorded') return '';
  return html`<a href="${frame.base}/office/accounts/${line.accountId}/payments/${line.paymentId}">${line.paymentId}</a>`;
}

function rowsText(view: ImportPageView): string {
  const chunk = planChunks(view.record.rowCount, view.record.chunkRows)[view.shownChunk];
  return chunk ? `${chunk.fromRow}–${chunk.toRow}` : '';
}

/** One link per chunk of rows, the shown one marked. */
function chunkLinks(view: ImportPageView): SafeHtml {
  const chunks = planChunks(view.record.rowCount, view.record.chunkRows);
  if (chunks.length <= 1) return html``;
  const path = importPath(view.frame, view.record.importId);
  return html`<nav class="paging" aria-label="Rows of the file">
<ul>${chunks.map((c) =>
    c.chunk === view.shownChunk
      ? html`<li><a href="${path}?rows=${String(c.chunk)}" aria-current="page">Rows ${c.fromRow}–${c.toRow}</a></li>`
      : html`<li><a href="${path}?rows=${String(c.chunk)}">Rows ${c.fromRow}–${c.toRow}</a></li>`,
  )}</ul>
</nav>`;
}
