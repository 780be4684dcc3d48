import { html } from '../../shared/http/html';
import { page } from '../../shared/http/pages';
import { formatMoney } from '../../shared/rules/money';
import type { ApprovalLevel, Contract } from '../rules/contract';
import { changesSinceReturned } from '../rules/contract-corrections';
import { changesSection } from './contract-edit-page';

/** The approver's page behind an emailed approve / reject link (staff: English). */

export interface ApprovalPageView {
  action: string;
  contract: Contract;
  level: ApprovalLevel;
  decision: 'approve' | 'reject';
  problem?: string;
  reason?: string;
}

export function approvalPage(view: ApprovalPageView): string {
  const { contract } = view;
  const verb = view.decision === 'approve' ? 'Approve' : 'Reject';
  const title = `${verb} contract ${contract.contractId}`;
  const main = html`<h1>${title}</h1>
<p>As ${view.level}: ${contract.customer.legalName}, ${contract.service.name},
${formatMoney(contract.totals.total, 'en')} per billing period, ${contract.startDate} to ${contract.endDate}.</p>
${changesSection(changesSinceReturned(contract))}
${view.problem ? html`<div class="summary" role="alert"><p><a href="#f-reason">${view.problem}</a></p></div>` : html``}
<form method="post" action="${view.action}">
<input type="hidden" name="decision" value="${view.decision}">
<label for="f-reason">Reason${view.decision === 'reject' ? ' (required)' : ' (optional)'}</label>
<textarea id="f-reason" name="reason" aria-invalid="${view.problem ? 'true' : 'false'}">${view.reason ?? ''}</textarea>
<button type="submit">${verb}</button>
</form>`;
  return page('en', title, main);
}

export function approvalOutcomePage(title: string, body: string): string {
  return page('en', title, html`<h1>${title}</h1><p>${body}</p>`);
}
