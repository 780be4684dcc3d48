import Handlebars from 'handlebars';
import type { Contract } from '../../contracts/rules/contract';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import { type MessageTemplate, messageTemplate } from '../../messages/templates';
import { localDate } from '../../quotes/mail/quote-email';
import type { Locale } from '../../shared/locales';
import type { Term } from '../rules/renewals';
import { renewalText } from './renewal-text';

/**
 * The emails of a contract's end: the customer's (reminder with the renew link, notice of
 * auto-renewal, lapse, renewal, confirmation of a renewal through the link) in the customer's
 * language, and the agent's (English). Each is keyed by contract, the term's end and the action
 * (`renewal#<contractId>#<endDate>#<action>`), so a rerun or a double click never sends it twice.
 */

export type CustomerRenewalNotice = 'reminder' | 'notice' | 'lapsed' | 'renewed' | 'confirmed';

const sign = ['signOff', 'company'] as const;
const templates: Record<CustomerRenewalNotice, MessageTemplate> = {
  reminder: messageTemplate(renewalText, 'reminderSubject', [
    ['greeting'],
    ['reminderBody'],
    ['reminderLink'],
    ['reminderNewQuote'],
    sign,
  ]),
  notice: messageTemplate(renewalText, 'noticeSubject', [
    ['greeting'],
    ['noticeBody'],
    ['noticeOptOut'],
    sign,
  ]),
  lapsed: messageTemplate(renewalText, 'lapsedSubject', [
    ['greeting'],
    ['lapsedBody'],
    ['lapsedAgain'],
    sign,
  ]),
  renewed: messageTemplate(renewalText, 'renewedSubject', [
    ['greeting'],
    ['renewedBody'],
    ['renewedInvoices'],
    sign,
  ]),
  confirmed: messageTemplate(renewalText, 'confirmedSubject', [
    ['greeting'],
    ['confirmedBody'],
    ['renewedInvoices'],
    sign,
  ]),
};

export interface RenewalFacts {
  contract: Pick<Contract, 'contractId' | 'customer' | 'service'>;
  /** The current term's last day. */
  endDate: string;
  /** The next term (notice, renewal, confirmation). */
  newTerm?: Term;
  daysBeforeEnd?: number;
  /** The signed renew link (reminders). */
  link?: string;
  company: string;
}

export function renderCustomerRenewal(
  notice: CustomerRenewalNotice,
  facts: RenewalFacts,
): EmailContent {
  const locale: Locale = facts.contract.customer.language;
  const { contract } = facts;
  const values: Record<string, string> = {
    name: contract.customer.contactName || contract.customer.legalName,
    service: contract.service.name,
    contractId: contract.contractId,
    endDate: localDate(facts.endDate, locale),
    company: facts.company,
    ...(facts.daysBeforeEnd !== undefined ? { days: String(facts.daysBeforeEnd) } : {}),
    ...(facts.link ? { link: facts.link } : {}),
    ...(facts.newTerm
      ? {
          newStart: localDate(facts.newTerm.startDate, locale),
          newEnd: localDate(facts.newTerm.endDate, locale),
        }
      : {}),
  };
  return templates[notice].render(locale, values);
}

export function renewalKey(
  contractId: string,
  endDate: string,
  action: string,
  recipient: string,
): OutboxKey {
  return { kind: 'renewal', subject: contractId, recipient, period: `${endDate}#${action}` };
}

const escapeText = (value: string) => Handlebars.escapeExpression(value);

export type AgentRenewalNotice = 'ending' | 'new-quote-asked';

/** The agent's (English) email: a contract ends in 30 days, or its customer asked for a quote. */
export function renderAgentRenewal(
  notice: AgentRenewalNotice,
  facts: {
    contract: Pick<Contract, 'contractId' | 'customer' | 'service' | 'renewal'>;
    endDate: string;
    daysBeforeEnd?: number;
    agentName: string;
    autoRenewing: boolean;
  },
): EmailContent {
  const { contract: c } = facts;
  const who = `${c.customer.legalName} (contract ${c.contractId}, ${c.service.name})`;
  const contact = `Contact: ${c.customer.contactName}, ${c.customer.email}${c.customer.phone ? `, ${c.customer.phone}` : ''}.`;
  const content: Record<AgentRenewalNotice, { subject: string; lines: string[] }> = {
    ending: {
      subject: `Contract ending in ${facts.daysBeforeEnd} days: ${c.customer.legalName} on ${facts.endDate}`,
      lines: [
        `The contract of ${who} ends on ${facts.endDate}.`,
        facts.autoRenewing
          ? 'It renews automatically for the same term unless the customer tells us otherwise.'
          : 'The customer has been sent a renew link; unless renewed, it lapses at its end.',
        contact,
      ],
    },
    'new-quote-asked': {
      subject: `New quote asked: ${c.customer.legalName} instead of renewing`,
      lines: [
        `${who}, ending on ${facts.endDate}, asked through the renew link for a new quote instead of renewing on the same terms.`,
        'Please prepare a quote and get in touch. The contract is unchanged until then.',
        contact,
      ],
    },
  };
  const { subject, lines } = content[notice];
  const all = [`Dear ${facts.agentName},`, ...lines];
  return {
    subjectLine: subjectLine(subject),
    text: `${all.join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Renewal</title>' +
      `</head>\n<body>\n${all.map((l) => `<p>${escapeText(l)}</p>`).join('\n')}\n</body>\n</html>\n`,
  };
}
