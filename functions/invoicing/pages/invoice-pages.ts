import type { EmailDelivery } from '../../messages/email-delivery';
import { deliveryText } from '../../messages/pages/email-delivery';
import { html, type SafeHtml } from '../../shared/http/html';
import {
  dataTable,
  detailList,
  errorSummary,
  textField,
  timeElement,
} from '../../shared/office/components';
import { type Frame, officePage } from '../../shared/office/layout';
import { formatMoney } from '../../shared/rules/money';
import type { StoredInvoice } from '../store/invoice-numbers';

/** An invoice as staff see it: its facts, lines, tax by rate, totals, what is unpaid, its PDF. */

const money = (amountMinor: number, currency: string) =>
  formatMoney({ amountMinor, currency }, 'en');

const statusOf = (invoice: StoredInvoice) =>
  invoice.series === 'CN' ? 'Credit note' : invoice.openMinor > 0 ? 'Open' : 'Paid';

/**
 * An account's invoices as a table, newest first, each linking to its page: for the account page
 * (`invoiceStore(table).listAccountInvoices(accountId)` gives the list).
 */
export function accountInvoicesTable(frame: Frame, invoices: readonly StoredInvoice[]): SafeHtml {
  return dataTable(
    'Invoices',
    [
      { label: 'Number' },
      { label: 'Issue date' },
      { label: 'Due date' },
      { label: 'Total' },
      { label: 'Unpaid' },
      { label: 'Status' },
    ],
    invoices.map((invoice) => [
      html`<a href="${frame.base}/office/invoices/${encodeURIComponent(invoice.number)}">${invoice.number}</a>`,
      invoice.issueDate,
      invoice.dueDate,
      formatMoney(invoice.totals.total, 'en'),
      money(invoice.openMinor, invoice.currency),
      statusOf(invoice),
    ]),
    'No invoices yet.',
  );
}

/** The account's credit that paid an invoice at issue, and what a reversal took back of it. */
const creditText = (invoice: StoredInvoice, applied: number) =>
  money(applied, invoice.currency) +
  (invoice.creditReversedMinor
    ? ` (${money(invoice.creditReversedMinor, invoice.currency)} taken back: the payment it came from was reversed)`
    : '');

/** Credit notes correct the company's errors: finance and managers issue them, for invoices. */
const mayCredit = (frame: Frame, invoice: StoredInvoice) =>
  invoice.series === 'INV' &&
  (frame.principal.role === 'finance' || frame.principal.role === 'manager');

export function invoicePage(input: {
  frame: Frame;
  invoice: StoredInvoice;
  accountName?: string;
  zone: string;
  /** What became of the email that took it to the customer. */
  delivery?: EmailDelivery;
}): string {
  const { frame, invoice, zone } = input;
  const title = `${invoice.series === 'CN' ? 'Credit note' : 'Invoice'} ${invoice.number}`;
  const status = invoice.series === 'CN' ? 'Credit note' : invoice.openMinor > 0 ? 'Open' : 'Paid';
  const terms =
    invoice.paymentTerms.kind === 'prepaid' ? 'Prepaid' : `Net ${invoice.paymentTerms.days} days`;
  const main = html`<h1>${title}</h1>
<p><a href="${frame.base}/office/invoices/${encodeURIComponent(invoice.number)}/pdf" download>Download the PDF</a>${
    mayCredit(frame, invoice)
      ? html` · <a href="${frame.base}/office/invoices/${encodeURIComponent(invoice.number)}/credit-notes/new">Issue a credit note</a>`
      : ''
  }</p>
${detailList([
  ['Customer', invoice.customer.name],
  [
    'Account',
    // Its page records payments, charges and write-offs, and lists the statements.
    html`<a href="${frame.base}/office/accounts/${encodeURIComponent(invoice.accountId)}">${
      input.accountName ? `${input.accountName} (${invoice.accountId})` : invoice.accountId
    }</a>`,
  ],
  ['Contract', invoice.contractId],
  ['Issued', timeElement(invoice.issuedAt, zone)],
  ['Issue date', invoice.issueDate],
  ['Due date', invoice.dueDate],
  [
    'Service period',
    invoice.period ? `${invoice.period.start} – ${invoice.period.end}` : undefined,
  ],
  ['Payment terms', terms],
  ['Language', invoice.language],
  ['Status', status],
  ...(invoice.creditAppliedMinor
    ? [
        ['Paid from account credit', creditText(invoice, invoice.creditAppliedMinor)] as [
          string,
          string,
        ],
      ]
    : []),
  ['Email to the customer', input.delivery && deliveryText(frame, zone, input.delivery)],
  ['Unpaid', money(invoice.openMinor, invoice.currency)],
])}
${dataTable(
  'Lines',
  [
    { label: 'Service' },
    { label: 'Quantity' },
    { label: 'Unit price' },
    { label: 'Discount' },
    { label: 'Net' },
    { label: 'Tax rate' },
    { label: 'Tax' },
    { label: 'Total' },
  ],
  invoice.lines.map((line) => [
    line.service,
    line.quantity,
    formatMoney(line.unitPrice, 'en'),
    line.discount.amountMinor === 0 ? '' : formatMoney(line.discount, 'en'),
    formatMoney(line.net, 'en'),
    `${line.taxRatePercent} %`,
    formatMoney(line.tax, 'en'),
    formatMoney(line.total, 'en'),
  ]),
  'No lines.',
)}
${dataTable(
  'Tax by rate',
  [{ label: 'Rate' }, { label: 'Net' }, { label: 'Tax' }],
  invoice.taxByRate.map((rate) => [
    `${rate.taxRatePercent} %`,
    formatMoney(rate.net, 'en'),
    formatMoney(rate.tax, 'en'),
  ]),
  'No tax.',
)}
${detailList([
  ['Net amount', formatMoney(invoice.totals.net, 'en')],
  ['Tax', formatMoney(invoice.totals.tax, 'en')],
  ['Total', formatMoney(invoice.totals.total, 'en')],
])}`;
  return officePage(frame, { title, main });
}

/** The form that finds an invoice or credit note by its number: the finance dashboard has it too. */
export function invoiceLookupForm(frame: Frame, value = '', error?: string): SafeHtml {
  return html`<form method="get" action="${frame.base}/office/invoices" class="filters" role="search">
${textField({
  name: 'number',
  label: 'Invoice or credit note number',
  hint: 'As on the document or the payment reference, like INV-2026-000123.',
  value,
  type: 'search',
  ...(error ? { error } : {}),
})}
<button type="submit" class="button">Find</button>
</form>`;
}

/** `GET /office/invoices`: the number to look up, or what was wrong with the one given. */
export function invoiceLookupPage(frame: Frame, value = '', error?: string): string {
  return officePage(frame, {
    title: 'Find an invoice',
    section: 'arrears',
    main: html`<h1>Find an invoice</h1>
${error ? errorSummary([{ field: 'number', message: error }], () => 'Invoice or credit note number') : ''}
${invoiceLookupForm(frame, value, error)}`,
  });
}
