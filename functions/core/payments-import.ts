import {
  type BankStatementOptions,
  type ImportedPayment,
  parseBankStatement,
} from './domain/bank-statement';
import { ValidationError } from './errors';
import { type PaymentDeps, recordPayment } from './payments';
import type { PaymentRequest } from './payments-model';
import type { InvoiceStore } from './store/invoices';

/**
 * A bank statement imported as payments. The file is read whole first (`bank-statement.ts`: one
 * bad row refuses the file, nothing recorded). Each row is then matched to an account: by its
 * invoice column, else by an invoice number or account id written in its reference. A matched
 * row is recorded under its stable row key, so importing the same file again records nothing
 * new, and a row that could not be matched the first time is recorded once it can be.
 */

export interface ImportDeps extends PaymentDeps {
  invoices: Pick<InvoiceStore, 'get'>;
  /** The person importing. */
  by: { staffId: string; name: string };
}

export interface ImportedRow {
  row: number;
  amount: ImportedPayment['amount'];
  date: string;
  reference: string;
}

export interface ImportSummary {
  recorded: (ImportedRow & { paymentId: string; accountId: string })[];
  alreadyRecorded: (ImportedRow & { paymentId: string; accountId: string })[];
  /** Rows not recorded: no account found, or the account refused them (another currency). */
  unmatched: (ImportedRow & { reason: string })[];
}

/** Rows per file: each is a transaction and a receipt, and the page must answer in time. */
export const maxStatementRows = 300;

/** Accounts worked on at once; rows of one account go one after another, in file order. */
const parallelAccounts = 4;

const invoiceNumberIn = /\bINV-\d{4}-\d{6}\b/g;
const accountIdIn = /\b[0-9A-HJKMNP-TV-Z]{26}\b/g;

export async function importBankStatement(
  deps: ImportDeps,
  csv: string,
  options: BankStatementOptions,
  now: Date,
): Promise<ImportSummary> {
  const rows = parseBankStatement(csv, options);
  if (rows.length > maxStatementRows) {
    throw new ValidationError([
      {
        field: 'file',
        message: `has ${rows.length} payments; import at most ${maxStatementRows} at a time (split the file)`,
      },
    ]);
  }
  const summary: ImportSummary = { recorded: [], alreadyRecorded: [], unmatched: [] };
  const byAccount = new Map<string, { row: ImportedPayment; named?: string }[]>();
  for (const row of rows) {
    const match = await matchAccount(deps, row);
    if ('reason' in match) {
      summary.unmatched.push({ ...rowOf(row), reason: match.reason });
      continue;
    }
    const list = byAccount.get(match.accountId) ?? [];
    list.push({ row, ...(match.named ? { named: match.named } : {}) });
    byAccount.set(match.accountId, list);
  }

  const queue = [...byAccount.entries()];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [accountId, accountRows] = next;
      for (const { row, named } of accountRows) {
        await recordRow(deps, summary, accountId, row, named, now);
      }
    }
  };
  await Promise.all(Array.from({ length: parallelAccounts }, worker));
  for (const list of [summary.recorded, summary.alreadyRecorded, summary.unmatched]) {
    list.sort((a, b) => a.row - b.row);
  }
  return summary;
}

const rowOf = (row: ImportedPayment): ImportedRow => ({
  row: row.row,
  amount: row.amount,
  date: row.date,
  reference: row.reference,
});

type Match = { accountId: string; named?: string } | { reason: string };

async function matchAccount(deps: ImportDeps, row: ImportedPayment): Promise<Match> {
  if (row.invoiceNumber) {
    const invoice = await deps.invoices.get(row.invoiceNumber);
    if (!invoice) return { reason: `invoice ${row.invoiceNumber} does not exist` };
    return { accountId: invoice.accountId, named: invoice.number };
  }
  const accounts = new Set<string>();
  for (const number of row.reference.match(invoiceNumberIn) ?? []) {
    const invoice = await deps.invoices.get(number);
    if (invoice) accounts.add(invoice.accountId);
  }
  for (const id of row.reference.toUpperCase().match(accountIdIn) ?? []) {
    if (await deps.accounts.get(id)) accounts.add(id);
  }
  if (accounts.size === 1) return { accountId: [...accounts][0] as string };
  return {
    reason:
      accounts.size === 0
        ? 'no invoice number or account id of the desk in the reference'
        : 'the reference names invoices of several accounts',
  };
}

async function recordRow(
  deps: ImportDeps,
  summary: ImportSummary,
  accountId: string,
  row: ImportedPayment,
  named: string | undefined,
  now: Date,
): Promise<void> {
  const request: PaymentRequest = {
    accountId,
    amount: row.amount,
    date: row.date,
    method: row.method,
    reference: row.reference,
    ...(named ? { invoiceNumber: named, whenNamedInvoicePaid: 'pay-oldest' as const } : {}),
  };
  try {
    const result = await recordPayment(
      deps,
      request,
      row.businessKey,
      { kind: 'bank-statement', staffId: deps.by.staffId, name: deps.by.name, row: row.row },
      now,
    );
    const line = { ...rowOf(row), paymentId: result.payment.paymentId, accountId };
    (result.created ? summary.recorded : summary.alreadyRecorded).push(line);
  } catch (error) {
    // The account refused the row (another currency, dated ahead): listed, nothing recorded.
    if (!(error instanceof ValidationError)) throw error;
    summary.unmatched.push({
      ...rowOf(row),
      reason: error.problems.map((p) => `${p.field} ${p.message}`).join('; '),
    });
  }
}
