import { EmailNotSent, InvalidRecipient } from '../shared/errors';
import { defaultBusinessRules } from '../staff/settings/business-rules';
import {
  type DocumentReader,
  DocumentsBucketMissing,
  documentsBucket,
  readAttachments,
} from './attachments';
import { buildSendEmailRequest, type EmailSender, isSingleAddress } from './ses';
import {
  type EmailContent,
  type OutboxKey,
  type OutboxMessage,
  type OutboxStore,
  outboxMessageId,
  type SentNote,
  type StaffActor,
} from './store/outbox-store';
import { suppressionError } from './store/suppressed-addresses';

/**
 * The outbox: the only way an email leaves the desk. A message is claimed on its business key
 * (kind, subject, recipient, period) before SES is called, so however often a step runs, one
 * message exists; `claimed → sending → sent` makes only one caller send it.
 *
 * A message found in `sending` was being sent when something crashed: SES may or may not have
 * it. It is reported `in-doubt`, never re-sent blindly; past the lease the retry job marks it
 * `uncertain` for staff to confirm or re-send (`office-outbox.ts`).
 */

/**
 * `refused`: the recipient's address bounced or complained (SES told us); the message is listed as
 * failed for staff with that reason, never sent and never silently dropped.
 */
export type DeliveryOutcome = 'sent' | 'already-sent' | 'in-doubt' | 'refused';

export interface Outbox {
  /** Claims the message (or finds the earlier claim) and sends it if nobody has. */
  deliver(
    key: OutboxKey,
    sender: string,
    content: EmailContent,
    now: Date,
    options?: { timelineOf?: string | readonly string[] },
  ): Promise<DeliveryOutcome>;
  /** Sends a message claimed earlier (or failed). Throws EmailNotSent if SES refuses it. */
  sendClaimed(messageId: string, now: Date): Promise<DeliveryOutcome>;
  /**
   * Sends an uncertain or failed message once more at a person's request; undefined if it is in
   * neither state (someone else acted first). Throws EmailNotSent if SES refuses it.
   */
  resend(messageId: string, by: StaffActor, now: Date): Promise<'sent' | 'refused' | undefined>;
}

/** When a refused message is listed for staff and when the retry job gives up on it. */
export interface RetryPolicy {
  failedAfterAttempts: number;
  maxAttempts: number;
}

export interface OutboxOptions {
  /** Where attachments are read; the documents bucket (DOCUMENTS_BUCKET) by default. */
  documents?: DocumentReader;
  /** The business rules' values by default. */
  policy?: RetryPolicy;
}

/**
 * Attachments are read from the documents bucket when the message is sent, so a retry sends the
 * same bytes; the sending function needs the `documents read` use.
 */
export function outbox(
  store: OutboxStore,
  email: EmailSender,
  options: OutboxOptions = {},
): Outbox {
  const documents = options.documents ?? documentsBucket();
  const policy = options.policy ?? defaultBusinessRules.outbox;

  /** Sends a message this caller moved to `sending`, unless its address is marked. */
  async function send(message: OutboxMessage, now: Date): Promise<'sent' | 'refused'> {
    const { messageId } = message;
    const mark = await store.suppressionOf(message.recipient);
    if (mark) {
      // Mailing a bounced address again hurts the sender's reputation: listed, not retried.
      await store.releaseClaim(
        messageId,
        { error: suppressionError(mark), failed: true, retry: false },
        now,
      );
      return 'refused';
    }
    let sesMessageId: string;
    try {
      const files = await readAttachments(documents, message.content.attachments);
      sesMessageId = await email.send(
        buildSendEmailRequest(message.sender, message.recipient, message.content, files),
      );
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      // SES said no (or could not be reached), or an attachment could not be read: SES does not
      // have the message, so it may be retried.
      const attempts = message.attempts + 1;
      await store.releaseClaim(
        messageId,
        {
          error: reason.slice(0, 1000),
          failed: attempts >= policy.failedAfterAttempts,
          retry: attempts < policy.maxAttempts,
        },
        now,
      );
      // A deployment error (no documents bucket) surfaces as itself.
      if (error instanceof DocumentsBucketMissing) throw error;
      throw new EmailNotSent(`SES did not take outbox message ${messageId} (${reason})`, {
        cause: error,
      });
    }
    await store.markSent(messageId, sesMessageId, now, sentNote(message, now));
    return 'sent';
  }

  async function sendClaimed(messageId: string, now: Date): Promise<DeliveryOutcome> {
    const message = await store.startSending(messageId, now);
    if (!message) {
      const current = await store.get(messageId);
      if (!current) throw new Error(`Outbox message ${messageId} does not exist`);
      return current.state === 'sent' ? 'already-sent' : 'in-doubt';
    }
    return send(message, now);
  }

  return {
    sendClaimed,

    async resend(messageId, by, now) {
      const message = await store.startResend(messageId, by, now);
      return message ? send(message, now) : undefined;
    },

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
export function sentNote(message: OutboxMessage, now: Date, by?: StaffActor): SentNote | undefined {
  if (!message.timelineOf || message.timelineOf.length === 0) return undefined;
  const subject = `Email "${message.content.subjectLine}"`;
  return {
    recordPks: typeof message.timelineOf === 'string' ? [message.timelineOf] : message.timelineOf,
    entry: {
      at: now.toISOString(),
      step: 'email-sent',
      summary: by
        ? `${subject} to ${message.recipient} confirmed delivered by ${by.name}`
        : `${subject} sent to ${message.recipient}`,
      by: by ? { kind: 'staff', staffId: by.staffId, name: by.name } : { kind: 'system' },
      via: by ? `back office (outbox ${message.kind})` : `outbox (${message.kind})`,
    },
  };
}

export interface RetrySummary {
  sent: number;
  /** Already sent, or caught mid-send by someone else (in doubt): left alone. */
  skipped: number;
  /** SES refused again: still claimed (or failed), tried again next run up to the limit. */
  failed: number;
}

/**
 * Sends what was claimed (or failed) before `cutoff` and is still unsent, oldest first. A message
 * SES refuses is counted and the run goes on; any other error (the table unreachable) stops it.
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
      else if (outcome === 'refused') summary.failed++;
      else summary.skipped++;
    } catch (error) {
      if (!(error instanceof EmailNotSent)) throw error;
      summary.failed++;
      options.onFailure?.(messageId, error);
    }
  }
  return summary;
}

/**
 * Messages in `sending` since before `leaseCutoff`: their sender crashed, maybe after SES took
 * them. They become `uncertain` (listed for staff), never re-sent automatically. Answers how many.
 */
export async function flagUncertain(
  store: OutboxStore,
  leaseCutoff: Date,
  now: Date,
  limit = 500,
): Promise<number> {
  let flagged = 0;
  for (const { messageId, since } of await store.sendingBefore(leaseCutoff, limit)) {
    if (await store.markUncertain(messageId, since, now)) flagged++;
  }
  return flagged;
}
