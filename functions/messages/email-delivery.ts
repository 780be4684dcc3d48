import {
  type OutboxKey,
  type OutboxMessage,
  type OutboxStore,
  outboxMessageId,
} from './store/outbox-store';

/**
 * What became of a record's email (a quote, an invoice, a contract's letter), for its page and
 * the outbox page: sent, on its way, or not sent and why. A document whose email failed, went to
 * a marked (bounced, complained) address or was interrupted mid-send never reads as sent.
 */
export type EmailDelivery =
  | { kind: 'sent'; recipient: string; at?: string; confirmedBy?: string }
  /** Claimed and not refused yet: the outbox is sending it now or on its next run. */
  | { kind: 'sending'; recipient: string; since: string }
  | {
      kind: 'not-sent';
      recipient?: string;
      /** Why, in words staff act on. */
      reason: string;
      /** True when it waits for a person on the outbox page (failed or uncertain). */
      needsPerson: boolean;
    };

/** The delivery of `message`; `undefined` (no message) is an email not made yet. */
export function emailDelivery(message: OutboxMessage | undefined): EmailDelivery {
  if (!message) {
    return {
      kind: 'not-sent',
      reason: 'The email has not been made yet; the desk makes and sends it shortly.',
      needsPerson: false,
    };
  }
  const recipient = message.recipient;
  switch (message.state) {
    case 'sent':
      return {
        kind: 'sent',
        recipient,
        ...(message.sentAt ? { at: message.sentAt } : {}),
        ...(message.confirmedBy ? { confirmedBy: message.confirmedBy.name } : {}),
      };
    case 'uncertain':
      return {
        kind: 'not-sent',
        recipient,
        reason:
          'The desk was interrupted while sending it: it may or may not have arrived. Check with ' +
          'the customer, then confirm it or send it once more on the outbox page.',
        needsPerson: true,
      };
    case 'failed':
      return {
        kind: 'not-sent',
        recipient,
        reason: `${refusal(message)} It waits on the outbox page.`,
        needsPerson: true,
      };
    case 'claimed':
    case 'sending':
      if (!message.lastError) return { kind: 'sending', recipient, since: message.claimedAt };
      return {
        kind: 'not-sent',
        recipient,
        reason: `${refusal(message)} The desk tries again on its own.`,
        needsPerson: false,
      };
  }
}

/** Why the email service did not take it: the address's mark, or the service's answer. */
function refusal(message: OutboxMessage): string {
  const error = message.lastError ?? 'The email service refused it.';
  if (/^Address (bounced|complained):/.test(error)) return `${error}.`;
  const attempts = message.attempts === 1 ? '1 attempt' : `${message.attempts} attempts`;
  return `The email service refused it (${attempts}): ${error}.`;
}

/** The delivery of the message with this business key, read from the outbox. */
export async function deliveryOf(
  outbox: Pick<OutboxStore, 'get'>,
  key: OutboxKey,
): Promise<EmailDelivery> {
  return emailDelivery(await outbox.get(outboxMessageId(key)));
}
