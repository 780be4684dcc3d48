import { describe, expect, it } from 'vitest';
import {
  BankStatementInvalid,
  parseBankStatement,
} from '../../../functions/payments/rules/bank-statement';

const file = [
  'Date,Amount,Method,Reference,Invoice',
  '2026-03-02,120.50,bank-transfer,TRX-1001,INV-2026-000001',
  '2026-03-03,80,card,CARD-77,',
  '2026-03-03,80,card,CARD-77,',
].join('\n');

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof BankStatementInvalid) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('bank statement import', () => {
  it('reads payments with their amounts in minor units and the named invoice', () => {
    const { payments, refused, rowCount } = parseBankStatement(file, { currency: 'EUR' });
    expect(refused).toEqual([]);
    expect(rowCount).toBe(3);
    expect(payments.map(({ businessKey, ...p }) => p)).toEqual([
      {
        row: 2,
        date: '2026-03-02',
        amount: { amountMinor: 12_050, currency: 'EUR' },
        method: 'bank-transfer',
        reference: 'TRX-1001',
        invoiceNumber: 'INV-2026-000001',
      },
      {
        row: 3,
        date: '2026-03-03',
        amount: { amountMinor: 8_000, currency: 'EUR' },
        method: 'card',
        reference: 'CARD-77',
      },
      {
        row: 4,
        date: '2026-03-03',
        amount: { amountMinor: 8_000, currency: 'EUR' },
        method: 'card',
        reference: 'CARD-77',
      },
    ]);
  });

  it('gives every row a stable key: a re-imported file yields the same keys, identical rows differ', () => {
    const keys = parseBankStatement(file, { currency: 'EUR' }).payments.map((p) => p.businessKey);
    expect(new Set(keys).size).toBe(3);
    expect(
      parseBankStatement(file, { currency: 'EUR' }).payments.map((p) => p.businessKey),
    ).toEqual(keys);
    // The same payments exported again with one more row keep their keys.
    const longer = `${file}\n2026-03-04,5,cash,R-9,`;
    expect(
      parseBankStatement(longer, { currency: 'EUR' })
        .payments.map((p) => p.businessKey)
        .slice(0, 3),
    ).toEqual(keys);
  });

  it('reads a decimal comma file with a currency column', () => {
    const csv =
      'amount;currency;date;method;reference\n"1234,5";KWD;2026-03-02;cheque;CHQ-1\n7;KRW;2026-03-02;cash;C-1';
    const { payments } = parseBankStatement(csv, { decimalSeparator: ',', delimiter: ';' });
    expect(payments.map((p) => p.amount)).toEqual([
      { amountMinor: 1_234_500, currency: 'KWD' },
      { amountMinor: 7, currency: 'KRW' },
    ]);
  });

  it('refuses only the bad rows, naming each field; the good rows are still read', () => {
    const csv = [
      'amount,date,method,reference',
      '10.00,2026-03-02,card,OK-1',
      '1,234.00,2026-03-02,card,X', // unquoted thousands separator shifts the columns
      '"1,234.00",2026-02-30,cash,X',
      '12.345,2026-03-02,crypto,',
      '-5,2026-03-02,cash,Y',
      '7.00,2026-03-03,cash,OK-2',
    ].join('\n');
    const { payments, refused, rowCount } = parseBankStatement(csv, { currency: 'EUR' });
    expect(rowCount).toBe(6);
    expect(payments.map((p) => p.row)).toEqual([2, 7]);
    const fieldsOf = (row: number) =>
      refused.find((r) => r.row === row)?.problems.map((p) => p.field);
    expect(refused.map((r) => r.row)).toEqual([3, 4, 5, 6]);
    expect(fieldsOf(3)).toContain('date');
    expect(fieldsOf(4)).toEqual(['amount', 'date']);
    expect(fieldsOf(5)).toEqual(['amount', 'method', 'reference']);
    expect(fieldsOf(6)).toEqual(['amount']);
    // A refused row keeps what was written, for the import's page.
    expect(refused.find((r) => r.row === 4)).toMatchObject({
      amount: '1,234.00',
      currency: 'EUR',
      date: '2026-02-30',
      reference: 'X',
    });
  });

  it('refuses a row whose amount is beyond the ledger, naming the row and field', () => {
    const csv = [
      'amount,date,method,reference',
      '100000000000000000,2026-03-02,card,BIG',
      '5,2026-03-02,card,SMALL',
    ].join('\n');
    const { payments, refused } = parseBankStatement(csv, { currency: 'EUR' });
    expect(payments.map((p) => p.row)).toEqual([3]);
    expect(refused.map((r) => ({ row: r.row, problems: r.problems }))).toEqual([
      {
        row: 2,
        problems: [
          {
            field: 'amount',
            message:
              '"100000000000000000": is too large: the ledger holds at most €90,071,992,547,409.91',
          },
        ],
      },
    ]);
  });

  it('refuses a file without the needed columns, a currency, or any payment', () => {
    expect(
      problemsOf(() => parseBankStatement('amount,date\n1,2026-03-02', { currency: 'EUR' })),
    ).toEqual([
      { row: 1, field: 'method', message: 'column missing' },
      { row: 1, field: 'reference', message: 'column missing' },
    ]);
    expect(problemsOf(() => parseBankStatement(file))).toEqual([
      { row: 1, field: 'currency', message: 'column missing' },
    ]);
    expect(
      problemsOf(() => parseBankStatement('amount,date,method,reference\n', { currency: 'EUR' })),
    ).toEqual([expect.objectContaining({ field: 'file' })]);
    expect(
      problemsOf(() =>
        parseBankStatement('amount,date,method,reference\n"1,2026', { currency: 'EUR' }),
      ),
    ).toEqual([expect.objectContaining({ field: 'file' })]);
  });

  it('names the invoice column when the number is malformed', () => {
    const csv = 'amount,date,method,reference,invoice\n1,2026-03-02,cash,R,INV-26-1';
    expect(parseBankStatement(csv, { currency: 'EUR' }).refused).toEqual([
      expect.objectContaining({
        row: 2,
        problems: [expect.objectContaining({ field: 'invoice' })],
      }),
    ]);
  });
});
