import Handlebars from 'handlebars';
import type { ContactStore } from '../accounts/store/contacts';
import type { DeliveryOutcome, Outbox } from '../messages/outbox';
import { subjectLine } from '../messages/ses';
import type { EmailContent, OutboxKey } from '../messages/store/outbox-store';
import { InvalidPayload, RecordMissing } from '../shared/errors';
import type { StaffStore } from '../staff/store/staff-store';
import { isLeadId } from './lead-intake';
import type { Lead } from './rules/lead';
import { leadRecordPk } from './store/lead-keys';
import type { StaffLeadStore } from './store/lead-store';

/**
 * The same prospect writes again (same email address or phone number as an earlier lead or an
 * account): the new enquiry is stored linked to the earlier record and gets no intake of its own,
 * so it is not qualified, assigned or counted a second time. Its `linked-enquiry` workflow still
 * acknowledges the prospect (they sent something and wait for an answer), notes the enquiry on
 * the earlier record's timeline and tells its agent, each once however often it reruns.
 *
 * The one exception: a prospect whose account was written off goes through the intake, where
 * qualification flags them for a supervisor (`needsIntake` in `lead-intake.ts`).
 */

export interface LinkedEnquiryDeps {
  leads: Pick<StaffLeadStore, 'getLead' | 'earlierOwner' | 'followEarlierOwner'>;
  contacts: ContactStore;
  staff: StaffStore;
  outbox: Outbox;
  sender: string;
}

/**
 * Step `Tell the earlier agent` of `linked-enquiry` (payload `{leadId}`): notes the enquiry on
 * the earlier record's timeline and tells its agent (the earlier lead's owner, or the account's).
 * Throws `EmailNotSent` (retried), `InvalidPayload`, `RecordMissing`.
 */
export async function noteLinkedEnquiry(
  deps: LinkedEnquiryDeps,
  leadId: unknown,
  now: Date,
): Promise<{ outcome: DeliveryOutcome | 'nobody-to-tell' }> {
  if (!isLeadId(leadId)) throw new InvalidPayload('The payload must be {"leadId": "<ULID>"}');
  const lead = await deps.leads.getLead(leadId);
  if (!lead) throw new RecordMissing(`Lead ${leadId} does not exist`);
  const link = lead.linkedTo;
  if (!link) throw new InvalidPayload(`Lead ${leadId} is not linked to an earlier lead or account`);
  const earlier = link.leadId ? await deps.leads.getLead(link.leadId) : undefined;
  const recordPk = earlier ? leadRecordPk(earlier.leadId) : `ACCOUNT#${link.accountId}`;
  await deps.contacts.noteLinkedEnquiry(recordPk, lead.leadId, {
    // The enquiry's own time: a rerun writes the same entry, which exists already.
    at: lead.receivedAt,
    step: 'duplicate-enquiry',
    summary: `Same prospect sent another enquiry: ${lead.interest} (lead ${lead.leadId})`,
    by: { kind: 'prospect', name: lead.name },
    via: lead.source === 'web-form' ? 'web form' : lead.source === 'api' ? 'API' : 'back office',
  });
  // The enquiry is the earlier record's owner's: copied now, should it have changed hands since
  // the enquiry came in (its assignment carries the enquiry along from here on).
  const owner = await deps.leads.earlierOwner(link);
  await deps.leads.followEarlierOwner(lead.leadId, owner);
  const ownerId = owner.owner?.staffId;
  const agent = ownerId ? await deps.staff.getMember(ownerId) : undefined;
  // Nobody owns the earlier lead yet: its timeline note is what the supervisor sees.
  if (!agent?.active) return { outcome: 'nobody-to-tell' };
  const outcome = await deps.outbox.deliver(
    linkedEnquiryNoticeKey(lead, agent.email),
    deps.sender,
    renderLinkedEnquiryNotice(lead, earlier, agent.name),
    now,
    { timelineOf: recordPk },
  );
  return { outcome };
}

/** Once per enquiry and agent. */
export function linkedEnquiryNoticeKey(lead: Pick<Lead, 'leadId'>, to: string): OutboxKey {
  return {
    kind: 'linked-enquiry-notice',
    subject: `lead#${lead.leadId}`,
    recipient: to,
    period: 'enquiry',
  };
}

const escapeHtml = (value: string) => Handlebars.escapeExpression(value);

/** Staff-facing, in English: the agent who works the earlier lead or the account. */
export function renderLinkedEnquiryNotice(
  lead: Lead,
  earlier: Lead | undefined,
  agentName: string,
): EmailContent {
  const prospect = lead.company ? `${lead.name} (${lead.company})` : lead.name;
  const lines = [
    `Dear ${agentName},`,
    earlier
      ? `${prospect}, whose lead ${earlier.leadId} is yours, sent another enquiry: ${lead.interest}.`
      : `${prospect}, a customer of your account ${lead.linkedTo?.accountId}, sent another enquiry: ${lead.interest}.`,
    ...(lead.message ? [`Their message: ${lead.message}`] : []),
    `Reach them at ${lead.email}${lead.phone ? ` or ${lead.phone}` : ''}. The new enquiry is lead ${lead.leadId}.`,
  ];
  return {
    subjectLine: subjectLine(`Same prospect wrote again: lead ${lead.leadId}`),
    text: `${lines.join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Another enquiry</title>' +
      `</head>\n<body>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n</body>\n</html>\n`,
  };
}
