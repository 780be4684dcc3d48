import { holdInEffect, holdKindLabels } from '../../accounts/rules/holds';
import type { Account } from '../../accounts/store/accounts';
import { html } from '../../shared/http/html';
import { dataTable } from '../../shared/office/components';
import { type Frame, officePage } from '../../shared/office/layout';
import { daysBetween } from '../../shared/rules/job-dates';
import { formatMoney } from '../../shared/rules/money';
import { type DunningLadder, stepDueOn } from '../rules/dunning';
import type { DunningState } from '../store/arrears';

/**
 * The arrears list: every unpaid invoice past its due date that the caller may see, most overdue
 * first, with the ladder's steps done and the next one, and what the account is in (on hold,
 * flagged for suspension, suspended and with collections). Agents see their call tasks here.
 */

/** An account as the ladder leaves it: the profile plus the ladder's marks. */
export type AccountInArrears = Account & {
  suspensionFlaggedOn?: string;
  suspendedOn?: string;
  collectionsSince?: string;
};

export interface ArrearsRow {
  invoice: DunningState;
  account?: AccountInArrears;
}

const actionLabels: Record<DunningLadder[number]['actions'][number], string> = {
  'friendly-reminder-email': 'Reminder',
  'second-notice-email': 'Second notice',
  'agent-call-task': 'Call the customer',
  'final-notice-email': 'Final notice',
  'notify-supervisor': 'Supervisor told',
  'flag-service-for-suspension': 'Flagged for suspension',
  'suspend-service': 'Suspended',
  'hand-to-collections': 'Collections',
  'notify-manager': 'Manager told',
};

const stepLabel = (step: DunningLadder[number]) =>
  `${step.actions.map((a) => actionLabels[a]).join(', ')} (day ${step.daysPastDue})`;

function accountState(account: AccountInArrears | undefined, today: string): string {
  if (!account) return 'No account profile';
  const states: string[] = [];
  const { hold } = account;
  if (hold && holdInEffect(hold, today)) {
    states.push(`On hold (${holdKindLabels[hold.kind].toLowerCase()}) until ${hold.until}`);
  }
  if (account.suspendedOn) states.push(`Suspended since ${account.suspendedOn}`);
  else if (account.suspensionFlaggedOn)
    states.push(`Flagged for suspension on ${account.suspensionFlaggedOn}`);
  if (account.collectionsSince) states.push(`With collections since ${account.collectionsSince}`);
  return states.join('; ') || 'Active';
}

/**
 * The next step and its day. A hold moves the ladder's dates by its days (rules/dunning.ts): while
 * it lasts the step waits for its end (which may be lifted sooner); after it, the moved date.
 */
function nextStepText(
  next: DunningLadder[number] | undefined,
  invoice: DunningState,
  account: AccountInArrears | undefined,
  today: string,
): string {
  if (!next) return 'Ladder finished';
  const hold = account?.hold;
  if (hold && holdInEffect(hold, today)) return `${stepLabel(next)}, after the hold`;
  return `${stepLabel(next)} on ${stepDueOn(next, invoice, hold ? { hold } : {})}`;
}

export function arrearsPage(input: {
  frame: Frame;
  today: string;
  ladder: DunningLadder;
  rows: readonly ArrearsRow[];
  /** More were overdue than the page shows. */
  truncated: boolean;
}): string {
  const { frame, today, ladder } = input;
  const rows = [...input.rows].sort((a, b) =>
    a.invoice.dueDate === b.invoice.dueDate
      ? a.invoice.number.localeCompare(b.invoice.number)
      : a.invoice.dueDate.localeCompare(b.invoice.dueDate),
  );
  const table = dataTable(
    `Unpaid invoices past due on ${today}`,
    [
      { label: 'Invoice' },
      { label: 'Account' },
      { label: 'Due date' },
      { label: 'Days late' },
      { label: 'Unpaid' },
      { label: 'Last step' },
      { label: 'Next step' },
      { label: 'Account state' },
    ],
    rows.map(({ invoice, account }) => {
      const done = Math.max(0, ...invoice.ladderStepsDone);
      const last = ladder.filter((s) => s.daysPastDue <= done).at(-1);
      const next = ladder.find((s) => s.daysPastDue > done);
      return [
        html`<a href="${frame.base}/office/invoices/${encodeURIComponent(invoice.number)}">${invoice.number}</a>`,
        account
          ? html`<a href="${frame.base}/office/accounts/${encodeURIComponent(account.accountId)}">${account.legalName}</a>`
          : invoice.accountId,
        invoice.dueDate,
        String(daysBetween(invoice.dueDate, today)),
        formatMoney({ amountMinor: invoice.openMinor, currency: invoice.currency }, 'en'),
        last && invoice.ladderStepsDone.length > 0 ? stepLabel(last) : 'None yet',
        nextStepText(next, invoice, account, today),
        accountState(account, today),
      ];
    }),
    'Nothing is overdue.',
  );
  const main = html`<h1>Arrears</h1>
<p>The daily arrears run moves each invoice up the ladder once; a payment that clears the balance stops it.</p>
${table}
${input.truncated ? html`<p>Only the ${rows.length} most overdue invoices are listed.</p>` : ''}`;
  return officePage(frame, { title: 'Arrears', section: 'arrears', main });
}
