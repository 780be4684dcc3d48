import Handlebars from 'handlebars';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import type { Lead } from '../rules/lead';

/**
 * The first-contact clock's emails (in English, the desk's working language): the agent's
 * reminder on the reminder day, the supervisor's notice on the due day. Keyed by lead, recipient
 * and step, so a rerun of the daily job sends neither twice.
 */

type LeadFacts = Pick<Lead, 'leadId' | 'name' | 'company' | 'ownerName' | 'firstContactDueAt'>;

function email(subject: string, lines: string[]): EmailContent {
  return {
    subjectLine: subjectLine(subject),
    text: `${lines.join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>First contact</title>' +
      `</head>\n<body>\n${lines.map((l) => `<p>${Handlebars.escapeExpression(l)}</p>`).join('\n')}` +
      '\n</body>\n</html>\n',
  };
}

const prospectOf = (lead: LeadFacts) =>
  lead.company ? `${lead.name} (${lead.company})` : lead.name;
const dueOf = (lead: LeadFacts) => (lead.firstContactDueAt ?? '').slice(0, 10);

export function renderFirstContactReminder(lead: LeadFacts): EmailContent {
  return email(`Reminder: first contact with lead ${lead.leadId}`, [
    `Dear ${lead.ownerName ?? 'colleague'},`,
    `First contact with ${prospectOf(lead)} is due by ${dueOf(lead)} (lead ${lead.leadId}).`,
    'Please contact the prospect and log the first contact on the lead page.',
  ]);
}

export function renderFirstContactOverdue(lead: LeadFacts, supervisorName: string): EmailContent {
  return email(`Overdue: first contact with lead ${lead.leadId}`, [
    `Dear ${supervisorName},`,
    `${lead.ownerName ?? 'The agent'} has not logged first contact with ${prospectOf(lead)}, ` +
      `due by ${dueOf(lead)} (lead ${lead.leadId}).`,
    'You may reassign the lead on its page.',
  ]);
}

export function firstContactKey(
  lead: Pick<Lead, 'leadId' | 'ownerId'>,
  step: 'reminder' | 'overdue',
  recipient: string,
): OutboxKey {
  return {
    kind: `first-contact-${step}`,
    subject: `lead#${lead.leadId}`,
    recipient,
    // The owner is part of the step: a reassigned lead starts a fresh clock for its new agent.
    period: `owner#${lead.ownerId ?? '-'}`,
  };
}
