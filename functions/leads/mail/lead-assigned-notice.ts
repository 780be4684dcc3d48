import Handlebars from 'handlebars';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import type { StaffMember } from '../../shared/staff-member';
import type { Lead } from '../rules/lead';

/**
 * The agent's notice that a lead is theirs. Staff notices are in English, the desk's working
 * language (prospects get theirs in their own language).
 */

const escapeHtml = (value: string) => Handlebars.escapeExpression(value);

export function renderLeadAssignedNotice(
  lead: Pick<Lead, 'leadId' | 'name' | 'company' | 'interest' | 'firstContactDueAt'>,
  agent: Pick<StaffMember, 'name'>,
): EmailContent {
  const prospect = lead.company ? `${lead.name} (${lead.company})` : lead.name;
  const due = lead.firstContactDueAt ? lead.firstContactDueAt.slice(0, 10) : 'within 7 days';
  const lines = [
    `Dear ${agent.name},`,
    `A new lead is yours: ${prospect}, interested in ${lead.interest}.`,
    `Lead ${lead.leadId}. Please make first contact by ${due}.`,
  ];
  return {
    subjectLine: subjectLine(`New lead for you: lead ${lead.leadId}`),
    text: `${lines.join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>New lead</title>' +
      `</head>\n<body>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n</body>\n</html>\n`,
  };
}

/** Once per lead and agent: a lead given to another agent tells that one too. */
export function leadAssignedNoticeKey(
  lead: Pick<Lead, 'leadId'>,
  agent: Pick<StaffMember, 'staffId' | 'email'>,
): OutboxKey {
  return {
    kind: 'lead-assigned-notice',
    subject: `lead#${lead.leadId}`,
    recipient: agent.email,
    period: `owner#${agent.staffId}`,
  };
}
