import type { InvoiceStore } from '../invoicing/store/invoices';
import { Conflict, ValidationError } from '../shared/errors';
import { formatMoney } from '../shared/rules/money';
import type { PaymentRequest } from './payment-model';
import { type PaymentDeps, recordPayment } from './payments';
import type { ImportLine } from './rules/bank-import';
import { recordedByThisImport } from './rules/bank-import';
import type { ImportedPayment, RefusedRow } from './rules/bank-statement';

/**
 * The rows of one chunk of a bank statement, each matched to an account and recorded as a
 * payment: by its invoice column, else by an invoice number or account id written in its
 * reference. A matched row is recorded under its stable row key, so running the rows again (a
 * retried chunk, the same file imported again) records nothing new, and a row that could not be
 * matched the first time is recorded once it can be. A row the desk refuses (bad content, another
 * currency, dated ahead) is listed with its reason and never stops the other rows.
 */

export interface ImportRowsDeps extends PaymentDeps {
  invoices: Pick<InvoiceStore, 'get'>;
}

export interface ImportRun {
  importId: string;
  /** The person who uploaded the file. */
  by: { staffId: string; name: string };
}

/** Accounts worked on at once; rows of one account go one after another, in file order. */
const parallelAccounts = 8;

const invoiceNumberIn = /\bINV-\d{4}-\d{6}\b/g;
const accountIdIn = /\b[0-9A-HJKMNP-TV-Z]{26}\b/g;

/** Each row's line, in file order. */
export async function importRows(
  deps: ImportRowsDeps,
  run: ImportRun,
  rows: { payments: readonly ImportedPayment[]; refused: readonly RefusedRow[] },
  now: Date,
): Promise<ImportLine[]> {
  // Within a chunk, accounts and invoices are read once, however many rows name them.
  const cached = {
    ...deps,
    accounts: { get: once(deps.accounts.get) },
    invoices: { get: once(deps.invoices.get) },
  };
  const lines: ImportLine[] = rows.refused.map((r) => ({
    row: r.row,
    date: r.date,
    amount: r.currency ? `${r.amount} ${r.currency}` : r.amount,
    reference: r.reference,
    outcome: 'refused',
    reason: r.problems.map((p) => `${p.field} ${p.message}`).join('; '),
  }));

  const byAccount = new Map<string, { row: ImportedPayment; named?: string }[]>();
  const matches = await inTurns(rows.payments, parallelAccounts, (row) =>
    matchAccount(cached, row),
  );
  rows.payments.forEach((row, i) => {
    const match = matches[i];
    if (!match || 'reason' in match) {
      lines.push({ ...shown(row), outcome: 'unmatched', reason: match?.reason ?? '' });
      return;
    }
    const list = byAccount.get(match.accountId) ?? [];
    list.push({ row, ...(match.named ? { named: match.named } : {}) });
    byAccount.set(match.accountId, list);
  });

  await inTurns([...byAccount.entries()], parallelAccounts, async ([accountId, accountRows]) => {
    for (const { row, named } of accountRows) {
      lines.push(await recordRow(cached, run, accountId, row, named, now));
    }
  });
  return lines.sort((a, b) => a.row - b.row);
}

const shown = (row: ImportedPayment) => ({
  row: row.row,
  date: row.date,
  amount: formatMoney(row.amount, 'en'),
  reference: row.reference,
});

type Match = { accountId: string; named?: string } | { reason: string };

async function matchAccount(deps: ImportRowsDeps, row: ImportedPayment): Promise<Match> {
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
  deps: ImportRowsDeps,
  run: ImportRun,
  accountId: string,
  row: ImportedPayment,
  named: string | undefined,
  now: Date,
): Promise<ImportLine> {
  const request: PaymentRequest = {
    accountId,
    amount: row.amount,
    date: row.date,
    method: row.method,
    reference: row.reference,
    ...(named ? { invoiceNumber: named, whenNamedInvoicePaid: 'pay-oldest' as const } : {}),
  };
  const by = { kind: 'bank-statement' as const, ...run.by, row: row.row, importId: run.importId };
  try {
    const result = await recordPayment(deps, request, row.businessKey, by, now);
    const { paymentId } = result.payment;
    if (!recordedByThisImport(result.created, result.payment.recordedBy, run.importId)) {
      return { ...shown(row), outcome: 'already-recorded', paymentId, accountId };
    }
    const sent = result.receipt === 'sent' || result.receipt === 'already-sent';
    return {
      ...shown(row),
      outcome: 'recorded',
      paymentId,
      accountId,
      receipt: sent ? 'sent' : 'waiting',
    };
  } catch (error) {
    // The account refused the row (another currency, dated ahead), or the same row was recorded
    // for another account before: listed, nothing recorded.
    if (error instanceof ValidationError) {
      const reason = error.problems.map((p) => `${p.field} ${p.message}`).join('; ');
      return { ...shown(row), outcome: 'refused', reason };
    }
    if (error instanceof Conflict) {
      const reason = 'the same row was recorded before as a payment of another account';
      return { ...shown(row), outcome: 'refused', reason };
    }
    throw error;
  }
}

/** Runs `work` on every item, at most `width` at once; results in the items' order. */
async function inTurns<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/** A lookup asked once per key (the first answer, or its error, is kept). */
function once<T>(lookUp: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const answers = new Map<string, Promise<T>>();
  return (key) => {
    let answer = answers.get(key);
    if (!answer) {
      answer = lookUp(key);
      answers.set(key, answer);
    }
    return answer;
  };
}
