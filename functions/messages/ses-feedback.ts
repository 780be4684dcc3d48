import { z } from 'zod';
import { InvalidPayload } from '../shared/errors';

/**
 * SES's bounce and complaint notifications, as SNS hands them to a Lambda function: each record's
 * `Sns.Message` is the SES notification as a JSON string. A configuration set's event destination
 * names the kind `eventType`, an identity's notifications name it `notificationType`; both are
 * read. SES may add fields, so unknown ones are ignored; the ones used here are checked.
 */

/** What the desk acts on: who must not be mailed again, and why. */
export type EmailFeedback =
  | {
      kind: 'bounce';
      /** Permanent: the address does not exist (mark it). Transient/Undetermined: only logged. */
      bounceType: 'Permanent' | 'Transient' | 'Undetermined';
      bounceSubType: string;
      addresses: string[];
      /** SES's id of the message that bounced. */
      sesMessageId: string;
      feedbackId: string;
      at: string;
    }
  | {
      kind: 'complaint';
      addresses: string[];
      sesMessageId: string;
      feedbackId: string;
      at: string;
    }
  /** Any other event (Delivery, Send...): the configuration set does not publish them. */
  | { kind: 'other'; eventType: string };

const recipients = (field: 'bouncedRecipients' | 'complainedRecipients') =>
  z.array(z.object({ emailAddress: z.string().min(3).max(320) })).min(1, {
    error: `${field} must name at least one address`,
  });

const mail = z.object({ messageId: z.string().min(1) });

const notification = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('Bounce'),
    mail,
    bounce: z.object({
      bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
      bounceSubType: z.string().default('General'),
      bouncedRecipients: recipients('bouncedRecipients'),
      timestamp: z.iso.datetime({ offset: true }),
      feedbackId: z.string().min(1),
    }),
  }),
  z.object({
    type: z.literal('Complaint'),
    mail,
    complaint: z.object({
      complainedRecipients: recipients('complainedRecipients'),
      timestamp: z.iso.datetime({ offset: true }),
      feedbackId: z.string().min(1),
    }),
  }),
]);

const snsEvent = z.object({
  Records: z
    .array(z.object({ Sns: z.object({ MessageId: z.string().min(1), Message: z.string() }) }))
    .min(1),
});

/** Lower case, with a display name (`Ann <ann@example.com>`) taken off. */
export function feedbackAddress(raw: string): string {
  const angled = /<([^>]+)>/.exec(raw);
  return (angled?.[1] ?? raw).trim().toLowerCase();
}

const problems = (error: z.ZodError, prefix: string) =>
  error.issues
    .map((i) => `${[prefix, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');

/** One SES notification (the `Sns.Message` text). Throws InvalidPayload naming the field. */
export function parseSesNotification(message: string, where = 'Message'): EmailFeedback {
  let body: unknown;
  try {
    body = JSON.parse(message);
  } catch {
    throw new InvalidPayload(`${where}: must be an SES notification in JSON`);
  }
  if (typeof body !== 'object' || body === null) {
    throw new InvalidPayload(`${where}: must be an SES notification in JSON`);
  }
  const fields = body as Record<string, unknown>;
  const type = fields.eventType ?? fields.notificationType;
  if (typeof type !== 'string') {
    throw new InvalidPayload(`${where}.eventType: must name the kind of notification`);
  }
  if (type !== 'Bounce' && type !== 'Complaint') return { kind: 'other', eventType: type };
  const parsed = notification.safeParse({ ...fields, type });
  if (!parsed.success) throw new InvalidPayload(problems(parsed.error, where));
  const n = parsed.data;
  if (n.type === 'Bounce') {
    return {
      kind: 'bounce',
      bounceType: n.bounce.bounceType,
      bounceSubType: n.bounce.bounceSubType,
      addresses: n.bounce.bouncedRecipients.map((r) => feedbackAddress(r.emailAddress)),
      sesMessageId: n.mail.messageId,
      feedbackId: n.bounce.feedbackId,
      at: new Date(n.bounce.timestamp).toISOString(),
    };
  }
  return {
    kind: 'complaint',
    addresses: n.complaint.complainedRecipients.map((r) => feedbackAddress(r.emailAddress)),
    sesMessageId: n.mail.messageId,
    feedbackId: n.complaint.feedbackId,
    at: new Date(n.complaint.timestamp).toISOString(),
  };
}

/** Every notification in an SNS event for a Lambda function, in order. */
export function parseSnsFeedbackEvent(event: unknown): EmailFeedback[] {
  const parsed = snsEvent.safeParse(event);
  if (!parsed.success) throw new InvalidPayload(problems(parsed.error, ''));
  return parsed.data.Records.map((record, index) =>
    parseSesNotification(record.Sns.Message, `Records.${index}.Sns.Message`),
  );
}
