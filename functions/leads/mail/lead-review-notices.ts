import Handlebars from 'handlebars';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import type { StaffMember } from '../../shared/staff-member';
import type { Lead } from '../rules/lead';

/** Staff notices of a flagged lead's review, in English (the desk's working language). */

const escapeHtml = (value: string) => Handlebars.escapeExpression(value);
type LeadSummary = Pick<Lead, 'leadId' | 'name' | 'company' | 'email' | 'qualification'>;

const prospectOf = (lead: LeadSummary) =>
  lead.company ? `${lead.name} (${lead.company})` : lead.name;

function content(subject: string, lines: string[], links: { label: string; href: string }[]) {
  const linkLines = links.map((l) => `${l.label}: ${l.href}`);
  return {
    subjectLine: subjectLine(subject),
    text: `${[...lines, ...linkLines].join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Lead review</title>' +
      `</head>\n<body>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n` +
      links
        .map((l) => `<p><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></p>`)
        .join('\n') +
      '\n</body>\n</html>\n',
  } satisfies EmailContent;
}

export function renderLeadReviewRequest(
  lead: LeadSummary,
  supervisor: Pick<StaffMember, 'name'>,
  deadline: Date,
  links: { approve: string; reject: string },
): EmailContent {
  const flags = lead.qualification?.flags.join(', ') || 'none';
  return content(
    `Lead to review: lead ${lead.leadId}`,
    [
      `Dear ${supervisor.name},`,
      `A new lead was flagged (${flags}): ${prospectOf(lead)}, ${lead.email}.`,
      `Lead ${lead.leadId}. Please approve or reject it by ${deadline.toISOString().slice(0, 10)}.`,
    ],
    [
      { label: 'Approve', href: links.approve },
      { label: 'Reject', href: links.reject },
    ],
  );
}

export function renderLeadReviewEscalation(
  lead: LeadSummary,
  manager: Pick<StaffMember, 'name'>,
): EmailContent {
  return content(
    `Lead review overdue: lead ${lead.leadId}`,
    [
      `Dear ${manager.name},`,
      `Nobody decided on the flagged lead ${prospectOf(lead)} (lead ${lead.leadId}) in 3 business days.`,
      'It stays flagged and unassigned in the back office until a supervisor or manager decides.',
    ],
    [],
  );
}

/** Once per lead and supervisor. */
export function leadReviewRequestKey(lead: Pick<Lead, 'leadId'>, to: string): OutboxKey {
  return {
    kind: 'lead-review-request',
    subject: `lead#${lead.leadId}`,
    recipient: to,
    period: 'review',
  };
}

/** Once per lead and manager. */
export function leadReviewEscalationKey(lead: Pick<Lead, 'leadId'>, to: string): OutboxKey {
  return {
    kind: 'lead-review-escalation',
    subject: `lead#${lead.leadId}`,
    recipient: to,
    period: 'review',
  };
}
