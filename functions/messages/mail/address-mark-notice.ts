import Handlebars from 'handlebars';
import { subjectLine } from '../ses';
import type { EmailContent, OutboxKey } from '../store/outbox-store';
import type { AddressMark } from '../store/suppressed-addresses';

/**
 * The agent's notice that a customer's address bounced or complained (English, the desk's working
 * language). Keyed by the address and the mark's time: a repeated notification finds the same mark
 * and so the same message; a new mark after staff cleared the old one tells the agent again.
 */

/** Whose address it is, as the agent knows them. */
export interface MarkedContact {
  /** `account Acme Ltd (A-1)` or `lead Ann Lee (L-1)`. */
  label: string;
}

export function addressMarkKey(mark: AddressMark, agentEmail: string): OutboxKey {
  return {
    kind: 'address-marked',
    subject: `address#${mark.address}`,
    recipient: agentEmail,
    period: `mark#${mark.markedAt}`,
  };
}

export function renderAddressMarkNotice(
  mark: AddressMark,
  contact: MarkedContact,
  agentName: string,
): EmailContent {
  const happened =
    mark.reason === 'bounced'
      ? `Email to ${mark.address} bounced permanently (${mark.detail ?? 'General'})`
      : `${mark.address} reported our email as spam`;
  const subject =
    mark.reason === 'bounced'
      ? `Email address bounced: ${contact.label}`
      : `Spam complaint: ${contact.label}`;
  const lines = [
    `Dear ${agentName},`,
    `${happened} on ${mark.markedAt.slice(0, 10)}. The address belongs to ${contact.label}.`,
    'The desk sends nothing more to this address: messages to it are listed as failed on the ' +
      'outbox page, with the reason.',
    mark.reason === 'bounced'
      ? 'Please get a working address from the customer and update their record; a manager can ' +
        'then clear the mark on the outbox page and send the listed messages once more.'
      : 'Please call the customer before anything else is emailed to them; a manager can clear ' +
        'the mark on the outbox page once they agree to receive email again.',
  ];
  return {
    subjectLine: subjectLine(subject),
    text: `${lines.join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Email address</title>' +
      `</head>\n<body>\n${lines.map((l) => `<p>${Handlebars.escapeExpression(l)}</p>`).join('\n')}` +
      '\n</body>\n</html>\n',
  };
}
