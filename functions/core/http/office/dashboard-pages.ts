import type { FirstContactClock } from '../../domain/first-contact';
import type { Lead } from '../../domain/lead';
import { html, type SafeHtml } from '../html';
import { dataTable, formatTime, timeElement } from './components';
import { type Frame, officePage, roleNames } from './layout';
import { statusBadge } from './lead-pages';

/** The first page after sign-in: what this role has to do today. */

export type DashboardView =
  | {
      role: 'agent';
      myLeads: readonly Lead[];
      firstContacts: readonly { lead: Lead; clock: FirstContactClock }[];
    }
  | { role: 'supervisor'; unassigned: readonly Lead[]; teamOpen: readonly Lead[] }
  | {
      role: 'manager';
      unassigned: number;
      months: readonly { label: string; count: number }[];
    }
  | { role: 'finance' };

export function dashboardPage(frame: Frame, zone: string, view: DashboardView): string {
  const title = `${roleNames[view.role]} dashboard`;
  const main = (() => {
    switch (view.role) {
      case 'agent':
        return agentDashboard(frame, zone, view);
      case 'supervisor':
        return supervisorDashboard(frame, zone, view);
      case 'manager':
        return managerDashboard(frame, view);
      case 'finance':
        return financeDashboard();
    }
  })();
  return officePage(frame, {
    title,
    section: 'dashboard',
    main: html`<h1>${title}</h1>
${main}`,
  });
}

const leadLink = (frame: Frame, lead: Lead) =>
  html`<a href="${frame.base}/office/leads/${lead.leadId}">${lead.name}</a>`;

function shortLeadTable(frame: Frame, zone: string, caption: string, leads: readonly Lead[]) {
  return dataTable(
    caption,
    [{ label: 'Name' }, { label: 'Company' }, { label: 'Status' }, { label: 'Received' }],
    leads.map((lead) => [
      leadLink(frame, lead),
      lead.company ?? '—',
      statusBadge(lead.status),
      timeElement(lead.receivedAt, zone),
    ]),
    'None at the moment.',
  );
}

const clockText: Record<FirstContactClock['state'], string> = {
  'on-time': 'On time',
  'reminder-due': 'Contact soon',
  overdue: 'Overdue',
};

function agentDashboard(
  frame: Frame,
  zone: string,
  view: Extract<DashboardView, { role: 'agent' }>,
): SafeHtml {
  const due = dataTable(
    'Leads waiting for your first contact, soonest deadline first',
    [{ label: 'Name' }, { label: 'Assigned' }, { label: 'Contact by' }, { label: 'State' }],
    view.firstContacts.map(({ lead, clock }) => [
      leadLink(frame, lead),
      lead.assignedAt ? timeElement(lead.assignedAt, zone) : '—',
      html`<time datetime="${clock.dueOn.toISOString()}">${formatTime(clock.dueOn.toISOString(), zone)}</time>`,
      clock.state === 'overdue'
        ? html`<span class="overdue">${clockText[clock.state]}</span>`
        : clockText[clock.state],
    ]),
    'No first contacts are due: every lead of yours has been contacted.',
  );
  return html`<section aria-labelledby="due-title">
<h2 id="due-title">First contacts due</h2>
${due}
</section>
<section aria-labelledby="mine-title">
<h2 id="mine-title">My leads</h2>
${shortLeadTable(frame, zone, 'My newest leads', view.myLeads)}
<p><a href="${frame.base}/office/leads">All my leads</a></p>
</section>`;
}

function supervisorDashboard(
  frame: Frame,
  zone: string,
  view: Extract<DashboardView, { role: 'supervisor' }>,
): SafeHtml {
  return html`<section aria-labelledby="unassigned-title">
<h2 id="unassigned-title">Unassigned leads</h2>
${shortLeadTable(frame, zone, 'Newest leads nobody owns yet', view.unassigned)}
<p><a href="${frame.base}/office/leads?owner=unassigned">All unassigned leads</a></p>
</section>
<section aria-labelledby="team-title">
<h2 id="team-title">Open leads of team ${frame.principal.team}</h2>
${shortLeadTable(frame, zone, `Newest open leads of team ${frame.principal.team}`, view.teamOpen)}
<p><a href="${frame.base}/office/leads?status=assigned">All open leads of the team</a></p>
</section>`;
}

function managerDashboard(
  frame: Frame,
  view: Extract<DashboardView, { role: 'manager' }>,
): SafeHtml {
  return html`<h2>Desk totals</h2>
<ul class="cards">
<li class="card"><h3>Unassigned leads</h3><p class="figure">${view.unassigned}</p></li>
${view.months.map(
  (m) =>
    html`<li class="card"><h3>Leads received in ${m.label}</h3><p class="figure">${m.count}</p></li>`,
)}
</ul>
<h2>Manage the desk</h2>
<ul>
<li><a href="${frame.base}/office/leads">Every lead</a></li>
<li><a href="${frame.base}/office/staff">Staff directory</a>: add and edit staff, teams and roles</li>
<li><a href="${frame.base}/office/settings">Settings</a>: the business rules</li>
</ul>`;
}

function financeDashboard(): SafeHtml {
  return html`<section class="card" aria-labelledby="money-title">
<h2 id="money-title">Money overview</h2>
<p>Invoices, payments, statements and write-offs are not part of the desk yet. When invoicing
arrives, this page will show the open invoices, what is overdue by age (1–30, 31–60, 61–90 and
over 90 days), the payments recorded today and the write-offs waiting for a manager.</p>
<p>Until then there are no figures to show, so none are shown.</p>
</section>`;
}
