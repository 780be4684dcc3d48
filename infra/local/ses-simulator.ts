import { randomUUID } from 'node:crypto';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import type { LambdaInvoker } from './functions/runtime';
import { localAccount, localRegion } from './names';

/**
 * SES's mailbox simulator, locally: mail to `bounce@simulator.amazonses.com` or
 * `complaint@simulator.amazonses.com` (a `+label` allowed, as SES allows) is accepted into the
 * mailbox, then the functions declared `receivesEmailFeedback` get the SNS event SES's
 * configuration set would publish on AWS: a permanent bounce (`General`) or a complaint
 * (`abuse`). Like SNS to Lambda, a failed delivery is tried twice more, then logged.
 */

const simulated = /^(bounce|complaint)(\+[^@]*)?@simulator\.amazonses\.com$/i;
export const feedbackTopicArn = `arn:aws:sns:${localRegion}:${localAccount}:desk-email-feedback`;

export interface MailboxSimulatorOptions {
  /** Names of the functions that receive the notifications. */
  functions: readonly string[];
  invoke: LambdaInvoker;
  functionArn: (name: string) => string;
  configurationSet: string;
  now: () => Date;
  log: (line: string) => void;
}

export function mailboxSimulator(options: MailboxSimulatorOptions): (email: Email) => void {
  return (email) => {
    const recipients = [...email.destination.to, ...email.destination.cc, ...email.destination.bcc];
    for (const address of recipients) {
      const kind = simulated.exec(address.trim())?.[1]?.toLowerCase();
      if (kind !== 'bounce' && kind !== 'complaint') continue;
      // After SES has answered the send, as the real notification comes moments later.
      setImmediate(() => {
        const event = simulatedFeedbackEvent(
          kind,
          address.trim(),
          email,
          options.configurationSet,
          options.now(),
        );
        for (const name of options.functions) void deliver(options, name, event, address);
      });
    }
  };
}

async function deliver(
  options: MailboxSimulatorOptions,
  name: string,
  event: unknown,
  address: string,
): Promise<void> {
  let problem = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const outcome = await options.invoke(options.functionArn(name), event);
      if (outcome.kind === 'returned') return;
      problem = `${outcome.errorType}: ${outcome.errorMessage}`;
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  options.log(
    `mailbox simulator: ${name} did not take the notification for ${address}: ${problem}`,
  );
}

/** The SNS event SES's configuration set publishes for a simulated bounce or complaint. */
export function simulatedFeedbackEvent(
  kind: 'bounce' | 'complaint',
  address: string,
  email: Pick<Email, 'messageId' | 'from' | 'destination' | 'subject'>,
  configurationSet: string,
  now: Date,
) {
  return snsEvent(sesNotification(kind, address, email, configurationSet, now));
}

function sesNotification(
  kind: 'bounce' | 'complaint',
  address: string,
  email: Pick<Email, 'messageId' | 'from' | 'destination' | 'subject'>,
  configurationSet: string,
  now: Date,
) {
  const at = now.toISOString();
  const mail = {
    timestamp: at,
    source: email.from,
    sendingAccountId: localAccount,
    messageId: email.messageId,
    destination: email.destination.to,
    headersTruncated: false,
    tags: { 'ses:configuration-set': [configurationSet] },
    commonHeaders: { from: [email.from], to: email.destination.to, subject: email.subject },
  };
  const feedbackId = `${email.messageId}-${kind}-${randomUUID()}`;
  if (kind === 'bounce') {
    return {
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [
          {
            emailAddress: address,
            action: 'failed',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 user unknown',
          },
        ],
        timestamp: at,
        feedbackId,
        reportingMTA: 'dsn; local.simulator.amazonses.com',
      },
      mail,
    };
  }
  return {
    eventType: 'Complaint',
    complaint: {
      complainedRecipients: [{ emailAddress: address }],
      timestamp: at,
      feedbackId,
      complaintFeedbackType: 'abuse',
      userAgent: 'Local mailbox simulator',
    },
    mail,
  };
}

function snsEvent(message: unknown) {
  const messageId = randomUUID();
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${feedbackTopicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: feedbackTopicArn,
          Subject: null,
          Message: JSON.stringify(message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}
