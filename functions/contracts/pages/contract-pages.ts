import type { EmailDelivery } from '../../messages/email-delivery';
import { deliveryText } from '../../messages/pages/email-delivery';
import type { RenewalType } from '../../renewals/rules/renewals';
import { html, type SafeHtml } from '../../shared/http/html';
import {
  dataTable,
  detailList,
  pager,
  timeElement,
  timeline,
} from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import { formatMoney } from '../../shared/rules/money';
import type { TimelineEntry } from '../../shared/store/timeline';
import { maxDocumentBytes, type UploadIssue } from '../contract-documents';
import type { ApprovalLevel, Contract, DocumentType } from '../rules/contract';
import { missingDocuments } from '../rules/contract';
import { changesSinceReturned } from '../rules/contract-corrections';
import { currentTermOf, renewalTypeOf } from '../rules/contract-terms';
import { changesSection } from './contract-edit-page';

/** The back office's contracts: the list and one contract with its documents and approvals. */

const documentLabel: Record<DocumentType, string> = {
  'business-licence': 'Business licence',
  'operating-permit': 'Operating permit',
};

export const uploadProblemText: Record<UploadIssue['problem'], string> = {
  'type-missing': 'Choose which document this is',
  'type-not-needed': 'This contract does not need that document',
  'file-missing': 'Choose a file to upload',
  'file-too-large': `The file is larger than ${maxDocumentBytes / 1024 / 1024} MB`,
  'file-type': 'The file must be a PDF, JPEG or PNG',
  'file-name':
    'The file name contains hidden characters that can disguise the file: rename it and upload again',
  'legal-name-missing': 'Enter the legal name as written on the business licence',
  'legal-name-mismatch': "The legal name on the licence does not match the contract's legal name",
  'contract-closed': 'The contract is signed: no more documents are taken',
};

const statusText: Record<Contract['status'], string> = {
  'awaiting-documents': 'Awaiting documents',
  'awaiting-approval': 'Awaiting approval',
  returned: 'Returned to the agent',
  'awaiting-signature': 'Awaiting signature',
  signed: 'Signed',
  active: 'Active',
  lapsed: 'Lapsed',
};

const renewalTypeText: Record<RenewalType, string> = {
  membership: 'Membership (reminders 30 and 7 days before the end; lapses unless renewed)',
  'network-service':
    'Network service (reminders 30 and 7 days before the end; lapses unless renewed)',
  advertising: 'Advertising (reminders 15 and 3 days before the end; lapses unless renewed)',
  placement: 'Placement (reminders 15 and 3 days before the end; lapses unless renewed)',
  'auto-renewing': 'Auto-renewing (notice 30 days before the end; renewed for the same term)',
};

function currentTermText(c: Contract): string | undefined {
  const term = currentTermOf(c);
  const booked = c.renewalState?.renewedByCustomer;
  const lapsed = c.renewalState?.lapsedOn;
  const parts = [`${term.startDate} to ${term.endDate}`];
  if (booked)
    parts.push(`renewed by the customer: next term ${booked.startDate} to ${booked.endDate}`);
  if (lapsed) parts.push(`lapsed on ${lapsed}`);
  return parts.join('; ');
}

export function contractListPage(view: {
  frame: Frame;
  zone: string;
  contracts: readonly Contract[];
  next?: string;
  isFirst: boolean;
}): string {
  const { frame } = view;
  const rows = view.contracts.map((c) => [
    html`<a href="${frame.base}/office/contracts/${c.contractId}">${c.customer.legalName}</a>`,
    c.service.name,
    statusText[c.status],
    formatMoney(c.totals.total, 'en'),
    timeElement(c.draftedAt, view.zone),
  ]);
  const main = html`<h1>Contracts</h1>
${dataTable(
  'Contracts, newest first',
  [
    { label: 'Customer' },
    { label: 'Service' },
    { label: 'Status' },
    { label: 'Total' },
    { label: 'Drafted' },
  ],
  rows,
  'No contracts yet.',
)}
${pager(`${frame.base}/office/contracts`, {}, view.next, view.isFirst)}`;
  return officePage(frame, { title: 'Contracts', section: 'contracts', main });
}

export interface ContractPageView {
  frame: Frame;
  zone: string;
  contract: Contract;
  timeline: readonly TimelineEntry[];
  /** The level the viewer may decide now, if any. */
  decidable?: ApprovalLevel;
  mayUpload: boolean;
  mayResubmit: boolean;
  flash?: Flash;
  uploadIssues?: readonly UploadIssue[];
  /** What became of the customer's letters that went out (signature request, welcome). */
  emails?: readonly { label: string; delivery: EmailDelivery }[];
}

function approvalRows(contract: Contract, zone: string) {
  return (['supervisor', 'manager'] as const).map((level) => {
    const d = contract.approvals[level];
    return [
      level === 'supervisor' ? 'Supervisor' : 'Manager',
      d
        ? html`${d.decision === 'approve' ? 'Approved' : 'Rejected'} by ${d.by.name}, ${timeElement(d.at, zone)}${d.reason ? html`: ${d.reason}` : ''}`
        : 'Not yet',
    ] as [string, SafeHtml | string];
  });
}

function decisionForm(frame: Frame, contract: Contract, level: ApprovalLevel): SafeHtml {
  return html`<section aria-labelledby="decide-title">
<h2 id="decide-title">Your decision (${level})</h2>
<form method="post" action="${frame.base}/office/contracts/${contract.contractId}/approval">
${csrfInput(frame)}
<input type="hidden" name="level" value="${level}">
<input type="hidden" name="round" value="${String(contract.round)}">
<label for="f-reason">Reason (required to reject)</label>
<textarea id="f-reason" name="reason"></textarea>
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="reject">Reject</button>
</form>
</section>`;
}

function uploadForm(frame: Frame, contract: Contract, issues: readonly UploadIssue[]): SafeHtml {
  const errorOf = (field: string) =>
    issues
      .filter((i) => i.field === field)
      .map((i) => html`<p class="error">${uploadProblemText[i.problem]}</p>`);
  return html`<section aria-labelledby="upload-title">
<h2 id="upload-title">Upload a document</h2>
${issues.length > 0 ? html`<div class="summary" role="alert"><ul>${issues.map((i) => html`<li>${uploadProblemText[i.problem]}</li>`)}</ul></div>` : ''}
<form method="post" action="${frame.base}/office/contracts/${contract.contractId}/documents" enctype="multipart/form-data">
${csrfInput(frame)}
<label for="f-documentType">Document</label>
<select id="f-documentType" name="documentType">
${contract.requiredDocuments.map((d) => html`<option value="${d}">${documentLabel[d]}</option>`)}
</select>
${errorOf('documentType')}
<label for="f-file">File (PDF, JPEG or PNG, up to ${maxDocumentBytes / 1024 / 1024} MB)</label>
<input id="f-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png">
${errorOf('file')}
<label for="f-legalName">Legal name as written on the business licence</label>
<input id="f-legalName" name="legalName">
${errorOf('legalName')}
<button type="submit">Upload</button>
</form>
</section>`;
}

export function contractPage(view: ContractPageView): string {
  const { frame, contract: c, zone } = view;
  const terms = c.paymentTerms.kind === 'prepaid' ? 'Prepaid' : `Net ${c.paymentTerms.days} days`;
  const missing = missingDocuments(c);
  const documents = dataTable(
    'Documents on file',
    [{ label: 'Document' }, { label: 'File' }, { label: 'Uploaded' }, { label: 'By' }],
    c.documents.map((d) => [
      documentLabel[d.documentType],
      html`<a href="${frame.base}/office/contracts/${c.contractId}/documents/${fileIdOf(d.documentKey)}">${d.fileName}</a> (${Math.ceil(d.sizeBytes / 1024)} KB)`,
      timeElement(d.uploadedAt, zone),
      d.uploadedBy.kind === 'staff' ? d.uploadedBy.name : 'the customer (link)',
    ]),
    'No documents yet.',
  );
  const main = html`<h1>Contract: ${c.customer.legalName}</h1>
<p>Contract ${c.contractId} · <strong>${statusText[c.status]}</strong>${c.round > 1 ? ` · submission ${c.round}` : ''}</p>
${c.returned && c.status === 'returned' ? html`<p class="card" role="status">Returned by ${c.returned.by.name} (${c.returned.level}): ${c.returned.reason}</p>` : ''}
${detailList([
  ['Legal name', c.customer.legalName],
  [
    'Contact',
    `${c.customer.contactName}, ${c.customer.email}${c.customer.phone ? `, ${c.customer.phone}` : ''}`,
  ],
  ['Address', c.customer.addressLines.join(', ')],
  ['Tax ID', c.customer.taxId],
  ['Country, language', `${c.customer.country}, ${c.customer.language}`],
  ['Service', c.service.name],
  ['Total per period', formatMoney(c.totals.total, 'en')],
  ['Billing', c.billingPlan],
  ['Payment terms', terms],
  ['Term', `${c.startDate} to ${c.endDate} (${c.termMonths} months)`],
  ['Renewal', renewalTypeText[renewalTypeOf(c)]],
  ['Current term', currentTermText(c)],
  ['Quote', c.quoteId],
  [
    'Account',
    c.accountId
      ? html`<a href="${frame.base}/office/accounts/${c.accountId}">${c.accountId}</a>`
      : undefined,
  ],
  [
    'Signed',
    c.signature
      ? `${c.signature.signerName}, ${c.signature.signedAt}, from ${c.signature.sourceIp}`
      : undefined,
  ],
  ...(view.emails ?? []).map(
    ({ label, delivery }) =>
      [label, deliveryText(frame, zone, delivery)] as [string, SafeHtml | string | undefined],
  ),
  [
    'Signed contract',
    c.signedDocumentKey
      ? html`<a href="${frame.base}/office/contracts/${c.contractId}/documents/${fileIdOf(c.signedDocumentKey)}">PDF</a>`
      : undefined,
  ],
])}
<h2>Documents</h2>
${missing.length > 0 ? html`<p>Missing: ${missing.map((m) => documentLabel[m]).join(', ')}</p>` : html`<p>All required documents are on file.</p>`}
${documents}
${view.mayUpload ? uploadForm(frame, c, view.uploadIssues ?? []) : ''}
${c.status === 'returned' ? changesSection(c.corrections?.round === c.round ? c.corrections.changes : []) : changesSection(changesSinceReturned(c))}
<h2>Approvals</h2>
${detailList(approvalRows(c, zone))}
${view.decidable ? decisionForm(frame, c, view.decidable) : ''}
${
  view.mayResubmit
    ? html`<p><a href="${frame.base}/office/contracts/${c.contractId}/edit">Correct the contract</a></p>
<form method="post" action="${frame.base}/office/contracts/${c.contractId}/resubmit">
${csrfInput(frame)}
<input type="hidden" name="version" value="${String(c.version)}">
<button type="submit">Resubmit for approval</button>
</form>`
    : ''
}
<h2>Timeline</h2>
${timeline(view.timeline, zone)}`;
  return officePage(frame, {
    title: `Contract ${c.customer.legalName}`,
    section: 'contracts',
    main,
    ...(view.flash ? { flash: view.flash } : {}),
  });
}

/** The last part of a document's key (`<ulid>.<ext>`): its id in the download link. */
export const fileIdOf = (documentKey: string) => documentKey.split('/').pop() ?? '';
