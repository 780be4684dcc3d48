import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { parseBusinessDate } from './job-dates';
import { isCurrency, type Money, parseMoney } from './money';

/**
 * A bank statement exported as CSV, read into payments. The first row names the columns (any
 * order, any case): `amount`, `date`, `method`, `reference`, and optionally `invoice` and
 * `currency`; without a currency column the file's currency is given by the caller.
 *
 * Decimal separator: each bank exports in one locale, so it is a setting of the import
 * (`decimalSeparator`, '.' by default, ',' for "1234,56"). Thousands separators are refused:
 * "1,234" could be either, and a guess could book a thousand times the money. Dates are ISO
 * (`YYYY-MM-DD`). Every bad row is reported (row number as in the file, the header being row 1,
 * and the field); if any row is bad the whole file is refused, so nothing is half imported.
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

export interface RowProblem {
  row: number;
  field: string;
  message: string;
}

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

const required = ['amount', 'date', 'method', 'reference'] as const;

export function parseBankStatement(
  csv: string,
  options: BankStatementOptions = {},
): ImportedPayment[] {
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

  const problems: RowProblem[] = [];
  const payments: Omit<ImportedPayment, 'businessKey'>[] = [];
  data.forEach((cells, i) => {
    const row = i + 2;
    const cell = (name: string) => cells[columns.indexOf(name)] ?? '';
    const problem = (field: string, message: string) => problems.push({ row, field, message });
    const before = problems.length;

    const currency = columns.includes('currency')
      ? cell('currency').toUpperCase()
      : (options.currency ?? '');
    if (!isCurrency(currency)) problem('currency', `"${currency}" is not an ISO 4217 currency`);
    const amount = isCurrency(currency)
      ? readAmount(cell('amount'), currency, decimalSeparator)
      : undefined;
    if (isCurrency(currency) && typeof amount === 'string') problem('amount', amount);

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
    const invoiceNumber = columns.includes('invoice') ? cell('invoice') : '';
    if (invoiceNumber !== '' && !/^INV-\d{4}-\d{6}$/.test(invoiceNumber)) {
      problem('invoice', `"${invoiceNumber}" is not an invoice number (INV-2026-000001)`);
    }
    if (problems.length > before || typeof amount !== 'object') return;
    payments.push({
      row,
      amount,
      date,
      method: method as PaymentMethod,
      reference,
      ...(invoiceNumber ? { invoiceNumber } : {}),
    });
  });
  if (problems.length > 0) throw new BankStatementInvalid(problems);
  if (payments.length === 0) {
    throw new BankStatementInvalid([{ row: 2, field: 'file', message: 'no payments in the file' }]);
  }

  const seen = new Map<string, number>();
  return payments.map((payment) => {
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
  if (amount.amountMinor <= 0) return `"${text}" is not a positive amount`;
  return amount;
}

function csvMessage(error: unknown): string {
  // csv-parse says what is wrong and where (an unclosed quote on line 4), without internals.
  return error instanceof Error ? error.message : 'the file is not valid CSV';
}
