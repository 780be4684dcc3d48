import type { JobDefinition, JobEnvironment } from '../daily-job/job-environment';
import type { DailyJob } from '../shared/jobs/runner';
import { loadBusinessRules } from '../staff/settings/settings';
import { staffStore } from '../staff/store/staff-store';
import {
  type FirstContactCandidate,
  firstContactCandidates,
  remindFirstContact,
} from './first-contact-reminders';
import { leadStore } from './store/lead-store';

/**
 * First-contact reminders as a daily job: one item per lead awaiting first contact; acting on
 * it reminds the agent (and tells the supervisor when overdue) through the outbox.
 */
function firstContactsJob(env: JobEnvironment): DailyJob<FirstContactCandidate> {
  const deps = { ...env, staff: staffStore(env.table) };
  const leads = leadStore(env.table);
  return {
    name: 'first-contacts',
    async items(_date, asOf) {
      const { rules } = await loadBusinessRules(env.settings);
      const due = await firstContactCandidates(env, rules.leads, asOf);
      return due.map((lead) => ({ id: lead.leadId, item: lead }));
    },
    async reload(leadId) {
      const lead = await leads.getLead(leadId);
      // Contacted, or no longer assigned: nothing to remind anyone of.
      return lead?.status === 'assigned' ? lead : undefined;
    },
    async act(lead, _date, asOf, now) {
      const { rules } = await loadBusinessRules(env.settings);
      const sent = await remindFirstContact(deps, rules.leads, lead, asOf, now);
      return sent.reminders + sent.overdueNotices > 0 ? 'sent' : 'skipped';
    },
  };
}

export const firstContacts: JobDefinition = {
  name: 'first-contacts',
  description: 'Reminds agents of first contacts coming due; tells supervisors of overdue ones.',
  build: firstContactsJob,
};
