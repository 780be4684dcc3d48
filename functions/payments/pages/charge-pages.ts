import type { Account } from '../../accounts/store/accounts';
import type { FieldProblem } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/http/html';
import {
  dataTable,
  detailList,
  errorSummary,
  selectField,
  textField,
  timeElement,
} from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import { formatMoney } from '../../shared/rules/money';
import { staffRolesOf } from '../../shared/staff-roles';
import type { ChargesImportSummary } from '../charges';
import type { RowProblem } from '../rules/bank-statement';
import { type Charge, chargeKinds } from '../rules/charges';
import { maxChargeRows } from '../rules/charges-csv';
import { reasonForm } from './payment-pages';

/**
 * Back-office pages of charges (usage and miscellaneous fees, billed by the run on the 13th):
 * the form on an account with its latest charges, and the CSV import with its summary. The
 * reference makes a charge once: posting the form twice, or a file again, adds nothing.
 */

const labels: Record<string, string> = {
  date: 'Date',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  taxRatePercent: 'Tax rate (%)',
  currency: 'Currency',
  kind: 'Kind',
  reference: 'Reference',
};

/** The account page's link to the charge form, for the roles that may record charges. */
export function accountChargeAction(frame: Frame, accountId: string): SafeHtml {
  const roles = staffRolesOf('GET /office/accounts/{accountId}/charges/new') ?? [];
  if (!roles.includes(frame.principal.role)) return html``;
  return html`<p><a href="${frame.base}/office/accounts/${accountId}/charges/new">Record a charge</a></p>`;
}

export const kindNames: Record<(typeof chargeKinds)[number], string> = {
  usage: 'Usage',
  misc: 'Miscellaneous',
};

const chargeRows = (frame: Frame, charges: readonly Charge[]) =>
  charges.map((c) => [
    c.date,
    c.description,
    kindNames[c.kind],
    c.quantity,
    formatMoney({ amountMinor: c.unitPriceMinor, currency: c.currency }, 'en'),
    `${c.taxRatePercent} %`,
    c.reference,
    chargeState(frame, c),
  ]);

/** Billed (its invoice), voided (why), or not billed yet (with the void link, for who may). */
function chargeState(frame: Frame, c: Charge): SafeHtml | string {
  if (c.invoiceNumber) {
    return html`<a href="${frame.base}/office/invoices/${c.invoiceNumber}">${c.invoiceNumber}</a>`;
  }
  if (c.voided) return `Voided by ${c.voided.by.name}: ${c.voided.reason}`;
  if (c.billedRequest) return 'Being billed';
  const roles = staffRolesOf('POST /office/accounts/{accountId}/charges/{chargeId}/void') ?? [];
  return roles.includes(frame.principal.role)
    ? html`Not billed yet · <a href="${frame.base}/office/accounts/${c.accountId}/charges/${c.chargeId}/void">Void</a>`
    : 'Not billed yet';
}
const chargeColumns = [
  'Date',
  'Description',
  'Kind',
  'Quantity',
  'Unit price',
  'Tax',
  'Reference',
  'Invoice',
].map((label) => ({ label }));

export function chargeFormPage(view: {
  frame: Frame;
  account: Account;
  charges: readonly Charge[];
  values: Record<string, string>;
  problems: readonly FieldProblem[];
  flash?: Flash;
}): string {
  const { frame, account: a, values, problems } = view;
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const text = (name: string, hint?: string) =>
    textField({
      name,
      label: labels[name] ?? name,
      value: values[name] ?? '',
      error: errorOf(name),
      required: true,
      ...(hint ? { hint } : {}),
    });
  const accountPath = `${frame.base}/office/accounts/${a.accountId}`;
  const main = html`<p><a href="${accountPath}">← Account ${a.legalName}</a></p>
<h1>Record a charge: ${a.legalName}</h1>
<p>Usage and miscellaneous charges of a month are invoiced by the billing run on the 13th of the
next month, one line each.</p>
${errorSummary(problems, (f) => labels[f] ?? f)}
<form method="post" action="${accountPath}/charges" class="card" novalidate>
${csrfInput(frame)}
${text('date', 'The day it was supplied, YYYY-MM-DD')}
${text('description', 'As the customer reads it on the invoice')}
${text('quantity', 'Up to 3 decimals, e.g. 2.5')}
${text('unitPrice', 'Price of one unit, e.g. 12.50 or 12,50')}
${text('taxRatePercent', 'e.g. 24')}
${text('currency')}
${selectField(
  {
    name: 'kind',
    label: labels.kind ?? 'Kind',
    value: values.kind ?? 'usage',
    error: errorOf('kind'),
    required: true,
  },
  chargeKinds.map((k) => ({ value: k, label: kindNames[k] })),
)}
${text('reference', 'Your reference (meter reading, job sheet): one charge per reference')}
<button type="submit">Record charge</button>
</form>
<h2>Latest charges</h2>
${dataTable('Charges of the account, newest first', chargeColumns, chargeRows(frame, view.charges), 'No charges yet.')}`;
  return officePage(frame, {
    title: `Record a charge: ${a.legalName}`,
    main,
    ...(view.flash ? { flash: view.flash } : {}),
  });
}

const columnsText = html`<code>account</code>, <code>date</code> (YYYY-MM-DD),
<code>description</code>, <code>quantity</code>, <code>unit_price</code> (e.g. 12.50),
<code>tax_rate</code> (percent), <code>currency</code>, <code>kind</code> (usage or misc) and
<code>reference</code>`;

export function chargeImportPage(frame: Frame, problems: readonly RowProblem[]): string {
  const main = html`<h1>Import charges</h1>
<p>A CSV file of at most ${String(maxChargeRows)} rows whose first row names the columns
${columnsText}. A row's reference records it once: importing a file again adds nothing.</p>
${
  problems.length > 0
    ? html`<div class="summary" role="alert" aria-labelledby="import-problems">
<h2 id="import-problems">The file was not imported: nothing was recorded</h2>
<ul>${problems.map((p) => html`<li>${p.row > 0 ? `Row ${p.row}, ` : ''}${p.field}: ${p.message}</li>`)}</ul>
</div>`
    : ''
}
<form method="post" action="${frame.base}/office/charges/import" enctype="multipart/form-data" class="card">
${csrfInput(frame)}
<div class="field">
<label for="f-file">Charges (CSV)</label>
<input type="file" id="f-file" name="file" accept=".csv,text/csv" required>
</div>
<button type="submit">Import</button>
</form>`;
  return officePage(frame, { title: 'Import charges', main });
}

export function chargeImportSummaryPage(frame: Frame, summary: ChargesImportSummary): string {
  const rows = (list: ChargesImportSummary['recorded']) =>
    list.map(({ row, charge }) => [
      String(row),
      html`<a href="${frame.base}/office/accounts/${charge.accountId}">${charge.accountId}</a>`,
      ...(chargeRows(frame, [charge])[0] ?? []).slice(0, 7),
    ]);
  const columns = [{ label: 'Row' }, { label: 'Account' }, ...chargeColumns.slice(0, 7)];
  const main = html`<h1>Charges imported</h1>
<p class="card" role="status">Recorded: <strong>${String(summary.recorded.length)}</strong> ·
Already recorded: <strong>${String(summary.alreadyRecorded.length)}</strong></p>
<h2>Recorded now</h2>
${dataTable('Charges recorded by this import', columns, rows(summary.recorded), 'No new charges.')}
<h2>Already recorded</h2>
${dataTable('Rows recorded by an earlier import', columns, rows(summary.alreadyRecorded), 'None.')}
<p><a href="${frame.base}/office/charges/import">Import another file</a></p>`;
  return officePage(frame, { title: 'Charges imported', main });
}

/** A charge not yet billed, and the form that voids it (a reason is required). */
export function chargeVoidPage(view: {
  frame: Frame;
  zone: string;
  account: Account;
  charge: Charge;
  values: Record<string, string>;
  problems: readonly FieldProblem[];
}): string {
  const { frame, account: a, charge: c, problems } = view;
  const chargesPath = `${frame.base}/office/accounts/${a.accountId}/charges/new`;
  const open = !c.invoiceNumber && !c.billedRequest && !c.voided;
  const main = html`<p><a href="${chargesPath}">← Charges of ${a.legalName}</a></p>
<h1>Void charge ${c.reference}</h1>
${errorSummary(problems, (f) => (f === 'reason' ? 'Reason' : 'Charge'))}
${detailList([
  ['Account', a.legalName],
  ['Date', c.date],
  ['Description', c.description],
  ['Kind', kindNames[c.kind]],
  ['Quantity', c.quantity],
  ['Unit price', formatMoney({ amountMinor: c.unitPriceMinor, currency: c.currency }, 'en')],
  ['Tax', `${c.taxRatePercent} %`],
  ['Recorded', html`${timeElement(c.recordedAt, view.zone)} by ${c.recordedBy.name}`],
  ['State', chargeState(frame, c)],
])}
${
  open
    ? reasonForm({
        frame,
        action: `${frame.base}/office/accounts/${a.accountId}/charges/${c.chargeId}/void`,
        value: view.values.reason ?? '',
        problems,
        hint: 'Why it must not be billed; shown on the account’s timeline',
        button: 'Void charge',
      })
    : html`<p class="card">${c.voided ? 'This charge is voided.' : 'This charge is billed: correct its invoice with a credit note.'}</p>`
}`;
  return officePage(frame, { title: `Void charge ${c.reference}`, main });
}
