import { SESv2Client, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import type { EmailContent } from '../store/outbox-store';

/** Sends one built request and answers SES's message id. */
export interface EmailSender {
  send(request: SendEmailCommandInput): Promise<string>;
}

/** SES v2. No endpoint here: the SDK reads AWS_ENDPOINT_URL_SESV2. */
export function sesSender(client = new SESv2Client({})): EmailSender {
  return {
    async send(request) {
      const answer = await client.send(new SendEmailCommand(request));
      if (!answer.MessageId) throw new Error('SES accepted the email but gave no message id');
      return answer.MessageId;
    },
  };
}

const address = z.email();

/**
 * One plain address, nothing an email header could be split on: a recipient list, a display name
 * or a line break smuggled in through user input is refused.
 */
export function isSingleAddress(value: string): boolean {
  return !/[\s,;<>"]/.test(value) && address.safeParse(value).success;
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
): SendEmailCommandInput {
  if (!isSingleAddress(to)) throw new Error('The recipient must be a single valid email address');
  if (!isSingleAddress(from)) throw new Error('The sender must be a single valid email address');
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  return {
    FromEmailAddress: from,
    Destination: { ToAddresses: [to] },
    Content: {
      Simple: {
        Subject: utf8(subjectLine(content.subjectLine)),
        Body: { Html: utf8(content.html), Text: utf8(content.text) },
      },
    },
  };
}
