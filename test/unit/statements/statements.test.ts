import { describe, expect, it } from 'vitest';
import type { CompanyDetails } from '../../../functions/invoicing/pdf/invoice-pdf';
import { locales } from '../../../functions/shared/locales';
import { money } from '../../../functions/shared/rules/money';
import {
  renderStatementEmail,
  type StatementAccount,
  statementEmailKey,
} from '../../../functions/statements/mail/statement-email';
import { statementText } from '../../../functions/statements/mail/statement-text';
import { renderStatementPdf } from '../../../functions/statements/pdf/statement-pdf';
import {
  creditedInvoiceOf,
  monthAfter,
  monthBefore,
  monthlyStatement,
  type StatementDocument,
  type StatementInput,
} from '../../../functions/statements/rules/statement';
import { pdfText } from '../../support/pdf-text';

const zone = 'Europe/Athens';
const eur = (minor: number) => money(minor, 'EUR');

function doc(
  series: 'INV' | 'CN',
  number: string,
  issueDate: string,
  totalMinor: number,
  options: { dueDate?: string; credits?: string } = {},
): StatementDocument {
  return {
    series,
    number,
    issueDate,
    issuedAt: `${issueDate}T09:00:00.000Z`,
    dueDate: options.dueDate ?? issueDate,
    totals: { net: eur(totalMinor), discount: eur(0), tax: eur(0), total: eur(totalMinor) },
    lines: [
      {
        service: options.credits ? `Credit for ${options.credits}: wrong hours` : 'Membership',
      },
    ],
  } as unknown as StatementDocument;
}

/** Two invoices in February 2039, then in March a partial payment, a credit note, a write-off. */
const input: StatementInput = {
  documents: [
    doc('INV', 'INV-2039-000001', '2039-02-01', 12_400, { dueDate: '2039-03-03' }),
    doc('INV', 'INV-2039-000002', '2039-01-15', 5_000, { dueDate: '2039-01-20' }),
    doc('CN', 'CN-2039-000001', '2039-03-10', 2_000, { credits: 'INV-2039-000001' }),
    doc('INV', 'INV-2039-000003', '2039-04-01', 9_900, { dueDate: '2039-05-01' }),
  ],
  reductions: [
    {
      kind: 'payment',
      date: '2039-03-05',
      recordedAt: '2039-03-05T10:00:00.000Z',
      reference: 'Bank TRX 77',
      amountMinor: 4_000,
      allocations: [{ invoiceNumber: 'INV-2039-000002', amountMinor: 4_000 }],
    },
    {
      kind: 'write-off',
      date: '2039-03-20',
      recordedAt: '2039-03-20T10:00:00.000Z',
      reference: 'WO-2039-03-20-X',
      amountMinor: 1_000,
      allocations: [{ invoiceNumber: 'INV-2039-000002', amountMinor: 1_000 }],
    },
    // After the month: not on March's statement, and not taken off March's ageing.
    {
      kind: 'payment',
      date: '2039-04-01',
      recordedAt: '2039-04-01T05:00:00.000Z',
      reference: 'Early April',
      amountMinor: 10_400,
      allocations: [{ invoiceNumber: 'INV-2039-000001', amountMinor: 10_400 }],
    },
  ],
};

describe('the monthly statement', () => {
  it('has the opening balance, each line with its running balance, the closing and the ageing', () => {
    const s = monthlyStatement(input, '2039-03', zone, 'EUR');
    expect(s.opening).toEqual(eur(17_400));
    expect(
      s.lines.map((l) => [
        l.date,
        l.kind,
        l.reference,
        l.amount.amountMinor,
        l.balance.amountMinor,
      ]),
    ).toEqual([
      ['2039-03-05', 'payment', 'Bank TRX 77', -4_000, 13_400],
      ['2039-03-10', 'credit-note', 'CN-2039-000001', -2_000, 11_400],
      ['2039-03-20', 'write-off', 'WO-2039-03-20-X', -1_000, 10_400],
    ]);
    expect(s.closing).toEqual(eur(10_400));
    // INV-1: 12,400 − 2,000 credited, due 3 March: 28 days late on 31 March. INV-2 fully gone.
    expect(s.open).toEqual([
      { number: 'INV-2039-000001', dueDate: '2039-03-03', openMinor: 10_400 },
    ]);
    expect(s.ageing.map((b) => b.amount.amountMinor)).toEqual([0, 10_400, 0, 0, 0]);
  });

  it('shows a payment reversed on its own date, leaving the month the payment was in as sent', () => {
    const paid: StatementInput = {
      documents: [doc('INV', 'INV-2039-000010', '2039-05-02', 8_000, { dueDate: '2039-05-20' })],
      reductions: [
        {
          kind: 'payment',
          date: '2039-05-10',
          recordedAt: '2039-05-10T09:00:00.000Z',
          reference: 'Wrong account',
          amountMinor: 8_000,
          allocations: [{ invoiceNumber: 'INV-2039-000010', amountMinor: 8_000 }],
        },
      ],
      reversals: [
        {
          date: '2039-06-03',
          recordedAt: '2039-06-03T09:00:00.000Z',
          reference: 'PAY-2039-05-10-X',
          amountMinor: 8_000,
          reopened: [{ invoiceNumber: 'INV-2039-000010', amountMinor: 8_000 }],
        },
      ],
    };
    const may = monthlyStatement(paid, '2039-05', zone, 'EUR');
    expect(may.closing).toEqual(eur(0));
    expect(may.open).toEqual([]);
    const june = monthlyStatement(paid, '2039-06', zone, 'EUR');
    expect(
      june.lines.map((l) => [l.date, l.kind, l.amount.amountMinor, l.balance.amountMinor]),
    ).toEqual([['2039-06-03', 'payment-reversal', 8_000, 8_000]]);
    expect(june.open).toEqual([
      { number: 'INV-2039-000010', dueDate: '2039-05-20', openMinor: 8_000 },
    ]);
  });

  it('counts an invoice the account’s credit paid at issue as open only for the rest', () => {
    const credited = {
      ...doc('INV', 'INV-2039-000011', '2039-07-01', 5_000, { dueDate: '2039-07-01' }),
      creditAppliedMinor: 3_000,
    };
    const s = monthlyStatement({ documents: [credited], reductions: [] }, '2039-07', zone, 'EUR');
    expect(s.open).toEqual([
      { number: 'INV-2039-000011', dueDate: '2039-07-01', openMinor: 2_000 },
    ]);
  });

  it('ages at the end of a leap February (29 days) and of a 31-day month', () => {
    const due = {
      documents: [doc('INV', 'INV-2040-000001', '2039-12-20', 100, { dueDate: '2040-01-29' })],
      reductions: [],
    };
    // 29 February 2040 is 31 days after 29 January: 31–60.
    const feb = monthlyStatement(due, '2040-02', zone, 'EUR');
    expect(feb.to).toBe('2040-02-29');
    expect(feb.ageing.map((b) => b.amount.amountMinor)).toEqual([0, 0, 100, 0, 0]);
    // 31 March: 62 days, 61–90; 31 January: 2 days, 1–30; December: not yet issued.
    expect(
      monthlyStatement(due, '2040-03', zone, 'EUR').ageing.map((b) => b.amount.amountMinor),
    ).toEqual([0, 0, 0, 100, 0]);
    expect(
      monthlyStatement(due, '2040-01', zone, 'EUR').ageing.map((b) => b.amount.amountMinor),
    ).toEqual([0, 100, 0, 0, 0]);
    expect(
      monthlyStatement(due, '2039-11', zone, 'EUR').ageing.map((b) => b.amount.amountMinor),
    ).toEqual([0, 0, 0, 0, 0]);
  });

  it('knows the months around a run date and the invoice a credit note credits', () => {
    expect(monthBefore('2040-03-01')).toBe('2040-02');
    expect(monthBefore('2040-01-01')).toBe('2039-12');
    expect(monthAfter('2039-12')).toBe('2040-01');
    expect(
      creditedInvoiceOf({
        lines: [{ service: 'Credit for INV-2039-000042: typo – Membership' }],
      } as never),
    ).toBe('INV-2039-000042');
    expect(creditedInvoiceOf({ lines: [] } as never)).toBeUndefined();
  });
});

const company: CompanyDetails = {
  legalName: 'Desk Services Α.Ε.',
  addressLines: ['Λεωφόρος Κηφισίας 100', '115 26 Αθήνα'],
  taxId: 'EL123456789',
  email: 'billing@desk.example',
};

const names = {
  en: 'Harbour Logistics Ltd',
  de: 'Müller & Söhne GmbH',
  el: 'Παπαδόπουλος Ναυτιλιακή Α.Ε.',
  ko: '서울상사 주식회사',
  zh: '上海明达贸易有限公司',
} as const;

const account = (locale: (typeof locales)[number]): StatementAccount => ({
  accountId: 'ACC-STMT-1',
  legalName: names[locale],
  contactName: '<b>Ada</b>',
  addressLines: ['1 Main Street'],
  language: locale,
});

// Rendering a PDF parses the embedded fonts each time: seconds on a loaded machine, until the PDF work is made faster.
describe('the statement email and PDF', { timeout: 30_000 }, () => {
  const statement = monthlyStatement(input, '2039-03', zone, 'EUR');

  it.each(locales)('are written in %s', async (locale) => {
    const words = statementText[locale];
    const email = renderStatementEmail(statement, account(locale), company);
    expect(email.html).toContain(`lang="${locale}"`);
    for (const label of [
      words.opening,
      words.closing,
      words.kinds.payment,
      words.kinds['credit-note'],
      words.kinds['write-off'],
      words.current,
    ]) {
      expect(email.html).toContain(label);
      expect(email.text).toContain(label);
    }
    expect(email.html).toContain('CN-2039-000001');
    expect(email.html).toContain('&lt;b&gt;Ada&lt;/b&gt;');
    expect(email.attachments).toEqual([
      {
        filename: 'statement-2039-03.pdf',
        contentType: 'application/pdf',
        documentKey: 'statements/2039-03/ACC-STMT-1.pdf',
      },
    ]);
    const pdf = await renderStatementPdf(statement, account(locale), company);
    const text = (await pdfText(pdf, '')).replace(/\s/g, '');
    for (const label of [
      words.title,
      words.opening,
      words.closing,
      words.kinds.payment,
      names[locale],
    ]) {
      expect(text).toContain(label.replace(/\s/g, ''));
    }
    expect(text).toContain('WO-2039-03-20-X');
    // The same statement, the same bytes.
    expect((await renderStatementPdf(statement, account(locale), company)).equals(pdf)).toBe(true);
  });

  it('with nothing in the month, shows the balance carried and says there were no transactions', async () => {
    const quiet = monthlyStatement(input, '2039-05', zone, 'EUR');
    expect(quiet.lines).toEqual([]);
    expect(quiet.opening).toEqual(quiet.closing);
    const email = renderStatementEmail(quiet, account('en'), company);
    expect(email.text).toContain('No transactions this month.');
    const pdf = await pdfText(await renderStatementPdf(quiet, account('en'), company));
    expect(pdf).toContain('No transactions this month.');
  });

  it('says in English what the customer owes, line by line', async () => {
    const email = renderStatementEmail(statement, account('en'), company);
    expect(email.subjectLine).toBe('Your statement for March 2039');
    expect(email.text).toContain('Opening balance: €174.00');
    expect(email.text).toContain('March 5, 2039 · Payment Bank TRX 77: -€40.00 → €134.00');
    expect(email.text).toContain('Closing balance: €104.00');
    expect(email.text).toContain('Amount owed at March 31, 2039: €104.00.');
    expect(email.text).toContain('1–30 days: €104.00');
    expect(statementEmailKey('ACC-1', '2039-03', 'a@example.org')).toEqual({
      kind: 'statement',
      subject: 'statement#ACC-1',
      recipient: 'a@example.org',
      period: '2039-03',
    });
    const pdf = await pdfText(await renderStatementPdf(statement, account('en'), company));
    for (const part of [
      '€174.00',
      '-€40.00',
      '€134.00',
      'CN-2039-000001',
      '€104.00',
      'Over 90 days',
    ]) {
      expect(pdf).toContain(part);
    }
  });
});
