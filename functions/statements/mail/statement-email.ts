import Handlebars from 'handlebars';
import type { CompanyDetails } from '../../invoicing/pdf/invoice-pdf';
import { formatDate } from '../../invoicing/pdf/invoice-pdf';
import { subjectLine } from '../../messages/ses';
import type { EmailAttachment, EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import type { Locale } from '../../shared/locales';
import { formatMoney, type Money } from '../../shared/rules/money';
import type { MonthlyStatement } from '../rules/statement';
import { type StatementText, statementText } from './statement-text';

/**
 * The monthly statement emailed to the account, in its language: opening balance, each line
 * (date, kind, reference, amount, running balance), closing balance and the ageing of what was
 * open, with the PDF attached. Values are escaped in the HTML part; the text part is plain.
 * `statementView` is shared with the PDF, so both say the same.
 */

const handlebars = Handlebars.create();
const escapeText = (value: string) => handlebars.escapeExpression(value);
const fill = (source: string, values: Record<string, string | number>) =>
  handlebars.compile(source, { strict: true, noEscape: true })(values);

export interface StatementAccount {
  accountId: string;
  legalName: string;
  contactName: string;
  addressLines: string[];
  language: Locale;
}

/** Everything a statement shows, formatted for one language. */
export interface StatementView {
  words: StatementText;
  values: { name: string; month: string; from: string; to: string; closing: string };
  opening: string;
  closing: string;
  /** What the closing balance means: owed, in credit, or settled. */
  closingNote: string;
  rows: [date: string, kind: string, reference: string, amount: string, balance: string][];
  ageing: [label: string, amount: string][];
}

export function statementView(
  statement: MonthlyStatement,
  account: StatementAccount,
  locale: Locale,
): StatementView {
  const words = statementText[locale];
  const money = (m: Money) => formatMoney(m, locale);
  const monthName = new Intl.DateTimeFormat(locale, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${statement.month}-01T00:00:00Z`));
  const closingMinor = statement.closing.amountMinor;
  const values = {
    name: account.contactName || account.legalName,
    month: monthName,
    from: formatDate(statement.from, locale),
    to: formatDate(statement.to, locale),
    // Credit is shown as the amount the customer holds, not as a negative debt.
    closing: money({ ...statement.closing, amountMinor: Math.abs(closingMinor) }),
  };
  const note = closingMinor > 0 ? words.owed : closingMinor < 0 ? words.inCredit : words.settled;
  return {
    words,
    values,
    opening: money(statement.opening),
    closing: money(statement.closing),
    closingNote: fill(note, values),
    rows: statement.lines.map((line) => [
      formatDate(line.date, locale),
      words.kinds[line.kind],
      line.reference,
      money(line.amount),
      money(line.balance),
    ]),
    ageing: statement.ageing.map((bucket) => [
      bucket.fromDays === undefined
        ? words.current
        : bucket.toDays === undefined
          ? fill(words.over, { days: bucket.fromDays - 1 })
          : fill(words.daysRange, { from: bucket.fromDays, to: bucket.toDays }),
      money(bucket.amount),
    ]),
  };
}

/** Where the statement's PDF is kept: written once, never replaced. */
export function statementDocumentKey(accountId: string, month: string): string {
  return `statements/${month}/${accountId}.pdf`;
}

export function statementAttachment(accountId: string, month: string): EmailAttachment {
  return {
    filename: `statement-${month}.pdf`,
    contentType: 'application/pdf',
    documentKey: statementDocumentKey(accountId, month),
  };
}

/** One statement per account and month, whatever the number of runs. */
export function statementEmailKey(accountId: string, month: string, recipient: string): OutboxKey {
  return { kind: 'statement', subject: `statement#${accountId}`, recipient, period: month };
}

export function renderStatementEmail(
  statement: MonthlyStatement,
  account: StatementAccount,
  company: CompanyDetails,
): EmailContent {
  const locale = account.language;
  const view = statementView(statement, account, locale);
  const { words, values } = view;
  const c = words.columns;
  const head = [c.date, c.kind, c.reference, c.amount, c.balance];
  const cell = (value: string, tag = 'td', right = false) =>
    `<${tag}${right ? ' style="text-align:right"' : ''}>${escapeText(value)}</${tag}>`;
  const labelled = (label: string, value: string, bold = false) =>
    `<tr><td colspan="4">${bold ? `<strong>${escapeText(label)}</strong>` : escapeText(label)}</td>${cell(value, 'td', true)}</tr>`;

  const htmlBody = [
    `<p>${escapeText(fill(words.greeting, values))}</p>`,
    `<p>${escapeText(fill(words.intro, values))} ${escapeText(words.attached)}</p>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    `<tr>${head.map((h, i) => cell(h, 'th', i >= 3)).join('')}</tr>`,
    labelled(words.opening, view.opening),
    ...(view.rows.length === 0
      ? [`<tr><td colspan="5">${escapeText(words.noLines)}</td></tr>`]
      : view.rows.map((row) => `<tr>${row.map((v, i) => cell(v, 'td', i >= 3)).join('')}</tr>`)),
    labelled(words.closing, view.closing, true),
    '</table>',
    `<p><strong>${escapeText(view.closingNote)}</strong></p>`,
    `<h3>${escapeText(words.ageingTitle)}</h3>`,
    '<table cellpadding="4" style="border-collapse:collapse">',
    `<tr>${view.ageing.map(([label]) => cell(label, 'th', true)).join('')}</tr>`,
    `<tr>${view.ageing.map(([, amount]) => cell(amount, 'td', true)).join('')}</tr>`,
    '</table>',
    `<p>${escapeText(words.questions)}</p>`,
    `<p>${escapeText(words.signOff)}<br>\n${escapeText(company.legalName)}</p>`,
  ].join('\n');

  const textBody = [
    fill(words.greeting, values),
    `${fill(words.intro, values)} ${words.attached}`,
    `${words.opening}: ${view.opening}`,
    view.rows.length === 0
      ? words.noLines
      : view.rows
          .map(
            ([date, kind, ref, amount, balance]) =>
              `${date} · ${kind} ${ref}: ${amount} → ${balance}`,
          )
          .join('\n'),
    `${words.closing}: ${view.closing}`,
    view.closingNote,
    `${words.ageingTitle}:\n${view.ageing.map(([label, amount]) => `${label}: ${amount}`).join('\n')}`,
    words.questions,
    `${words.signOff}\n${company.legalName}`,
  ].join('\n\n');

  const subject = subjectLine(fill(words.subject, values));
  const html =
    `<!doctype html>\n<html lang="${locale}">\n<head><meta charset="utf-8">` +
    `<title>${escapeText(subject)}</title></head>\n<body>\n${htmlBody}\n</body>\n</html>\n`;
  return {
    subjectLine: subject,
    html,
    text: `${textBody}\n`,
    attachments: [statementAttachment(account.accountId, statement.month)],
  };
}
