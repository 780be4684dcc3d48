import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { readEmailAddress } from '../shared/rules/email-address';
import type { AttachmentFile } from './attachments';
import type { EmailContent } from './store/outbox-store';

/** Sends one built request and answers SES's message id. */
export interface EmailSender {
  send(request: SendEmailCommandInput): Promise<string>;
}

/** How a send is retried inside one call when SES is throttling or failing on its side. */
export interface Backoff {
  tries: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

const defaultBackoff: Backoff = {
  tries: 4,
  baseDelayMs: 250,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * SES v2. No endpoint here: the SDK reads AWS_ENDPOINT_URL_SESV2. The client's own retries are
 * off so that one back-off (below, tested) decides: throttling and 5xx are tried again after
 * 250 ms, 500 ms, 1 s (with jitter); anything else (a refused address, the daily quota) is not.
 *
 * Every email names the configuration set (EMAIL_CONFIGURATION_SET, given with the `email` use
 * as SENDER_ADDRESS is), whose event destination reports bounces and complaints.
 */
export function sesSender(
  client = new SESv2Client({ maxAttempts: 1 }),
  backoff: Backoff = defaultBackoff,
  configurationSet = process.env.EMAIL_CONFIGURATION_SET,
): EmailSender {
  return {
    async send(built) {
      const request = configurationSet
        ? { ...built, ConfigurationSetName: configurationSet }
        : built;
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await client.send(new SendEmailCommand(request));
          if (!answer.MessageId) throw new Error('SES accepted the email but gave no message id');
          return answer.MessageId;
        } catch (error) {
          if (attempt >= backoff.tries || !isTransient(error)) throw error;
          const delay = backoff.baseDelayMs * 2 ** (attempt - 1);
          await backoff.sleep(delay / 2 + Math.random() * (delay / 2));
        }
      }
    },
  };
}

const throttling = new Set(['TooManyRequestsException', 'ThrottlingException', 'Throttling']);

/** Throttling or a failure on SES's side (5xx): worth another try in a moment. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (throttling.has(error.name)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/**
 * One plain address SES takes, by the desk's one rule (`domain/email-address.ts`): a recipient
 * list, a display name or a line break smuggled in through user input is refused.
 */
export function isSingleAddress(value: string): boolean {
  return readEmailAddress(value).ok;
}

/** A subject is one line: control characters (CR, LF, ...) become spaces. */
export function subjectLine(raw: string): string {
  return raw
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function buildSendEmailRequest(
  from: string,
  to: string,
  content: EmailContent,
  files: readonly AttachmentFile[] = [],
): SendEmailCommandInput {
  const recipient = readEmailAddress(to);
  const sender = readEmailAddress(from);
  if (!recipient.ok) throw new Error('The recipient must be a single valid email address');
  if (!sender.ok) throw new Error('The sender must be a single valid email address');
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  return {
    // SES takes ASCII only: a Unicode domain stored as typed goes out in Punycode.
    FromEmailAddress: sender.address,
    Destination: { ToAddresses: [recipient.address] },
    Content: {
      Simple: {
        Subject: utf8(subjectLine(content.subjectLine)),
        Body: { Html: utf8(content.html), Text: utf8(content.text) },
        ...(files.length > 0
          ? {
              Attachments: files.map((file) => ({
                FileName: file.filename,
                ContentType: file.contentType,
                ContentDisposition: 'ATTACHMENT' as const,
                RawContent: file.content,
              })),
            }
          : {}),
      },
    },
  };
}
