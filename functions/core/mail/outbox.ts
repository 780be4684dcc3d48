import { EmailNotSent, InvalidRecipient } from '../errors';
import {
  type EmailContent,
  type OutboxKey,
  type OutboxMessage,
  type OutboxStore,
  outboxMessageId,
  type SentNote,
} from '../store/outbox-store';
import { buildSendEmailRequest, type EmailSender, isSingleAddress } from './ses';

/**
 * The outbox: the only way an email leaves the desk. A message is claimed on its business key
 * (kind, subject, recipient, period) before SES is called, so however often a step runs, one
 * message exists; `claimed → sending → sent` makes only one caller send it.
 *
 * A message found in `sending` was being sent when something crashed: SES may or may not have
 * it. It is reported `in-doubt` and never re-sent blindly.
 */

export type DeliveryOutcome = 'sent' | 'already-sent' | 'in-doubt';

export interface Outbox {
  /** Claims the message (or finds the earlier claim) and sends it if nobody has. */
  deliver(
    key: OutboxKey,
    sender: string,
    content: EmailContent,
    now: Date,
    options?: { timelineOf?: string },
  ): Promise<DeliveryOutcome>;
  /** Sends a message claimed earlier. Throws EmailNotSent if SES refuses it. */
  sendClaimed(messageId: string, now: Date): Promise<DeliveryOutcome>;
}

export function outbox(store: OutboxStore, email: EmailSender): Outbox {
  async function sendClaimed(messageId: string, now: Date): Promise<DeliveryOutcome> {
    const message = await store.startSending(messageId, now);
    if (!message) {
      const current = await store.get(messageId);
      if (!current) throw new Error(`Outbox message ${messageId} does not exist`);
      return current.state === 'sent' ? 'already-sent' : 'in-doubt';
    }
    let sesMessageId: string;
    try {
      sesMessageId = await email.send(
        buildSendEmailRequest(message.sender, message.recipient, message.content),
      );
    } catch (error) {
      // SES said no (or could not be reached): it does not have the message, so it may be retried.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      await store.releaseClaim(messageId, reason.slice(0, 1000));
      throw new EmailNotSent(`SES did not take outbox message ${messageId} (${reason})`, {
        cause: error,
      });
    }
    await store.markSent(messageId, sesMessageId, now, sentNote(message, now));
    return 'sent';
  }

  return {
    sendClaimed,

    async deliver(key, sender, content, now, options) {
      // Refused before claiming: a message SES can never take must not sit in the outbox.
      if (!isSingleAddress(key.recipient)) {
        throw new InvalidRecipient('The recipient must be a single valid email address');
      }
      const messageId = outboxMessageId(key);
      await store.claim({
        ...key,
        messageId,
        sender,
        content,
        state: 'claimed',
        attempts: 0,
        claimedAt: now.toISOString(),
        ...(options?.timelineOf ? { timelineOf: options.timelineOf } : {}),
      });
      // Claimed now or earlier: either way the state decides who sends.
      return sendClaimed(messageId, now);
    },
  };
}

/** What the timeline of the message's record says once it is sent (nothing if it names none). */
function sentNote(message: OutboxMessage, now: Date): SentNote | undefined {
  if (!message.timelineOf) return undefined;
  return {
    recordPk: message.timelineOf,
    entry: {
      at: now.toISOString(),
      step: 'email-sent',
      summary: `Email "${message.content.subjectLine}" sent to ${message.recipient}`,
      by: { kind: 'system' },
      via: `outbox (${message.kind})`,
    },
  };
}

export interface RetrySummary {
  sent: number;
  /** Already sent, or caught mid-send by someone else (in doubt): left alone. */
  skipped: number;
  /** SES refused again: still claimed, tried again next run. */
  failed: number;
}

/**
 * Sends what was claimed before `cutoff` and is still unsent, oldest first. A message SES refuses
 * is counted and the run goes on; any other error (the table unreachable) stops the run.
 */
export async function retryClaimed(
  store: OutboxStore,
  box: Outbox,
  cutoff: Date,
  now: Date,
  options: { limit?: number; onFailure?: (messageId: string, error: EmailNotSent) => void } = {},
): Promise<RetrySummary> {
  const summary: RetrySummary = { sent: 0, skipped: 0, failed: 0 };
  for (const messageId of await store.claimedBefore(cutoff, options.limit ?? 500)) {
    try {
      const outcome = await box.sendClaimed(messageId, now);
      if (outcome === 'sent') summary.sent++;
      else summary.skipped++;
    } catch (error) {
      if (!(error instanceof EmailNotSent)) throw error;
      summary.failed++;
      options.onFailure?.(messageId, error);
    }
  }
  return summary;
}
