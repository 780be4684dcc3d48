import { domainToASCII } from 'node:url';
import { z } from 'zod';

/**
 * One rule for every email address the desk accepts (the lead form and API, quotes, staff, the
 * company's billing address) and the same rule the mailer checks before it calls SES, so an
 * address the desk took is one it can send to, and one SES would refuse is refused at entry,
 * naming the field.
 *
 * What SES takes (SendEmail `Destination`): a 7-bit ASCII address; a domain in Unicode must be
 * written in Punycode; the local part (before `@`) cannot be Unicode. SMTP (RFC 5321) limits the
 * local part to 64 characters, each domain label to 63 and the address to 254.
 *
 * Accepted: a local part of letters, digits and ``!#$%&'*+/=?^_`{|}~-`` with single inner dots
 * (`o'brien`, `anna+desk`); a domain of two or more labels of letters, digits and inner hyphens,
 * not ending in a number, in ASCII or Unicode (`müller.de`).
 * Refused: quoted local parts, comments, IP literals (`[1.2.3.4]`), display names (`Anna <a@b.de>`),
 * lists, spaces, invisible characters, a Unicode local part.
 * Normalised: trimmed; the domain lower-cased and written in Punycode (`xn--mller-kva.de`). The
 * local part is kept as typed: a mail server may treat its case as meaningful.
 */

export type EmailProblem = 'required' | 'too-long' | 'invalid-email';

export type EmailReading = { ok: true; address: string } | { ok: false; problem: EmailProblem };

/** The longest address SMTP carries (RFC 5321: a 256-octet path less its angle brackets). */
export const maxEmailLength = 254;

const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const domainLabel = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const invisibleOrControl = /[\p{Cf}\p{Cc}]/u;

/** Reads an address as typed; answers it normalised, or why it cannot be sent to. */
export function readEmailAddress(raw: unknown): EmailReading {
  if (typeof raw !== 'string') return { ok: false, problem: 'invalid-email' };
  const typed = raw.trim();
  if (typed === '') return { ok: false, problem: 'required' };
  if (typed.length > maxEmailLength) return { ok: false, problem: 'too-long' };
  const at = typed.lastIndexOf('@');
  if (at < 1 || invisibleOrControl.test(typed)) return { ok: false, problem: 'invalid-email' };
  const local = typed.slice(0, at);
  const domain = asciiDomain(typed.slice(at + 1));
  if (local.length > 64 || !localPart.test(local) || !domain) {
    return { ok: false, problem: 'invalid-email' };
  }
  const address = `${local}@${domain}`;
  if (address.length > maxEmailLength) return { ok: false, problem: 'too-long' };
  return { ok: true, address };
}

/** The domain lower-cased in Punycode, or undefined when it is no domain SES can send to. */
function asciiDomain(typed: string): string | undefined {
  if (typed === '' || typed.length > 253 * 4) return undefined;
  const ascii = domainToASCII(typed);
  const labels = ascii.split('.');
  if (ascii.length > 253 || labels.length < 2) return undefined;
  if (!labels.every((label) => domainLabel.test(label))) return undefined;
  // A top-level domain is never all digits: `1.2.3.4` is an address of a machine, not a domain.
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) return undefined;
  return ascii;
}

/** True when the mailer may send to `value` as it is (stored addresses, the sender). */
export function isSendableAddress(value: string): boolean {
  return readEmailAddress(value).ok;
}

/**
 * The zod field of an email address, answering it normalised. `messages` words each problem for
 * the form it is on; by default a problem's message is its code, for callers that translate.
 */
export function emailAddressField(messages: Partial<Record<EmailProblem, string>> = {}) {
  return z.unknown().transform((value, context) => {
    const reading = readEmailAddress(value ?? '');
    if (reading.ok) return reading.address;
    context.issues.push({
      code: 'custom',
      message: messages[reading.problem] ?? reading.problem,
      input: value,
    });
    return z.NEVER;
  });
}
