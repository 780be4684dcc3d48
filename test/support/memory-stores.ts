import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Lead } from '../../functions/leads/rules/lead';
import type { AcknowledgementCaps } from '../../functions/leads/store/acknowledgement-caps';
import type { LeadStore } from '../../functions/leads/store/lead-store';
import type { EmailSender } from '../../functions/messages/ses';
import type { OutboxMessage, OutboxStore } from '../../functions/messages/store/outbox-store';
import type { AddressMark } from '../../functions/messages/store/suppressed-addresses';
import type { TimelineEntry } from '../../functions/shared/store/timeline';
import type { SettingsStore, StoredSettings } from '../../functions/staff/settings/settings-store';

/**
 * The stores' contracts kept in memory, conditions included, to test the rules built on them
 * without I/O. The real stores run against DynamoDB Local in the integration tests.
 */
export function memoryOutboxStore(): OutboxStore & {
  items: Map<string, OutboxMessage>;
  /** Bounce and complaint marks by lower-case address. */
  marks: Map<string, AddressMark>;
} {
  const items = new Map<string, OutboxMessage>();
  const marks = new Map<string, AddressMark>();
  /** What the real store keeps on its indexes: since when a message is due, sending, listed. */
  const unsent = new Map<string, { partition: 'claimed' | 'sending'; since: string }>();
  const attention = new Map<string, string>();
  const copy = (m: OutboxMessage | undefined) => m && structuredClone(m);
  const toSending = (m: OutboxMessage, now: Date) => {
    m.state = 'sending';
    m.sendingSince = now.toISOString();
    unsent.set(m.messageId, { partition: 'sending', since: m.sendingSince });
  };
  const toSent = (m: OutboxMessage, now: Date) => {
    m.state = 'sent';
    m.sentAt = now.toISOString();
    delete m.sendingSince;
    unsent.delete(m.messageId);
    attention.delete(m.messageId);
  };
  const before = (partition: 'claimed' | 'sending', cutoff: Date, limit: number) =>
    [...unsent.entries()]
      .filter(([, u]) => u.partition === partition && u.since < cutoff.toISOString())
      .sort((a, b) => a[1].since.localeCompare(b[1].since))
      .slice(0, limit);
  return {
    items,
    marks,
    async suppressionOf(recipient) {
      return marks.get(recipient.toLowerCase());
    },
    async claim(message) {
      if (items.has(message.messageId)) return false;
      items.set(message.messageId, structuredClone(message));
      unsent.set(message.messageId, { partition: 'claimed', since: message.claimedAt });
      return true;
    },
    async get(id) {
      return copy(items.get(id));
    },
    async startSending(id, now) {
      const m = items.get(id);
      if (m?.state !== 'claimed' && m?.state !== 'failed') return undefined;
      toSending(m, now);
      return copy(m);
    },
    async startResend(id, by, now) {
      const m = items.get(id);
      if (m?.state !== 'uncertain' && m?.state !== 'failed') return undefined;
      toSending(m, now);
      attention.delete(id);
      Object.assign(m, { resentBy: by, resentAt: now.toISOString() });
      return copy(m);
    },
    async markSent(id, sesMessageId, now) {
      const m = items.get(id);
      if (m?.state !== 'sending') throw new Error('condition failed');
      toSent(m, now);
      m.sesMessageId = sesMessageId;
    },
    async releaseClaim(id, refusal, now) {
      const m = items.get(id);
      if (m?.state !== 'sending') throw new Error('condition failed');
      Object.assign(m, {
        state: refusal.failed ? 'failed' : 'claimed',
        attempts: m.attempts + 1,
        lastError: refusal.error,
      });
      delete m.sendingSince;
      if (refusal.retry) unsent.set(id, { partition: 'claimed', since: now.toISOString() });
      else unsent.delete(id);
      if (refusal.failed) {
        m.attentionSince = now.toISOString();
        attention.set(id, now.toISOString());
      }
    },
    async markUncertain(id, since, now) {
      const m = items.get(id);
      if (m?.state !== 'sending' || m.sendingSince !== since) return false;
      m.state = 'uncertain';
      m.attentionSince = now.toISOString();
      unsent.delete(id);
      attention.set(id, now.toISOString());
      return true;
    },
    async confirmDelivered(id, by, now) {
      const m = items.get(id);
      if (m?.state !== 'uncertain') return false;
      toSent(m, now);
      m.confirmedBy = by;
      return true;
    },
    async claimedBefore(cutoff, limit) {
      return before('claimed', cutoff, limit).map(([id]) => id);
    },
    async sendingBefore(cutoff, limit) {
      return before('sending', cutoff, limit).map(([messageId, u]) => ({
        messageId,
        since: u.since,
      }));
    },
    async needingAttention(limit) {
      return [...attention.entries()]
        .sort((a, b) => a[1].localeCompare(b[1]))
        .slice(0, limit)
        .map(([id]) => structuredClone(items.get(id) as OutboxMessage));
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
    async earlierOwner(link) {
      const earlier = link.leadId ? leads.get(link.leadId) : undefined;
      if (!earlier?.ownerId || !earlier.team) return { version: earlier?.version ?? 0 };
      const owner = { staffId: earlier.ownerId, name: earlier.ownerName ?? '', team: earlier.team };
      return { owner, version: earlier.version };
    },
    async hasSubmission(kind, key) {
      return submissions.has(`${kind}#${key}`);
    },
  };
}

/** The settings store's contract, kept in memory: conditional writes included. */
export function memorySettings(): SettingsStore & { item?: StoredSettings } {
  const store: SettingsStore & { item?: StoredSettings } = {
    async readBusinessRules() {
      return store.item && structuredClone(store.item);
    },
    async seedBusinessRules(rules) {
      if (store.item) return false;
      store.item = { rules: structuredClone(rules), version: 1 };
      return true;
    },
    async replaceBusinessRules(rules, expectedVersion) {
      if (store.item?.version !== expectedVersion) return false;
      store.item = { rules: structuredClone(rules), version: expectedVersion + 1 };
      return true;
    },
  };
  return store;
}

/** The daily acknowledgement cap, kept in memory: one set of leads per address and day. */
export function memoryAcknowledgementCaps(): AcknowledgementCaps & { withheld: TimelineEntry[] } {
  const days = new Map<string, Set<string>>();
  const withheld: TimelineEntry[] = [];
  return {
    withheld,
    async admit(address, day, leadId, cap) {
      const key = `${address.toLowerCase()}#${day}`;
      const leads = days.get(key) ?? new Set<string>();
      if (!leads.has(leadId) && leads.size >= cap) return false;
      days.set(key, leads.add(leadId));
      return true;
    },
    async noteWithheld(_recordPk, entry) {
      if (!withheld.some((e) => e.at === entry.at && e.summary === entry.summary)) {
        withheld.push(entry);
      }
    },
  };
}
