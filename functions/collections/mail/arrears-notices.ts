import Handlebars from 'handlebars';
import type { Account } from '../../accounts/store/accounts';
import { formatDate } from '../../invoicing/pdf/invoice-pdf';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import { formatMoney } from '../../shared/rules/money';
import { type ArrearsNotice, arrearsText } from './arrears-text';

/**
 * The emails of the arrears ladder: the customer's notice in the account's language, and the
 * staff's (English, the desk's working language): the agent's call task, the supervisor told of
 * a final notice, the manager told of a suspension. Each is keyed by invoice, step and recipient
 * (`arrears#<number>#<days>`): however often the daily run goes, none is sent twice.
 */

const handlebars = Handlebars.create();
const escapeText = (value: string) => handlebars.escapeExpression(value);

/** What a notice says about the invoice. */
export interface OverdueInvoiceFacts {
  number: string;
  dueDate: string;
  currency: string;
  openMinor: number;
}

export type StaffArrearsNotice = 'call-task' | 'supervisor-told' | 'manager-told';

export function arrearsNoticeKey(number: string, days: number, recipient: string): OutboxKey {
  return { kind: 'arrears', subject: number, recipient, period: String(days) };
}

export function staffArrearsKey(
  notice: StaffArrearsNotice,
  number: string,
  days: number,
  recipient: string,
): OutboxKey {
  return { kind: `arrears-${notice}`, subject: number, recipient, period: String(days) };
}

export function renderArrearsNotice(
  notice: ArrearsNotice,
  invoice: OverdueInvoiceFacts,
  account: Pick<Account, 'contactName' | 'legalName' | 'language'>,
  company: string,
): EmailContent {
  const locale = account.language;
  const words = arrearsText[locale];
  const values = {
    name: account.contactName || account.legalName,
    number: invoice.number,
    amount: formatMoney({ amountMinor: invoice.openMinor, currency: invoice.currency }, locale),
    dueDate: formatDate(invoice.dueDate, locale),
    company,
  };
  const fill = (source: string, asHtml: boolean) =>
    handlebars.compile(source, { strict: true, noEscape: !asHtml })(values);
  const parts = [words.greeting, words.bodies[notice], words.alreadyPaid];
  return {
    subjectLine: subjectLine(fill(words.subjects[notice], false)),
    text: `${parts.map((p) => fill(p, false)).join('\n\n')}\n\n${words.signOff}\n${company}\n`,
    html:
      `<!doctype html>\n<html lang="${locale}">\n<head><meta charset="utf-8">` +
      `<title>${fill(words.subjects[notice], true)}</title></head>\n<body>\n` +
      `${parts.map((p) => `<p>${fill(p, true)}</p>`).join('\n')}\n` +
      `<p>${escapeText(words.signOff)}<br>\n${escapeText(company)}</p>\n</body>\n</html>\n`,
  };
}

/** Facts of the account that staff notices name. */
export type AccountFacts = Pick<Account, 'accountId' | 'legalName' | 'contactName' | 'phone'>;

export function renderStaffArrearsNotice(
  notice: StaffArrearsNotice,
  invoice: OverdueInvoiceFacts,
  account: AccountFacts,
  recipientName: string,
): EmailContent {
  const amount = formatMoney({ amountMinor: invoice.openMinor, currency: invoice.currency }, 'en');
  const owes = `${account.legalName} (account ${account.accountId}) owes ${amount} on invoice ${invoice.number}, due ${invoice.dueDate}.`;
  const contact = `Contact: ${account.contactName}${account.phone ? `, ${account.phone}` : ''}.`;
  const content: Record<StaffArrearsNotice, { subject: string; lines: string[] }> = {
    'call-task': {
      subject: `Call task: ${account.legalName} is 14 days late on ${invoice.number}`,
      lines: [
        owes,
        'The second notice was sent today. Please call the customer and note the call on the account.',
        contact,
      ],
    },
    'supervisor-told': {
      subject: `Final notice sent: ${account.legalName}, invoice ${invoice.number}`,
      lines: [
        owes,
        'The final notice was sent today and the service is flagged for suspension: it is ' +
          'suspended in 15 days unless the invoice is paid or the account put on hold.',
        contact,
      ],
    },
    'manager-told': {
      subject: `Service suspended: ${account.legalName}, invoice ${invoice.number}`,
      lines: [
        owes,
        "The account's service is suspended today and the debt is handed to collections. A " +
          'payment clearing the balance lifts the suspension at once.',
        contact,
      ],
    },
  };
  const { subject, lines } = content[notice];
  const all = [`Dear ${recipientName},`, ...lines];
  return {
    subjectLine: subjectLine(subject),
    text: `${all.join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Arrears</title>' +
      `</head>\n<body>\n${all.map((l) => `<p>${escapeText(l)}</p>`).join('\n')}\n</body>\n</html>\n`,
  };
}
