import type { MoneyOverview } from '../../accounts/money-overview';
import { invoiceLookupForm } from '../../invoicing/pages/invoice-pages';
import { statusBadge } from '../../leads/pages/lead-pages';
import type { FirstContactClock } from '../../leads/rules/first-contact';
import type { Lead } from '../../leads/rules/lead';
import { html, type SafeHtml } from '../../shared/http/html';
import { companyDetailsNotice } from '../../shared/office/company-notice';
import { dataTable, formatTime, timeElement } from '../../shared/office/components';
import { type Frame, officePage, roleNames } from '../../shared/office/layout';
import { formatMoney } from '../../shared/rules/money';
import type { AgeingBucket } from '../../statements/rules/ageing';

/** The first page after sign-in: what this role has to do today. */

export type DashboardView =
  | {
      role: 'agent';
      myLeads: readonly Lead[];
      firstContacts: readonly { lead: Lead; clock: FirstContactClock }[];
    }
  | { role: 'supervisor'; unassigned: readonly Lead[]; teamOpen: readonly Lead[] }
  | ({
      role: 'manager';
      unassigned: number;
      months: readonly { label: string; count: number }[];
      money: MoneyOverview;
    } & DailyJobsView)
  | ({ role: 'finance'; money: MoneyOverview } & DailyJobsView);

/** The daily jobs' items that need a person, and what invoices wait for (when read). */
export interface DailyJobsView {
  jobItems?: { failed: number; waiting: number };
  missingCompanyDetails?: readonly string[];
}

export function dashboardPage(frame: Frame, zone: string, view: DashboardView): string {
  const title = `${roleNames[view.role]} dashboard`;
  const main = (() => {
    switch (view.role) {
      case 'agent':
        return agentDashboard(frame, zone, view);
      case 'supervisor':
        return supervisorDashboard(frame, zone, view);
      case 'manager':
        return html`${companyDetailsNotice(frame, view.missingCompanyDetails ?? [])}
${managerDashboard(frame, view)}
${dailyJobsSection(frame, view)}`;
      case 'finance':
        return html`${companyDetailsNotice(frame, view.missingCompanyDetails ?? [])}
${financeDashboard(frame, view.money)}
${dailyJobsSection(frame, view)}`;
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
</ul>
${moneySections(frame, view.money)}`;
}

function financeDashboard(frame: Frame, money: MoneyOverview): SafeHtml {
  return html`${moneySections(frame, money)}
<section aria-labelledby="money-work-title">
<h2 id="money-work-title">Money work</h2>
${invoiceLookupForm(frame)}
<p>An invoice's page leads to its account, where payments, charges and write-offs are recorded, and to a credit note.</p>
<ul>
<li><a href="${frame.base}/office/arrears">Arrears</a>: every unpaid invoice past due, its ladder steps, holds and suspensions</li>
<li><a href="${frame.base}/office/payments/import">Import a bank statement</a>: payments from a CSV file, once each</li>
<li><a href="${frame.base}/office/charges/import">Import charges</a>: usage and miscellaneous charges from a CSV file, billed with the month's usage invoice</li>
<li><a href="${frame.base}/office/outbox">Outbox</a>: emails that need a person</li>
</ul>
</section>`;
}

const bucketLabel = (bucket: AgeingBucket) =>
  bucket.toDays === undefined
    ? `Over ${(bucket.fromDays ?? 1) - 1} days`
    : `${bucket.fromDays ?? 1}–${bucket.toDays} days`;

/** What is overdue, by age, and the emails waiting for a person: finance's and managers'. */
function moneySections(frame: Frame, money: MoneyOverview): SafeHtml {
  const overdue =
    money.overdue.length === 0
      ? html`<p>Nothing is overdue: every invoice due before today is paid.</p>`
      : money.overdue.map((o) =>
          dataTable(
            `Overdue in ${o.currency}: ${o.count} ${o.count === 1 ? 'invoice' : 'invoices'}, ${formatMoney(o.total, 'en')} in all`,
            [{ label: 'Days past due' }, { label: 'Unpaid' }],
            o.buckets.map((b) => [bucketLabel(b), formatMoney(b.amount, 'en')]),
            'Nothing overdue.',
          ),
        );
  const { uncertain, failed, more } = money.attention;
  const waiting = uncertain + failed;
  return html`<section aria-labelledby="overdue-title">
<h2 id="overdue-title">Overdue</h2>
${overdue}
${
  money.overdueTruncated
    ? html`<p class="flash">More invoices are overdue than this page reads at once: the figures are those of the oldest ${money.overdueRead}. The <a href="${frame.base}/office/arrears">arrears list</a> shows them one by one.</p>`
    : ''
}
<p class="hint">Unpaid invoices due from ${money.countedFrom} to the day before ${money.today}, by days past due on ${money.today}.</p>
</section>
<section aria-labelledby="attention-title">
<h2 id="attention-title">Emails that need a person</h2>
${
  waiting === 0
    ? html`<p>None: every email the desk sent was delivered or is on its way.</p>`
    : html`<p><a href="${frame.base}/office/outbox">${waiting}${more ? '+' : ''} ${waiting === 1 ? 'email' : 'emails'}</a>: ${uncertain} uncertain (the desk was interrupted while sending), ${failed} failed (the email service refused).</p>`
}
</section>`;
}

/** Failed job items and those waiting for the company's details: finance's and managers'. */
function dailyJobsSection(frame: Frame, view: DailyJobsView): SafeHtml {
  if (!view.jobItems) return html``;
  const { failed, waiting } = view.jobItems;
  const link = (count: number, one: string, many: string) =>
    html`<a href="${frame.base}/office/job-items">${count} ${count === 1 ? one : many}</a>`;
  return html`<section aria-labelledby="job-items-title">
<h2 id="job-items-title">Daily jobs</h2>
${
  failed === 0 && waiting === 0
    ? html`<p>Nothing needs a person: the daily jobs did all their items.</p>`
    : html`<ul>
${failed > 0 ? html`<li>${link(failed, 'failed item', 'failed items')}: tried again by later runs, then left for a person to retry or dismiss.</li>` : ''}
${waiting > 0 ? html`<li>${link(waiting, 'item waiting', 'items waiting')} for the company’s details: invoices and statements that go out once they are filled in.</li>` : ''}
</ul>`
}
</section>`;
}
