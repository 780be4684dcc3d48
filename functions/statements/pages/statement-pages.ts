import type { Account } from '../../accounts/store/accounts';
import type { EmailDelivery } from '../../messages/email-delivery';
import { deliveryText } from '../../messages/pages/email-delivery';
import { html, type SafeHtml } from '../../shared/http/html';
import { dataTable, timeElement } from '../../shared/office/components';
import { type Frame, officePage } from '../../shared/office/layout';
import { formatMoney } from '../../shared/rules/money';
import type { StatementRecord } from '../store/statement-records';

/** The statements emailed to an account, month by month, each with the PDF the customer got. */

const money = (amountMinor: number, currency: string) =>
  formatMoney({ amountMinor, currency }, 'en');

/** The account page's link to its statements. */
export function accountStatementsLink(frame: Frame, accountId: string): SafeHtml {
  return html`<p><a href="${frame.base}/office/accounts/${accountId}/statements">Monthly statements</a></p>`;
}

export function statementsPage(view: {
  frame: Frame;
  zone: string;
  account: Pick<Account, 'accountId' | 'legalName'>;
  statements: readonly StatementRecord[];
  /** What became of each month's email, by month. */
  deliveries?: ReadonlyMap<string, EmailDelivery>;
}): string {
  const { frame, account: a, zone } = view;
  const base = `${frame.base}/office/accounts/${a.accountId}`;
  const main = html`<h1>Statements: ${a.legalName}</h1>
<p><a href="${base}">Account ${a.accountId}</a></p>
${dataTable(
  'Monthly statements of the account',
  [
    { label: 'Month' },
    { label: 'Opening balance' },
    { label: 'Lines' },
    { label: 'Closing balance' },
    { label: 'Made' },
    { label: 'Email' },
    { label: 'PDF' },
  ],
  view.statements.map((s) => [
    s.month,
    money(s.openingMinor, s.currency),
    String(s.lineCount),
    money(s.closingMinor, s.currency),
    timeElement(s.madeAt, zone),
    (() => {
      const delivery = view.deliveries?.get(s.month);
      return delivery ? deliveryText(frame, zone, delivery) : '—';
    })(),
    html`<a href="${base}/statements/${s.month}/pdf" download>Statement ${s.month} (PDF)</a>`,
  ]),
  'No statements yet: they are made on the 1st for the month before.',
)}`;
  return officePage(frame, { title: `Statements of ${a.legalName}`, main });
}
