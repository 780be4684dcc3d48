import type { AccountBalance } from '../../invoicing/invoice-ledger';
import { accountInvoicesTable } from '../../invoicing/pages/invoice-pages';
import type { StoredInvoice } from '../../invoicing/store/invoice-numbers';
import { accountChargeAction } from '../../payments/pages/charge-pages';
import { accountPaymentActions } from '../../payments/pages/payment-pages';
import type { AccountActivity } from '../../payments/store/write-offs';
import { html, type SafeHtml } from '../../shared/http/html';
import { dataTable, detailList, timeElement, timeline } from '../../shared/office/components';
import { type Frame, officePage } from '../../shared/office/layout';
import { formatMoney } from '../../shared/rules/money';
import type { TimelineEntry } from '../../shared/store/timeline';
import { accountStatementsLink } from '../../statements/pages/statement-pages';
import { holdInEffect } from '../rules/holds';
import type { Account, AccountContractLink } from '../store/accounts';
import { type HoldFormView, holdSection } from './hold-section';

/** What the account owes and holds, its latest invoices and payments (reversed ones marked). */
export interface AccountMoney {
  balance?: AccountBalance;
  invoices: readonly StoredInvoice[];
  activity: readonly AccountActivity[];
}

function moneySection(frame: Frame, accountId: string, money: AccountMoney): SafeHtml {
  const b = money.balance;
  const amount = (amountMinor: number, currency: string) =>
    formatMoney({ amountMinor, currency }, 'en');
  const base = `${frame.base}/office/accounts/${accountId}`;
  const rows = money.activity.map((a) => {
    if (a.kind === 'payment') {
      const p = a.payment;
      return [
        a.date,
        html`<a href="${base}/payments/${p.paymentId}">Payment ${p.paymentId}</a>`,
        formatMoney(p.amount, 'en'),
        p.reversal ? `Reversed on ${p.reversal.date}: ${p.reversal.reason}` : p.reference,
      ];
    }
    if (a.kind === 'write-off') {
      return [a.date, 'Write-off', formatMoney(a.writeOff.amount, 'en'), a.writeOff.reason];
    }
    return [
      a.date,
      html`<a href="${base}/payments/${a.reversal.paymentId}">Reversal of ${a.reversal.paymentId}</a>`,
      formatMoney(a.reversal.amount, 'en'),
      a.reversal.reason,
    ];
  });
  return html`<h2>Money</h2>
${detailList([
  ['Owed', b ? amount(b.balanceMinor, b.currency) : 'Nothing yet'],
  ...(b && b.creditMinor > 0
    ? [
        [
          'Credit',
          `${amount(b.creditMinor, b.currency)}: pays the next invoices as they are issued`,
        ] as [string, string],
      ]
    : []),
])}
<h3>Invoices</h3>
${accountInvoicesTable(frame, money.invoices)}
<h3>Payments and write-offs</h3>
${dataTable(
  'Latest payments, reversals and write-offs, newest first',
  [{ label: 'Date' }, { label: 'What' }, { label: 'Amount' }, { label: 'Reference or reason' }],
  rows,
  'No payments yet.',
)}`;
}

/** An account's page: the profile, its money, its contracts and its timeline. */
export function accountPage(view: {
  frame: Frame;
  zone: string;
  /** Business date of the page, in the company's zone: whether a hold is in effect. */
  today: string;
  account: Account;
  holdForm?: HoldFormView;
  contracts: readonly AccountContractLink[];
  timeline: readonly TimelineEntry[];
  money?: AccountMoney;
}): string {
  const { frame, account: a, zone } = view;
  const main = html`<h1>Account: ${a.legalName}</h1>
<p>Account ${a.accountId} · <strong>${a.status}</strong>${
    a.hold && holdInEffect(a.hold, view.today) ? ` · on hold until ${a.hold.until}` : ''
  }</p>
${detailList([
  ['Legal name', a.legalName],
  ['Contact', `${a.contactName}, ${a.email}${a.phone ? `, ${a.phone}` : ''}`],
  ['Address', a.addressLines.join(', ')],
  ['Tax ID', a.taxId],
  ['Country, language', `${a.country}, ${a.language}`],
  ['Team', a.team],
  ['Account manager', a.ownerId],
  ['Opened', timeElement(a.openedAt, zone)],
])}
${holdSection({
  frame,
  zone,
  today: view.today,
  accountId: a.accountId,
  hold: a.hold,
  ...(view.holdForm ? { form: view.holdForm } : {}),
})}
${accountPaymentActions(frame, a.accountId)}
${accountChargeAction(frame, a.accountId)}
${accountStatementsLink(frame, a.accountId)}
${view.money ? moneySection(frame, a.accountId, view.money) : ''}
<h2>Contracts</h2>
${dataTable(
  'Contracts of the account',
  [{ label: 'Contract' }, { label: 'Service' }, { label: 'From' }, { label: 'To' }],
  view.contracts.map((c) => [
    html`<a href="${frame.base}/office/contracts/${c.contractId}">${c.contractId}</a>`,
    c.serviceName,
    c.startDate,
    c.endDate,
  ]),
  'No contracts.',
)}
<h2>Timeline</h2>
${timeline(view.timeline, zone)}`;
  return officePage(frame, { title: `Account ${a.legalName}`, main });
}
