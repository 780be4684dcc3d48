import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Lead } from '../../../functions/core/domain/lead';
import type { EmailSender } from '../../../functions/core/mail/ses';
import type { LeadStore } from '../../../functions/core/store/lead-store';
import type { OutboxMessage, OutboxStore } from '../../../functions/core/store/outbox-store';

/**
 * The stores' contracts kept in memory, conditions included, to test the rules built on them
 * without I/O. The real stores run against DynamoDB Local in the integration tests.
 */
export function memoryOutboxStore(): OutboxStore & { items: Map<string, OutboxMessage> } {
  const items = new Map<string, OutboxMessage>();
  const copy = (m: OutboxMessage | undefined) => m && structuredClone(m);
  return {
    items,
    async claim(message) {
      if (items.has(message.messageId)) return false;
      items.set(message.messageId, structuredClone(message));
      return true;
    },
    async get(id) {
      return copy(items.get(id));
    },
    async startSending(id, now) {
      const m = items.get(id);
      if (m?.state !== 'claimed') return undefined;
      m.state = 'sending';
      m.sendingSince = now.toISOString();
      return copy(m);
    },
    async markSent(id, sesMessageId, now) {
      const m = items.get(id);
      if (m?.state !== 'sending') throw new Error('condition failed');
      Object.assign(m, { state: 'sent', sesMessageId, sentAt: now.toISOString() });
    },
    async releaseClaim(id, error) {
      const m = items.get(id);
      if (m?.state !== 'sending') throw new Error('condition failed');
      Object.assign(m, { state: 'claimed', attempts: m.attempts + 1, lastError: error });
    },
    async claimedBefore(cutoff, limit) {
      return [...items.values()]
        .filter((m) => m.state === 'claimed' && m.claimedAt < cutoff.toISOString())
        .sort((a, b) => a.claimedAt.localeCompare(b.claimedAt))
        .slice(0, limit)
        .map((m) => m.messageId);
    },
  };
}

/** Records what would reach SES; refuses while `refusing` is set. */
export function recordingSender() {
  const sent: SendEmailCommandInput[] = [];
  const sender: EmailSender & { sent: typeof sent; refusing: boolean } = {
    sent,
    refusing: false,
    async send(request) {
      if (sender.refusing) {
        const error = new Error('Daily sending quota exceeded');
        error.name = 'LimitExceededException';
        throw error;
      }
      sent.push(request);
      return `ses-${sent.length}`;
    },
  };
  return sender;
}

export function memoryLeadStore(): LeadStore & { leads: Map<string, Lead> } {
  const leads = new Map<string, Lead>();
  const submissions = new Map<string, { leadId: string; fingerprint: string }>();
  return {
    leads,
    async recordLead(lead, submission) {
      const key = `${submission.kind}#${submission.key}`;
      const earlier = submissions.get(key);
      if (earlier) {
        const found = leads.get(earlier.leadId);
        if (!found) throw new Error('dangling submission');
        return { created: false, lead: found, fingerprint: earlier.fingerprint };
      }
      submissions.set(key, { leadId: lead.leadId, fingerprint: submission.fingerprint });
      leads.set(lead.leadId, structuredClone(lead));
      return { created: true, lead };
    },
    async getLead(leadId) {
      return leads.get(leadId);
    },
  };
}
