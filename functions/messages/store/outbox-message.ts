import type { TimelineEntry } from '../../shared/store/timeline';
import type { AddressMark } from './suppressed-addresses';

/** An outbox message, its business key and state, and what its store does (`outbox-store.ts`). */

/**
 * `claimed → sending → sent`. SES refused: back to `claimed` (retried next run), or `failed`
 * after some attempts (listed for staff, still retried up to a limit). Left `sending` past the
 * lease (a crash after SES may have taken it): `uncertain`, never re-sent by the desk on its own.
 */
export type OutboxState = 'claimed' | 'sending' | 'sent' | 'failed' | 'uncertain';

export interface OutboxKey {
  kind: string;
  subject: string;
  recipient: string;
  /** The period or step the message is for; `-` when it is sent once ever. */
  period: string;
}

export interface EmailContent {
  subjectLine: string;
  html: string;
  text: string;
  /** Files sent with the message: objects in the documents bucket, written before the claim. */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  /** The name the recipient sees: `invoice-2026-000042.pdf`. */
  filename: string;
  contentType: string;
  /** The object's key in the documents bucket. */
  documentKey: string;
}

/** A member of staff who confirmed or re-sent a message. */
export interface StaffActor {
  staffId: string;
  name: string;
}

export interface OutboxMessage extends OutboxKey {
  messageId: string;
  sender: string;
  content: EmailContent;
  state: OutboxState;
  attempts: number;
  claimedAt: string;
  lastError?: string;
  sendingSince?: string;
  sentAt?: string;
  sesMessageId?: string;
  /** When it became `failed` or `uncertain`. */
  attentionSince?: string;
  confirmedBy?: StaffActor;
  resentBy?: StaffActor;
  resentAt?: string;
  /**
   * The record (its pk) whose timeline notes the message once it is sent, or several: a customer's
   * email about a contract is on the contract's timeline and the account's.
   */
  timelineOf?: string | readonly string[];
}

/** The timeline entry that goes with marking a message sent, on each record it concerns. */
export interface SentNote {
  recordPks: readonly string[];
  entry: TimelineEntry;
}

/** What becomes of a message SES refused. */
export interface Refusal {
  error: string;
  /** Listed for staff as `failed` (else back to `claimed`). */
  failed: boolean;
  /** Picked up again by the next retry run. */
  retry: boolean;
}

export interface OutboxStore {
  /** Puts a new claimed message; false if one with the same business key exists. */
  claim(message: OutboxMessage): Promise<boolean>;
  get(messageId: string): Promise<OutboxMessage | undefined>;
  /** claimed or failed → sending; only one caller wins. Undefined if it was in another state. */
  startSending(messageId: string, now: Date): Promise<OutboxMessage | undefined>;
  /** uncertain or failed → sending, recording who asked; only one caller wins. */
  startResend(messageId: string, by: StaffActor, now: Date): Promise<OutboxMessage | undefined>;
  /** sending → sent; with a note, the record's timeline gets it in the same transaction. */
  markSent(messageId: string, sesMessageId: string, now: Date, note?: SentNote): Promise<void>;
  /** sending → claimed or failed after SES refused, counting the attempt. */
  releaseClaim(messageId: string, refusal: Refusal, now: Date): Promise<void>;
  /** sending → uncertain, if still the same send (`sendingSince`); false if it moved on. */
  markUncertain(messageId: string, sendingSince: string, now: Date): Promise<boolean>;
  /** uncertain → sent on a person's word; false if it was not uncertain. */
  confirmDelivered(messageId: string, by: StaffActor, now: Date, note?: SentNote): Promise<boolean>;
  /** Ids of messages to send (claimed or failed-and-retried) since before `cutoff`, oldest first. */
  claimedBefore(cutoff: Date, limit: number): Promise<string[]>;
  /** Messages in `sending` since before `cutoff`, oldest first. */
  sendingBefore(cutoff: Date, limit: number): Promise<{ messageId: string; since: string }[]>;
  /** Uncertain and failed messages, oldest first. */
  needingAttention(limit: number): Promise<OutboxMessage[]>;
  /** The recipient's bounce or complaint mark: the outbox sends nothing to a marked address. */
  suppressionOf(recipient: string): Promise<AddressMark | undefined>;
}

export function outboxMessageId(key: OutboxKey): string {
  return `OUTBOX#${key.kind}#${key.subject}#${key.recipient}#${key.period}`;
}
