import { contactStore } from '../accounts/store/contacts';
import { requireEnv } from '../shared/env';
import type { Table } from '../shared/store/table';
import { workflowArnVariable, workflowStarter } from '../shared/workflow';
import { leadStore } from './store/lead-store';

/**
 * What `acceptLead` needs, built once per function by the handlers that take leads in (the public
 * form and API, the back office's New lead): they start `lead-intake` for a new prospect and
 * `linked-enquiry` for one who wrote before.
 */
export function leadAcceptance(table: Table) {
  return {
    leads: leadStore(table),
    contacts: contactStore(table),
    intake: workflowStarter(requireEnv(workflowArnVariable('lead-intake'))),
    linkedEnquiry: workflowStarter(requireEnv(workflowArnVariable('linked-enquiry'))),
  };
}
