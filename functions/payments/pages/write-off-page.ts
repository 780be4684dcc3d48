import type { Account } from '../../accounts/store/accounts';
import type { AccountBalance } from '../../invoicing/invoice-ledger';
import type { FieldProblem } from '../../shared/errors';
import { html } from '../../shared/http/html';
import { detailList, errorSummary, textField } from '../../shared/office/components';
import { csrfInput, type Frame, officePage } from '../../shared/office/layout';
import { formatMoney } from '../../shared/rules/money';

/**
 * The write-off form (finance and managers): what the account owes, the amount to write off
 * (the whole balance when left empty) and why. `entryKey` is made with the form: posting it twice writes off once.
 */
export function writeOffFormPage(view: {
  frame: Frame;
  account: Account;
  balance: AccountBalance | undefined;
  entryKey: string;
  values: Record<string, string>;
  problems: readonly FieldProblem[];
}): string {
  const { frame, account: a, balance, values, problems } = view;
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const accountPath = `${frame.base}/office/accounts/${a.accountId}`;
  const owed = balance
    ? formatMoney({ amountMinor: balance.balanceMinor, currency: balance.currency }, 'en')
    : 'nothing';
  const labels: Record<string, string> = { amount: 'Amount', reason: 'Reason' };
  const main = html`<p><a href="${accountPath}">← Account ${a.legalName}</a></p>
<h1>Write off: ${a.legalName}</h1>
${errorSummary(problems, (f) => labels[f] ?? f)}
${detailList([
  ['Balance owed', owed],
  ['Status', a.status],
])}
<form method="post" action="${accountPath}/write-offs" class="card" novalidate>
${csrfInput(frame)}
<input type="hidden" name="entryKey" value="${view.entryKey}">
${textField({
  name: 'amount',
  label: 'Amount',
  hint: 'Leave empty to write off the whole balance (the account is then written off)',
  value: values.amount ?? '',
  error: errorOf('amount'),
})}
${textField({
  name: 'reason',
  label: 'Reason',
  value: values.reason ?? '',
  error: errorOf('reason'),
  required: true,
})}
<button type="submit">Write off</button>
</form>`;
  return officePage(frame, { title: `Write off: ${a.legalName}`, main });
}
