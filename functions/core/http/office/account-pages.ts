import type { Account, AccountContractLink } from '../../store/accounts';
import type { TimelineEntry } from '../../store/timeline';
import { html } from '../html';
import { accountChargeAction } from './charge-pages';
import { dataTable, detailList, timeElement, timeline } from './components';
import { type Frame, officePage } from './layout';
import { accountPaymentActions } from './payment-pages';
import { accountStatementsLink } from './statement-pages';

/** An account's page: the profile, its contracts and its timeline (invoices join later). */
export function accountPage(view: {
  frame: Frame;
  zone: string;
  account: Account;
  contracts: readonly AccountContractLink[];
  timeline: readonly TimelineEntry[];
}): string {
  const { frame, account: a, zone } = view;
  const main = html`<h1>Account: ${a.legalName}</h1>
<p>Account ${a.accountId} · <strong>${a.status}</strong>${a.hold ? ` · on hold: ${a.hold}` : ''}</p>
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
${accountPaymentActions(frame, a.accountId)}
${accountChargeAction(frame, a.accountId)}
${accountStatementsLink(frame, a.accountId)}
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
