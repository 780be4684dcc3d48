import type { Account } from '../accounts/store/accounts';
import { accountRecordPk } from '../accounts/store/accounts';
import type { ContactMatch } from '../accounts/store/contacts';
import { leadRecordPk } from '../leads/store/lead-keys';
import type { StaffMember } from '../shared/staff-member';
import {
  addressMarkKey,
  type MarkedContact,
  renderAddressMarkNotice,
} from './mail/address-mark-notice';
import type { DeliveryOutcome, Outbox } from './outbox';
import type { EmailFeedback } from './ses-feedback';
import type { AddressMark, SuppressedAddresses } from './store/suppressed-addresses';

/**
 * What the desk does with SES's bounce and complaint notifications: a permanent bounce or a
 * complaint marks the address (the outbox then refuses to send to it, listing each message as
 * failed) and tells the agent who answers for the account or lead once; a transient bounce is
 * only reported back for the log (SES keeps trying those itself).
 */

export interface EmailFeedbackDeps {
  marks: Pick<SuppressedAddresses, 'mark'>;
  contacts: { findByContact(details: { email: string }): Promise<ContactMatch | undefined> };
  accounts: { get(accountId: string): Promise<Pick<Account, 'legalName' | 'ownerId'> | undefined> };
  leads: {
    getLead(
      leadId: string,
    ): Promise<{ name: string; company?: string; ownerId?: string } | undefined>;
  };
  staff: {
    getMember(staffId: string): Promise<Pick<StaffMember, 'name' | 'email' | 'active'> | undefined>;
  };
  outbox: Outbox;
  sender: string;
}

export type AddressOutcome = {
  address: string;
  /** False when an earlier notification marked it already. */
  marked: boolean;
  agentTold: DeliveryOutcome | 'no-agent';
};

export type FeedbackOutcome =
  | { kind: 'marked'; addresses: AddressOutcome[] }
  /** A transient or undetermined bounce: logged, nothing marked. */
  | { kind: 'transient'; addresses: string[] }
  | { kind: 'ignored'; eventType: string };

export async function recordEmailFeedback(
  deps: EmailFeedbackDeps,
  feedback: EmailFeedback,
  now: Date,
): Promise<FeedbackOutcome> {
  if (feedback.kind === 'other') return { kind: 'ignored', eventType: feedback.eventType };
  if (feedback.kind === 'bounce' && feedback.bounceType !== 'Permanent') {
    return { kind: 'transient', addresses: feedback.addresses };
  }
  const addresses: AddressOutcome[] = [];
  for (const address of new Set(feedback.addresses)) {
    const { mark, created } = await deps.marks.mark({
      address,
      reason: feedback.kind === 'bounce' ? 'bounced' : 'complained',
      markedAt: feedback.at,
      sesMessageId: feedback.sesMessageId,
      feedbackId: feedback.feedbackId,
      ...(feedback.kind === 'bounce' ? { detail: feedback.bounceSubType } : {}),
    });
    // Told even when the mark existed: a crash between marking and telling is finished here.
    addresses.push({ address, marked: created, agentTold: await tellAgent(deps, mark, now) });
  }
  return { kind: 'marked', addresses };
}

async function tellAgent(
  deps: EmailFeedbackDeps,
  mark: AddressMark,
  now: Date,
): Promise<DeliveryOutcome | 'no-agent'> {
  const owner = await ownerOf(deps, mark.address);
  if (!owner) return 'no-agent';
  const agent = await deps.staff.getMember(owner.ownerId);
  if (!agent?.active) return 'no-agent';
  return deps.outbox.deliver(
    addressMarkKey(mark, agent.email),
    deps.sender,
    renderAddressMarkNotice(mark, owner.contact, agent.name),
    now,
    { timelineOf: owner.recordPk },
  );
}

/** The account the address belongs to, else the lead; with the agent who answers for it. */
async function ownerOf(
  deps: EmailFeedbackDeps,
  address: string,
): Promise<{ ownerId: string; contact: MarkedContact; recordPk: string } | undefined> {
  const match = await deps.contacts.findByContact({ email: address });
  if (match?.accountId) {
    const account = await deps.accounts.get(match.accountId);
    if (account) {
      return {
        ownerId: account.ownerId,
        contact: { label: `account ${account.legalName} (${match.accountId})` },
        recordPk: accountRecordPk(match.accountId),
      };
    }
  }
  if (match?.leadId) {
    const lead = await deps.leads.getLead(match.leadId);
    if (lead?.ownerId) {
      const who = lead.company ? `${lead.name}, ${lead.company}` : lead.name;
      return {
        ownerId: lead.ownerId,
        contact: { label: `lead ${who} (${match.leadId})` },
        recordPk: leadRecordPk(match.leadId),
      };
    }
  }
  return undefined;
}
