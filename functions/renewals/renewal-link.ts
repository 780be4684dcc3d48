import { DateTime } from 'luxon';
import type { Contract } from '../contracts/rules/contract';
import { publicUrl } from '../shared/public-url';
import { createSignedLink } from '../shared/signed-link';
import type { SigningKeyInput } from '../shared/signing-key';
import type { Term } from './rules/renewals';

/**
 * The customer's renew link (`/renewals/{token}`): signed for one contract's current term, in the
 * customer's language, valid until that term is over. A link of an earlier term never renews a
 * later one: the subject names the term's end.
 */

export const renewalLinkPurpose = 'contract-renewal';

export const renewalLinkSubject = (contractId: string, endDate: string) =>
  `${contractId}#${endDate}`;

export function parseRenewalLinkSubject(subject: string) {
  const at = subject.lastIndexOf('#');
  return at > 0
    ? { contractId: subject.slice(0, at), endDate: subject.slice(at + 1) }
    : { contractId: subject, endDate: '' };
}

/** The absolute link for `contract`'s `term`; it expires when the term's last day is over. */
export function renewalLink(
  contract: Pick<Contract, 'contractId' | 'customer'>,
  term: Term,
  key: SigningKeyInput,
  zone: string,
): string {
  const expiresAt = DateTime.fromISO(term.endDate, { zone }).plus({ days: 1 }).startOf('day');
  const { token } = createSignedLink(
    {
      purpose: renewalLinkPurpose,
      subject: renewalLinkSubject(contract.contractId, term.endDate),
      expiresAt: expiresAt.toJSDate(),
      locale: contract.customer.language,
    },
    key,
  );
  return publicUrl(`/renewals/${token}`);
}
