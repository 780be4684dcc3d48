import { Logger } from '@aws-lambda-powertools/logger';
import { moneyOverview } from '../../accounts/money-overview';
import { arrearsStore } from '../../collections/store/arrears';
import { firstContactClock } from '../../leads/rules/first-contact';
import { leadStore } from '../../leads/store/lead-store';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { openItemStore } from '../../shared/jobs/open-items';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { businessDateOf } from '../../shared/rules/job-dates';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import type { BusinessRules } from '../../staff/settings/business-rules';
import { missingCompanyDetails } from '../../staff/settings/company';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { type DailyJobsView, type DashboardView, dashboardPage } from '../pages/dashboard-pages';

/**
 * `GET /office`: the dashboard of the signed-in person's role; finance and managers see what is
 * overdue and the emails that need a person.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const leads = leadStore(table);
const settings = settingsStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const money = { arrears: arrearsStore(table), outbox: outboxStore(table) };
const jobItems = openItemStore(table);

/** Finance's and managers' money figures, aged as statements age them. */
async function moneyToday(now: Date, rules: BusinessRules) {
  return moneyOverview(
    money,
    businessDateOf(now, zone),
    rules.statements.ageingBucketUpperBoundsDays,
  );
}

/** The daily jobs' items that need a person, and the company's details invoices wait for. */
async function dailyJobs(rules: BusinessRules): Promise<DailyJobsView> {
  const counts = await jobItems.countOpen();
  return { jobItems: counts, missingCompanyDetails: missingCompanyDetails(rules.company) };
}

/** Finance's and managers' money figures and daily jobs, by one read of the rules. */
async function moneyAndJobs(now: Date) {
  const { rules } = await loadBusinessRules(settings);
  const [money, jobs] = await Promise.all([moneyToday(now, rules), dailyJobs(rules)]);
  return { money, ...jobs };
}

export const handler = officeHandler(logger, signingKey, async (request) =>
  pageAnswer(200, dashboardPage(request.frame, zone, await dashboardOf(request))),
);

async function dashboardOf({ principal, now }: OfficeRequest): Promise<DashboardView> {
  switch (principal.role) {
    case 'agent': {
      const own = { kind: 'owner', staffId: principal.staffId } as const;
      const [mine, waiting, { rules }] = await Promise.all([
        leads.list({ scope: own, filters: {}, pageSize: 10 }),
        // Assigned and not yet contacted: the leads whose first-contact clock runs.
        leads.list({ scope: own, filters: { status: 'assigned' }, pageSize: 50 }),
        loadBusinessRules(settings),
      ]);
      const firstContacts = waiting.leads
        .filter((lead) => lead.assignedAt)
        .map((lead) => ({
          lead,
          clock: firstContactClock(lead.assignedAt ?? '', rules.leads, zone, now),
        }))
        .sort((a, b) => a.clock.dueOn.getTime() - b.clock.dueOn.getTime());
      return { role: 'agent', myLeads: mine.leads, firstContacts };
    }
    case 'supervisor': {
      const [unassigned, teamOpen] = await Promise.all([
        leads.list({ scope: { kind: 'unassigned' }, filters: {}, pageSize: 10 }),
        leads.list({
          scope: { kind: 'team', team: principal.team, withUnassigned: false },
          filters: { status: 'assigned' },
          pageSize: 10,
        }),
      ]);
      return { role: 'supervisor', unassigned: unassigned.leads, teamOpen: teamOpen.leads };
    }
    case 'manager': {
      // Lead months are UTC months (the index's partitions): this one and the one before.
      const thisMonth = now.toISOString().slice(0, 7);
      const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
      const lastMonth = previous.toISOString().slice(0, 7);
      const [counts, money] = await Promise.all([
        leads.counts([thisMonth, lastMonth]),
        moneyAndJobs(now),
      ]);
      const label = (month: string) =>
        new Intl.DateTimeFormat('en-GB', {
          month: 'long',
          year: 'numeric',
          timeZone: 'UTC',
        }).format(new Date(`${month}-01T00:00:00Z`));
      return {
        role: 'manager',
        unassigned: counts.unassigned,
        months: [thisMonth, lastMonth].map((m, i) => ({
          label: label(m),
          count: counts.byMonth[i] ?? 0,
        })),
        ...money,
      };
    }
    case 'finance':
      return { role: 'finance', ...(await moneyAndJobs(now)) };
  }
}
