import type { Account } from '../../accounts/store/accounts';
import type { StoredInvoice } from '../../invoicing/store/invoice-numbers';
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
import { formatMoney, type Money } from '../../shared/rules/money';
import { staffRolesOf } from '../../shared/staff-roles';
import type { Payment } from '../payment-model';
import type { PaymentMethod, paymentMethods } from '../rules/bank-statement';

/**
 * Back-office pages of payments: the form that records one on an account (finance, managers)
 * and a recorded payment with what it paid. `entryKey` is made with the form: posting the same
 * form twice records one payment.
 */

export const methodNames: Record<(typeof paymentMethods)[number], string> = {
  'bank-transfer': 'Bank transfer',
  card: 'Card',
  cash: 'Cash',
  cheque: 'Cheque',
};

const labels: Record<string, string> = {
  amount: 'Amount',
  currency: 'Currency',
  date: 'Date received',
  method: 'Method',
  reference: 'Reference',
  invoiceNumber: 'Invoice paid (optional)',
};

export interface PaymentFormView {
  frame: Frame;
  account: Account;
  openInvoices: readonly StoredInvoice[];
  entryKey: string;
  /** The methods the caller may record: an agent only the cash and cheques they collect. */
  methods: readonly PaymentMethod[];
  values: Record<string, string>;
  problems: readonly FieldProblem[];
}

/** The account page's links to the payment and write-off forms, for the roles that may use them. */
export function accountPaymentActions(frame: Frame, accountId: string): SafeHtml {
  const may = (routeKey: string) => (staffRolesOf(routeKey) ?? []).includes(frame.principal.role);
  const base = `${frame.base}/office/accounts/${accountId}`;
  const links = [
    may('GET /office/accounts/{accountId}/payments/new')
      ? html`<a href="${base}/payments/new">Record a payment</a>`
      : undefined,
    may('GET /office/accounts/{accountId}/write-offs/new')
      ? html`<a href="${base}/write-offs/new">Write off</a>`
      : undefined,
  ].filter((link) => link !== undefined);
  if (links.length === 0) return html``;
  return html`<p>${links.map((link, i) => (i === 0 ? link : html` · ${link}`))}</p>`;
}

const amountOf = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });

export function paymentFormPage(view: PaymentFormView): string {
  const { frame, account: a, values, problems } = view;
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const text = (name: string, hint?: string) =>
    textField({
      name,
      label: labels[name] ?? name,
      value: values[name] ?? '',
      error: errorOf(name),
      required: name !== 'invoiceNumber',
      ...(hint ? { hint } : {}),
    });
  const accountPath = `${frame.base}/office/accounts/${a.accountId}`;
  const open = [...view.openInvoices].sort((x, y) => (x.dueDate < y.dueDate ? -1 : 1));
  const main = html`<p><a href="${accountPath}">← Account ${a.legalName}</a></p>
<h1>Record a payment: ${a.legalName}</h1>
${errorSummary(problems, (f) => labels[f] ?? f)}
<h2>Open invoices</h2>
${dataTable(
  'Open invoices, oldest due first',
  [{ label: 'Invoice' }, { label: 'Due' }, { label: 'Unpaid' }],
  open.map((i) => [i.number, i.dueDate, formatMoney(amountOf(i.openMinor, i.currency), 'en')]),
  'No open invoices: a payment is kept as credit.',
)}
<form method="post" action="${accountPath}/payments" class="card" novalidate>
${csrfInput(frame)}
<input type="hidden" name="entryKey" value="${view.entryKey}">
${text('amount', 'As written on the statement or slip, e.g. 124.50 or 124,50')}
${text('currency')}
${text('date', 'YYYY-MM-DD')}
${selectField(
  {
    name: 'method',
    label: labels.method ?? 'Method',
    value: values.method ?? '',
    error: errorOf('method'),
    required: true,
  },
  [
    { value: '', label: 'Choose a method' },
    ...view.methods.map((m) => ({ value: m, label: methodNames[m] })),
  ],
)}
${text('reference', 'The bank reference, card slip or receipt number')}
${text('invoiceNumber', 'Paid first when named; otherwise the oldest invoices are paid first')}
<button type="submit">Record payment</button>
</form>`;
  return officePage(frame, { title: `Record a payment: ${a.legalName}`, main });
}

export function paymentPage(view: {
  frame: Frame;
  zone: string;
  account: Account;
  payment: Payment;
  flash?: Flash;
}): string {
  const { frame, account: a, payment: p, zone } = view;
  const currency = p.amount.currency;
  const money = (minor: number) => formatMoney(amountOf(minor, currency), 'en');
  const reversePath = `${frame.base}/office/accounts/${a.accountId}/payments/${p.paymentId}/reversal`;
  const mayReverse = (
    staffRolesOf('POST /office/accounts/{accountId}/payments/{paymentId}/reversal') ?? []
  ).includes(frame.principal.role);
  const main = html`<p><a href="${frame.base}/office/accounts/${a.accountId}">← Account ${a.legalName}</a></p>
<h1>Payment ${p.paymentId}${p.reversal ? ' (reversed)' : ''}</h1>
${
  p.reversal
    ? html`<p class="card" role="status"><strong>Reversed</strong> on ${p.reversal.date} by ${p.reversal.by.name}: ${p.reversal.reason}. What it paid is open again; the payment is kept as it was received.</p>`
    : mayReverse
      ? html`<p><a href="${reversePath}">Reverse this payment</a> (it was mis-posted)</p>`
      : ''
}
${detailList([
  ['Account', a.legalName],
  ['Amount', formatMoney(p.amount, 'en')],
  ['Date received', p.date],
  ['Method', methodNames[p.method]],
  ['Reference', p.reference],
  ['Invoice named', p.invoiceNumber],
  ['Kept as credit', p.creditMinor > 0 ? money(p.creditMinor) : undefined],
  ['Recorded', timeElement(p.recordedAt, zone)],
  [
    'Recorded by',
    p.recordedBy.kind === 'bank-statement'
      ? `${p.recordedBy.name} (bank statement, row ${p.recordedBy.row})`
      : `${p.recordedBy.name} (${p.recordedBy.via === 'api' ? 'API' : 'back office'})`,
  ],
])}
<h2>Invoices paid</h2>
${dataTable(
  'What the payment paid',
  [{ label: 'Invoice' }, { label: 'Paid' }, { label: 'Still open' }],
  p.allocations.map((l) => [
    html`<a href="${frame.base}/office/invoices/${l.invoiceNumber}">${l.invoiceNumber}</a>`,
    money(l.amountMinor),
    l.openAfterMinor === 0 ? 'Paid in full' : money(l.openAfterMinor),
  ]),
  'No invoice was open: all of it is kept as credit.',
)}`;
  return officePage(frame, {
    title: `Payment ${p.paymentId}`,
    main,
    ...(view.flash ? { flash: view.flash } : {}),
  });
}

/**
 * The form reversing a mis-posted payment: what it paid opens again and its credit comes off the
 * account's. A reason is required; `entryKey` makes a double click act once.
 */
export function paymentReversalPage(view: {
  frame: Frame;
  account: Account;
  payment: Payment;
  entryKey: string;
  values: Record<string, string>;
  problems: readonly FieldProblem[];
}): string {
  const { frame, account: a, payment: p, problems } = view;
  const paymentPath = `${frame.base}/office/accounts/${a.accountId}/payments/${p.paymentId}`;
  const money = (minor: number) => formatMoney(amountOf(minor, p.amount.currency), 'en');
  const main = html`<p><a href="${paymentPath}">← Payment ${p.paymentId}</a></p>
<h1>Reverse payment ${p.paymentId}</h1>
${errorSummary(problems, (f) => (f === 'reason' ? 'Reason' : 'Payment'))}
<p>${formatMoney(p.amount, 'en')} received ${p.date} (${p.reference}). Reversing it opens again
what it paid${p.allocations.length > 0 ? html`: ${p.allocations.map((l, i) => html`${i > 0 ? ', ' : ''}${l.invoiceNumber} (${money(l.amountMinor)})`)}` : ''}${
    p.creditMinor > 0 ? html`, and takes ${money(p.creditMinor)} off the account's credit` : ''
  }. The reversal is dated today: statements already sent stay as they were.</p>
${
  p.reversal
    ? html`<p class="card">This payment was reversed on ${p.reversal.date} by ${p.reversal.by.name}.</p>`
    : reasonForm({
        frame,
        action: `${paymentPath}/reversal`,
        entryKey: view.entryKey,
        value: view.values.reason ?? '',
        problems,
        hint: 'Why it is reversed (booked to the wrong account, a cheque that bounced); shown on the account’s timeline',
        button: 'Reverse payment',
      })
}`;
  return officePage(frame, { title: `Reverse payment ${p.paymentId}`, main });
}

/** A form asking only why (a void, a reversal): the reason is required and audited. */
export function reasonForm(form: {
  frame: Frame;
  action: string;
  /** Makes a double click act once, where the action keeps it. */
  entryKey?: string;
  value: string;
  problems: readonly FieldProblem[];
  hint: string;
  button: string;
}): SafeHtml {
  return html`<form method="post" action="${form.action}" class="card" novalidate>
${csrfInput(form.frame)}
${form.entryKey ? html`<input type="hidden" name="entryKey" value="${form.entryKey}">` : ''}
${textField({
  name: 'reason',
  label: 'Reason',
  value: form.value,
  error: form.problems.find((x) => x.field === 'reason')?.message,
  required: true,
  hint: form.hint,
})}
<button type="submit">${form.button}</button>
</form>`;
}
