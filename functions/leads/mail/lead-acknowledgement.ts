import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import { messageTemplate } from '../../messages/templates';
import type { Lead } from '../rules/lead';
import { leadAcknowledgementText } from './lead-acknowledgement-text';

const template = messageTemplate(leadAcknowledgementText, 'subject', [
  ['greeting'],
  ['received'],
  ['reference'],
  ['questions'],
  ['signOff', 'team'],
]);

/** The acknowledgement of a lead, in the lead's language. */
export function renderLeadAcknowledgement(
  lead: Pick<Lead, 'leadId' | 'name' | 'interest' | 'language'>,
): EmailContent {
  return template.render(lead.language, {
    name: lead.name,
    interest: lead.interest,
    leadId: lead.leadId,
  });
}

/** A lead is acknowledged once, to the address it gave. */
export function leadAcknowledgementKey(lead: Pick<Lead, 'leadId' | 'email'>): OutboxKey {
  return {
    kind: 'lead-acknowledgement',
    subject: `lead#${lead.leadId}`,
    recipient: lead.email,
    period: '-',
  };
}
