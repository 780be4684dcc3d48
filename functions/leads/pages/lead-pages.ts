import type { FieldProblem } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/http/html';
import {
  dataTable,
  detailList,
  errorSummary,
  pager,
  selectField,
  textField,
  timeElement,
  timeline,
} from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import type { StaffMember } from '../../shared/staff-member';
import type { TimelineEntry } from '../../shared/store/timeline';
import { unassignedOwner } from '../lead-desk';
import {
  isLeadSource,
  isLeadStatus,
  type Lead,
  type LeadSource,
  type LeadStatus,
  leadSources,
  leadStatuses,
} from '../rules/lead';
import type { LeadFilters } from '../store/lead-lists';

/** The list of leads (search, filters, paging) and a lead's page with its timeline. */

export const statusNames: Record<LeadStatus, string> = {
  new: 'New',
  assigned: 'Assigned',
  contacted: 'Contacted',
  won: 'Won',
  lost: 'Lost',
  rejected: 'Rejected',
};
export const sourceNames: Record<LeadSource, string> = {
  'web-form': 'Web',
  api: 'API',
  'cold-call': 'Call',
  exhibition: 'Exhibition',
  referral: 'Referral',
};

export interface LeadListParams {
  search: string;
  status: string;
  source: string;
  owner: string;
  after?: string;
}

const cursorPattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}$/;

/** Reads the list's query string; each bad value is a problem naming its field. */
export function readLeadListParams(query: Record<string, string | undefined>): {
  params: LeadListParams;
  filters: LeadFilters;
  problems: FieldProblem[];
} {
  const params: LeadListParams = {
    search: (query.q ?? '').trim(),
    status: query.status ?? '',
    source: query.source ?? '',
    owner: query.owner ?? '',
    ...(query.after ? { after: query.after } : {}),
  };
  const problems: FieldProblem[] = [];
  const filters: LeadFilters = {};
  if (params.search.length > 100) {
    problems.push({ field: 'q', message: 'Search for at most 100 characters' });
  } else if (params.search) filters.search = params.search.toLowerCase();
  if (params.status && !isLeadStatus(params.status)) {
    problems.push({ field: 'status', message: 'Choose a status from the list' });
  } else if (isLeadStatus(params.status)) filters.status = params.status;
  if (params.source && !isLeadSource(params.source)) {
    problems.push({ field: 'source', message: 'Choose a source from the list' });
  } else if (isLeadSource(params.source)) filters.source = params.source;
  if (params.owner.length > 100) problems.push({ field: 'owner', message: 'Choose an owner' });
  if (params.after !== undefined && !cursorPattern.test(params.after)) {
    problems.push({
      field: 'after',
      message: 'This page link is broken; start from the first page',
    });
  }
  return { params, filters, problems };
}

const filterLabels: Record<string, string> = {
  q: 'Search',
  status: 'Status',
  source: 'Source',
  owner: 'Owner',
  after: 'Page',
};

export interface LeadListView {
  frame: Frame;
  zone: string;
  params: LeadListParams;
  problems: readonly FieldProblem[];
  /** Owners to filter by; empty when the principal sees only their own. */
  owners: readonly StaffMember[];
  leads: readonly Lead[];
  next?: string;
}

export function leadListPage(view: LeadListView): string {
  const { frame, params } = view;
  const problemOf = (field: string) => view.problems.find((p) => p.field === field)?.message;
  const path = `${frame.base}/office/leads`;
  const ownerFilter = view.owners.length
    ? selectField(
        { name: 'owner', label: 'Owner', value: params.owner, error: problemOf('owner') },
        [
          { value: '', label: 'Anyone' },
          { value: unassignedOwner, label: 'Unassigned' },
          ...view.owners.map((m) => ({ value: m.staffId, label: m.name })),
        ],
      )
    : html``;
  const filters = html`<form class="filters" method="get" action="${path}" role="search" aria-label="Search and filter leads">
${textField({
  name: 'q',
  label: 'Search',
  type: 'search',
  value: params.search,
  hint: 'Name, email or company',
  error: problemOf('q'),
})}
${selectField(
  { name: 'status', label: 'Status', value: params.status, error: problemOf('status') },
  [
    { value: '', label: 'Any status' },
    ...leadStatuses.map((s) => ({ value: s, label: statusNames[s] })),
  ],
)}
${selectField(
  { name: 'source', label: 'Source', value: params.source, error: problemOf('source') },
  [
    { value: '', label: 'Any source' },
    ...leadSources.map((s) => ({ value: s, label: sourceNames[s] })),
  ],
)}
${ownerFilter}
<div class="actions"><button type="submit">Show leads</button></div>
</form>`;
  const rows = view.leads.map((lead) => [
    html`<a href="${frame.base}/office/leads/${lead.leadId}">${lead.name}</a>`,
    lead.company ?? '—',
    lead.email,
    statusBadge(lead.status),
    lead.ownerName ?? 'Unassigned',
    sourceNames[lead.source] ?? lead.source,
    timeElement(lead.receivedAt, view.zone),
  ]);
  const columns = ['Name', 'Company', 'Email', 'Status', 'Owner', 'Source', 'Received'].map(
    (label) => ({ label }),
  );
  const query = {
    q: params.search,
    status: params.status,
    source: params.source,
    owner: params.owner,
  };
  const results = view.problems.length
    ? html``
    : html`${dataTable(
        params.after ? 'Leads (continued)' : 'Leads, newest first',
        columns,
        rows,
        'No leads match.',
      )}
${pager(path, query, view.next, !params.after)}`;
  return officePage(frame, {
    title: 'Leads',
    section: 'leads',
    main: html`<h1>Leads</h1>
<p><a href="${frame.base}/office/leads/new">New lead</a></p>
${errorSummary(view.problems, (f) => filterLabels[f] ?? f)}
${filters}
${results}`,
  });
}

export function statusBadge(status: LeadStatus): SafeHtml {
  return html`<span class="status ${status}">${statusNames[status] ?? status}</span>`;
}

export interface LeadDetailView {
  frame: Frame;
  zone: string;
  lead: Lead;
  timeline: readonly TimelineEntry[];
  /** Agents the principal may assign to; undefined when they may not assign. */
  agents?: readonly StaffMember[];
  flash?: Flash;
  problems?: readonly FieldProblem[];
  chosenAgent?: string;
  /** The supervisor review of a flagged lead (`lead-review-pages.ts`), when it has one. */
  review?: SafeHtml;
  /** The lead's quotes (`lead-quotes.ts`). */
  quotes?: SafeHtml;
  /** The principal may mark the lead lost (it is still being worked). */
  mayMarkLost?: boolean;
  /** The reason typed for marking it lost, shown again with a problem. */
  lostReason?: string;
}

export function leadDetailPage(view: LeadDetailView): string {
  const { frame, lead } = view;
  const details = detailList([
    ['Status', statusBadge(lead.status)],
    ['Owner', lead.ownerName ? `${lead.ownerName} (team ${lead.team ?? '—'})` : 'Unassigned'],
    ['Email', html`<a href="mailto:${lead.email}">${lead.email}</a>`],
    ['Phone', lead.phone],
    ['Company', lead.company],
    ['Country', lead.country],
    ['Language', lead.language],
    ['Interest', lead.interest],
    ['Message', lead.message],
    ['Source', sourceNames[lead.source] ?? lead.source],
    ['Outcome', outcomeText(frame, lead, view.zone)],
    ['Qualification', qualificationText(lead)],
    ['Same prospect as', linkedText(frame, lead)],
    ['First contact due', lead.firstContactDueAt && timeElement(lead.firstContactDueAt, view.zone)],
    ['Received', timeElement(lead.receivedAt, view.zone)],
    ['Reference', lead.leadId],
  ]);
  const error = view.problems?.find((p) => p.field === 'agentId')?.message;
  const assign = view.agents
    ? html`<section aria-labelledby="assign-title">
<h2 id="assign-title">${lead.ownerId ? 'Reassign' : 'Assign'}</h2>
<form method="post" action="${frame.base}/office/leads/${lead.leadId}/assign" class="card">
${csrfInput(frame)}
<input type="hidden" name="version" value="${lead.version}">
${selectField(
  {
    name: 'agentId',
    label: 'Agent',
    value: view.chosenAgent ?? lead.ownerId ?? '',
    error,
    required: true,
  },
  [
    { value: '', label: 'Choose an agent' },
    ...view.agents.map((a) => ({ value: a.staffId, label: `${a.name} (team ${a.team})` })),
  ],
)}
<button type="submit">${lead.ownerId ? 'Reassign lead' : 'Assign lead'}</button>
</form>
</section>`
    : html``;
  const contact =
    lead.status === 'assigned'
      ? html`<form method="post" action="${frame.base}/office/leads/${lead.leadId}/first-contact" class="card">
${csrfInput(frame)}
<input type="hidden" name="version" value="${lead.version}">
<button type="submit">Log first contact</button>
</form>`
      : html``;
  const lostError = view.problems?.find((p) => p.field === 'reason')?.message;
  const lost = view.mayMarkLost
    ? html`<section aria-labelledby="lost-title">
<h2 id="lost-title">Mark as lost</h2>
<form method="post" action="${frame.base}/office/leads/${lead.leadId}/lost" class="card">
${csrfInput(frame)}
<input type="hidden" name="version" value="${lead.version}">
${textField({
  name: 'reason',
  label: 'Why was it lost?',
  hint: 'For example: chose another supplier, no budget this year. Nothing chases a lost lead.',
  value: view.lostReason ?? '',
  required: true,
  ...(lostError ? { error: lostError } : {}),
})}
<button type="submit">Mark lead as lost</button>
</form>
</section>`
    : html``;
  return officePage(frame, {
    title: `Lead: ${lead.name}`,
    section: 'leads',
    ...(view.flash ? { flash: view.flash } : {}),
    main: html`<p><a href="${frame.base}/office/leads">← All leads</a></p>
<h1>${lead.name}${lead.company ? html` <span class="meta">${lead.company}</span>` : ''}</h1>
${details}
${view.review}
${contact}
${assign}
${view.quotes}
${lost}
<section aria-labelledby="timeline-title">
<h2 id="timeline-title">Timeline</h2>
${timeline(view.timeline, view.zone)}
</section>`,
  });
}

/** A repeat enquiry points at the earlier lead (or the account) that works the prospect. */
function linkedText(frame: Frame, lead: Lead): SafeHtml | undefined {
  const link = lead.linkedTo;
  if (!link) return undefined;
  if (link.leadId) {
    return html`<a href="${frame.base}/office/leads/${link.leadId}">lead ${link.leadId}</a> (no intake of its own: it belongs to whoever works that lead)`;
  }
  return html`account ${link.accountId ?? ''} (no intake of its own: it belongs to the account's agent)`;
}

/** How the lead ended: the contract that won it, or why it was lost, when and by whom. */
function outcomeText(frame: Frame, lead: Lead, zone: string): SafeHtml | undefined {
  if (lead.status === 'won' && lead.wonWith) {
    return html`Won: <a href="${frame.base}/office/contracts/${lead.wonWith.contractId}">contract ${lead.wonWith.contractId}</a> active since ${timeElement(lead.wonWith.at, zone)}`;
  }
  if (lead.status === 'lost' && lead.lost) {
    return html`Lost: ${lead.lost.reason} (${lead.lost.by.name}, ${timeElement(lead.lost.at, zone)})`;
  }
  if (lead.status === 'rejected' && lead.rejectionReason) {
    return html`Rejected: ${lead.rejectionReason}`;
  }
  return undefined;
}

/** Score and flags, so staff see why a lead waits for a supervisor. */
function qualificationText(lead: Lead): string | undefined {
  const q = lead.qualification;
  if (!q) return undefined;
  const verdict = `Score ${q.score} (${q.qualified ? 'qualified' : 'not qualified'})`;
  return q.flags.length > 0 ? `${verdict}; flagged: ${q.flags.join(', ')}` : verdict;
}
