import type { RowProblem } from '../../domain/bank-statement';
import { formatMoney } from '../../domain/money';
import type { ImportSummary } from '../../payments-import';
import { html } from '../html';
import { dataTable, selectField, textField } from './components';
import { csrfInput, type Frame, officePage } from './layout';

/**
 * The bank statement import (finance): a CSV upload form, and the summary of what an import did:
 * payments recorded, rows recorded by an earlier import, rows no account could be found for.
 */

export interface ImportFormView {
  frame: Frame;
  values: Record<string, string>;
  /** The file's problems: the whole file was refused, nothing recorded. */
  problems: readonly RowProblem[];
}

export function importFormPage(view: ImportFormView): string {
  const { frame, values, problems } = view;
  const main = html`<h1>Import a bank statement</h1>
<p>A CSV file whose first row names the columns <code>amount</code>, <code>date</code> (YYYY-MM-DD),
<code>method</code> (bank-transfer, card, cash, cheque), <code>reference</code>, and optionally
<code>invoice</code> and <code>currency</code>. Each row is matched to an account by its invoice, or by an
invoice number or account id in its reference. Importing a file again records nothing twice.</p>
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
</form>`;
  return officePage(frame, { title: 'Import a bank statement', main });
}

export function importSummaryPage(frame: Frame, summary: ImportSummary): string {
  const money = (m: { amountMinor: number; currency: string }) => formatMoney(m, 'en');
  const paymentLink = (r: { accountId: string; paymentId: string }) =>
    html`<a href="${frame.base}/office/accounts/${r.accountId}/payments/${r.paymentId}">${r.paymentId}</a>`;
  const columns = [
    { label: 'Row' },
    { label: 'Date' },
    { label: 'Amount' },
    { label: 'Reference' },
  ];
  const main = html`<h1>Bank statement imported</h1>
<p class="card" role="status">Recorded: <strong>${String(summary.recorded.length)}</strong> ·
Already recorded: <strong>${String(summary.alreadyRecorded.length)}</strong> ·
Unmatched: <strong>${String(summary.unmatched.length)}</strong></p>
<h2>Recorded now</h2>
${dataTable(
  'Payments recorded by this import',
  [...columns, { label: 'Payment' }],
  summary.recorded.map((r) => [
    String(r.row),
    r.date,
    money(r.amount),
    r.reference,
    paymentLink(r),
  ]),
  'No new payments.',
)}
<h2>Already recorded</h2>
${dataTable(
  'Rows recorded by an earlier import',
  [...columns, { label: 'Payment' }],
  summary.alreadyRecorded.map((r) => [
    String(r.row),
    r.date,
    money(r.amount),
    r.reference,
    paymentLink(r),
  ]),
  'None.',
)}
<h2>Unmatched</h2>
${dataTable(
  'Rows not recorded',
  [...columns, { label: 'Why' }],
  summary.unmatched.map((r) => [String(r.row), r.date, money(r.amount), r.reference, r.reason]),
  'Every row was matched.',
)}
<p><a href="${frame.base}/office/payments/import">Import another statement</a></p>`;
  return officePage(frame, { title: 'Bank statement imported', main });
}
