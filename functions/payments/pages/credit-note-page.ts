import type { StoredInvoice } from '../../invoicing/store/invoice-numbers';
import type { FieldProblem } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/http/html';
import { detailList, errorSummary, selectField, textField } from '../../shared/office/components';
import { csrfInput, type Frame, officePage } from '../../shared/office/layout';
import { formatMoney } from '../../shared/rules/money';
import { creditedOf } from '../credit-notes';

/**
 * The credit note form of an invoice (finance, managers): full, or partial by a net amount at the
 * invoice's tax rate, and the mistake it corrects. `entryKey` is made with the form: posting it
 * twice issues one credit note.
 */
export function creditNoteFormPage(view: {
  frame: Frame;
  invoice: StoredInvoice;
  entryKey: string;
  values: Record<string, string>;
  problems: readonly FieldProblem[];
  /** Said above the form: the company's details missing (a credit note prints them). */
  notice?: SafeHtml;
}): string {
  const { frame, invoice: i, values, problems } = view;
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: i.currency }, 'en');
  const labels: Record<string, string> = {
    kind: 'Credit',
    amount: 'Net amount',
    reason: 'Reason',
    company: 'Company details',
  };
  const invoicePath = `${frame.base}/office/invoices/${i.number}`;
  const main = html`<p><a href="${invoicePath}">← Invoice ${i.number}</a></p>
<h1>Credit note for ${i.number}</h1>
${view.notice ?? ''}
${errorSummary(problems, (f) => labels[f] ?? f)}
${detailList([
  ['Total', money(i.totals.total.amountMinor)],
  ['Unpaid', money(i.openMinor)],
  ['Credited before', money(creditedOf(i))],
  ['Tax rate', `${i.lines[0]?.taxRatePercent ?? '0'} %`],
])}
<form method="post" action="${invoicePath}/credit-notes" class="card" novalidate>
${csrfInput(frame)}
<input type="hidden" name="entryKey" value="${view.entryKey}">
${selectField(
  {
    name: 'kind',
    label: 'Credit',
    value: values.kind ?? 'full',
    error: errorOf('kind'),
    required: true,
  },
  [
    { value: 'full', label: 'The whole invoice' },
    { value: 'partial', label: 'Part of it: the net amount below, plus tax' },
  ],
)}
${textField({
  name: 'amount',
  label: 'Net amount',
  hint: 'For a partial credit, e.g. 50.00; tax is added at the invoice’s rate',
  value: values.amount ?? '',
  error: errorOf('amount'),
})}
${textField({
  name: 'reason',
  label: 'Reason',
  hint: `The mistake it corrects, printed on the credit note: write it in the customer's language (${i.language})`,
  value: values.reason ?? '',
  error: errorOf('reason'),
  required: true,
})}
<button type="submit">Issue credit note</button>
</form>`;
  return officePage(frame, { title: `Credit note for ${i.number}`, main });
}
