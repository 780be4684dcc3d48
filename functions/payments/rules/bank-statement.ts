import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import type { FieldProblem } from '../../shared/errors';
import { parseBusinessDate } from '../../shared/rules/job-dates';
import { isCurrency, type Money, parseMoney } from '../../shared/rules/money';

/**
 * A bank statement exported as CSV, read into payments. The first row names the columns (any
 * order, any case): `amount`, `date`, `method`, `reference`, and optionally `invoice` and
 * `currency`; without a currency column the file's currency is given by the caller.
 *
 * Decimal separator: each bank exports in one locale, so it is a setting of the import
 * (`decimalSeparator`, '.' by default, ',' for "1234,56"). Thousands separators are refused:
 * "1,234" could be either, and a guess could book a thousand times the money. Dates are ISO
 * (`YYYY-MM-DD`).
 *
 * A file the desk cannot read as a statement (not CSV, a column missing, no rows, more than
 * `maxStatementRows`) is refused whole. A bad row (an amount, date, method or reference the desk
 * refuses) is only that row refused, with its reasons: the other rows are still imported, and the
 * row numbers are as in the file (the header being row 1).
 *
 * Each payment has a business key made from its content (and, for identical rows, which
 * occurrence it is), so importing the same file again yields the same keys and adds nothing.
 */

export const paymentMethods = ['bank-transfer', 'card', 'cash', 'cheque'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export interface ImportedPayment {
  businessKey: string;
  /** Row in the file (the header is row 1). */
  row: number;
  amount: Money;
  date: string;
  method: PaymentMethod;
  reference: string;
  invoiceNumber?: string;
}

/** A row the desk refuses, as it was written, with every reason. */
export interface RefusedRow {
  row: number;
  amount: string;
  currency: string;
  date: string;
  reference: string;
  problems: FieldProblem[];
}

export interface RowProblem extends FieldProblem {
  row: number;
}

/** The rows of a statement: the payments in it and the rows refused, each in file order. */
export interface BankStatement {
  payments: ImportedPayment[];
  refused: RefusedRow[];
  /** Data rows in the file (payments and refused rows). */
  rowCount: number;
}

/** The file as a whole cannot be imported: nothing is recorded. */
export class BankStatementInvalid extends Error {
  override name = 'BankStatementInvalid';
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((p) => `row ${p.row}, ${p.field}: ${p.message}`).join('; '));
  }
}

export interface BankStatementOptions {
  /** The currency of every row when the file has no currency column. */
  currency?: string;
  decimalSeparator?: '.' | ',';
  /** Column delimiter; files with a decimal comma usually use ';'. */
  delimiter?: ',' | ';';
}

/**
 * Rows one statement may hold: a month of a busy account's payments. The import runs in the
 * background in chunks (`bank-import.ts`), so this bounds the page and one file's run time, not
 * a request: a larger export is split by date.
 */
export const maxStatementRows = 5000;

const required = ['amount', 'date', 'method', 'reference'] as const;

export function parseBankStatement(csv: string, options: BankStatementOptions = {}): BankStatement {
  const { decimalSeparator = '.', delimiter = ',' } = options;
  let rows: string[][];
  try {
    rows = parse(csv, {
      delimiter,
      skip_empty_lines: true,
      trim: true,
      bom: true,
      // A short row is reported field by field rather than as a broken file.
      relax_column_count: true,
    });
  } catch (error) {
    throw new BankStatementInvalid([{ row: 0, field: 'file', message: csvMessage(error) }]);
  }
  const [header = [], ...data] = rows;
  const columns = header.map((h) => h.toLowerCase());
  const missing: string[] = required.filter((c) => !columns.includes(c));
  if (!columns.includes('currency') && !isCurrency(options.currency)) missing.push('currency');
  if (missing.length > 0) {
    throw new BankStatementInvalid(
      missing.map((field) => ({ row: 1, field, message: 'column missing' })),
    );
  }
  if (data.length === 0) {
    throw new BankStatementInvalid([{ row: 2, field: 'file', message: 'no payments in the file' }]);
  }
  if (data.length > maxStatementRows) {
    throw new BankStatementInvalid([
      {
        row: 0,
        field: 'file',
        message: `has ${data.length.toLocaleString('en')} rows; import at most ${maxStatementRows.toLocaleString('en')} at a time (split the file by date)`,
      },
    ]);
  }

  const payments: Omit<ImportedPayment, 'businessKey'>[] = [];
  const refused: RefusedRow[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    const cell = (name: string) => cells[columns.indexOf(name)] ?? '';
    const currency = columns.includes('currency')
      ? cell('currency').toUpperCase()
      : (options.currency ?? '');
    const read = readRow(cell, currency, decimalSeparator);
    if ('problems' in read) {
      refused.push({
        row,
        amount: cell('amount'),
        currency,
        date: cell('date'),
        reference: cell('reference'),
        problems: read.problems,
      });
    } else payments.push({ row, ...read });
  });

  const seen = new Map<string, number>();
  const keyed = payments.map((payment) => {
    const content = [
      payment.date,
      payment.amount.currency,
      payment.amount.amountMinor,
      payment.method,
      payment.reference,
      payment.invoiceNumber ?? '',
    ].join('\u0000');
    // Two identical rows are two payments (rent paid twice the same day): the occurrence tells them apart.
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    const digest = createHash('sha256').update(`${content}\u0000${occurrence}`).digest('hex');
    return { businessKey: `bank-${digest.slice(0, 32)}`, ...payment };
  });
  return { payments: keyed, refused, rowCount: data.length };
}

/** One row's payment, or every problem it has (each naming its column). */
function readRow(
  cell: (name: string) => string,
  currency: string,
  decimalSeparator: '.' | ',',
): Omit<ImportedPayment, 'businessKey' | 'row'> | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });

  if (!isCurrency(currency)) problem('currency', `"${currency}" is not an ISO 4217 currency`);
  const amount = isCurrency(currency)
    ? readAmount(cell('amount'), currency, decimalSeparator)
    : undefined;
  if (typeof amount === 'string') problem('amount', amount);

  const date = cell('date');
  try {
    parseBusinessDate(date);
  } catch {
    problem('date', `"${date}" is not a date (YYYY-MM-DD)`);
  }
  const method = cell('method').toLowerCase();
  if (!(paymentMethods as readonly string[]).includes(method)) {
    problem('method', `"${cell('method')}" is not one of ${paymentMethods.join(', ')}`);
  }
  const reference = cell('reference');
  if (reference === '') problem('reference', 'is empty');
  const invoiceNumber = cell('invoice');
  if (invoiceNumber !== '' && !/^INV-\d{4}-\d{6}$/.test(invoiceNumber)) {
    problem('invoice', `"${invoiceNumber}" is not an invoice number (INV-2026-000001)`);
  }
  if (problems.length > 0 || typeof amount !== 'object') return { problems };
  return {
    amount,
    date,
    method: method as PaymentMethod,
    reference,
    ...(invoiceNumber ? { invoiceNumber } : {}),
  };
}

/**
 * Why the desk would not take this amount as a payment, or undefined. The one place a bound on
 * payment amounts (the ledger's) applies to a bank statement row: a refused amount refuses the
 * row, never the file.
 */
export function paymentAmountProblem(amount: Money): string | undefined {
  if (amount.amountMinor <= 0) return 'is not a positive amount';
  return undefined;
}

/** The amount in minor units, or a message saying what is wrong with it. */
function readAmount(text: string, currency: string, decimalSeparator: '.' | ','): Money | string {
  const other = decimalSeparator === '.' ? ',' : '.';
  if (text === '') return 'is empty';
  if (text.includes(other) || /\s|'/.test(text)) {
    return `"${text}" has a thousands separator or the wrong decimal separator (use "${decimalSeparator}")`;
  }
  if (!/^-?\d+(\.\d+)?$/.test(text.replace(decimalSeparator, '.'))) {
    return `"${text}" is not an amount`;
  }
  let amount: Money;
  try {
    amount = parseMoney(text.replace(decimalSeparator, '.'), currency);
  } catch (error) {
    return error instanceof Error && error.name === 'InvalidMoney'
      ? `"${text}": ${error.message}`
      : `"${text}" is not an amount`;
  }
  const problem = paymentAmountProblem(amount);
  return problem ? `"${text}" ${problem}` : amount;
}

function csvMessage(error: unknown): string {
  // csv-parse says what is wrong and where (an unclosed quote on line 4), without internals.
  return error instanceof Error ? error.message : 'the file is not valid CSV';
}
