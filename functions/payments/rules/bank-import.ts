import type { BankStatement, ImportedPayment, RefusedRow } from './bank-statement';

/**
 * A bank statement's import, run in the background in chunks of rows. Each chunk is one Lambda
 * invocation of the `bank-statement-import` workflow, and its outcome (one line per row) is
 * recorded once when it is done; the chunks run one after another, so an account's rows are
 * recorded in file order, as a person would book them.
 *
 * A chunk must end well within its function's timeout. A row is a few reads, two transactions
 * and one email, rows of different accounts run side by side: on AWS a row takes some 50–150 ms,
 * so 200 rows of one single account (the slowest case: one after another) need about 30 s of the
 * 300 s timeout. A crash or timeout mid-chunk runs the chunk again, which records nothing twice:
 * each row's payment is recorded once by its business key and its receipt sent once by the outbox.
 */

/** Rows per chunk. */
export const importChunkRows = 200;

/** Seconds one chunk's invocation may run (the step function's timeout). */
export const importChunkTimeoutSeconds = 300;

/** Rows `fromRow`–`toRow` of the file (the header is row 1, the first data row 2). */
export interface ImportChunk {
  chunk: number;
  fromRow: number;
  toRow: number;
}

/** The chunks of a file of `rowCount` data rows: each row in exactly one, in file order. */
export function planChunks(rowCount: number, chunkRows = importChunkRows): ImportChunk[] {
  if (!Number.isInteger(rowCount) || rowCount < 0) throw new RangeError('rowCount: not a count');
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new RangeError('chunkRows: below 1');
  const chunks: ImportChunk[] = [];
  for (let first = 0; first < rowCount; first += chunkRows) {
    chunks.push({
      chunk: chunks.length,
      fromRow: first + 2,
      toRow: Math.min(first + chunkRows, rowCount) + 1,
    });
  }
  return chunks;
}

/** The payments and refused rows of one chunk of a statement. */
export function rowsOfChunk(
  statement: BankStatement,
  chunk: ImportChunk,
): { payments: ImportedPayment[]; refused: RefusedRow[] } {
  const inChunk = (r: { row: number }) => r.row >= chunk.fromRow && r.row <= chunk.toRow;
  return {
    payments: statement.payments.filter(inChunk),
    refused: statement.refused.filter(inChunk),
  };
}

/** What became of one row. Amounts are display text (a refused row's as written). */
export type ImportLine = {
  row: number;
  date: string;
  amount: string;
  reference: string;
} & (
  | { outcome: 'recorded'; paymentId: string; accountId: string; receipt: ReceiptState }
  /** Recorded before, by an earlier import of this or another file with the same row. */
  | { outcome: 'already-recorded'; paymentId: string; accountId: string }
  /** No account of the desk found for the row. */
  | { outcome: 'unmatched'; reason: string }
  /** The row itself, or its account, refused: a bad amount, another currency, dated ahead. */
  | { outcome: 'refused'; reason: string }
);

/** A receipt sent (now or in an earlier try), or waiting on the outbox (retried, or for a person). */
export type ReceiptState = 'sent' | 'waiting';

/**
 * Whether a payment found for a row was recorded by this import (now, or in an earlier try of
 * the same chunk that crashed before its outcome was kept) or by an earlier import.
 */
export function recordedByThisImport(
  created: boolean,
  recordedBy: { kind: string; importId?: string },
  importId: string,
): boolean {
  return created || (recordedBy.kind === 'bank-statement' && recordedBy.importId === importId);
}

/** Counts of an import's rows, as its page shows them. */
export interface ImportTally {
  rowsDone: number;
  recorded: number;
  alreadyRecorded: number;
  unmatched: number;
  refused: number;
  receiptsSent: number;
  receiptsWaiting: number;
}

export const emptyTally: ImportTally = {
  rowsDone: 0,
  recorded: 0,
  alreadyRecorded: 0,
  unmatched: 0,
  refused: 0,
  receiptsSent: 0,
  receiptsWaiting: 0,
};

export function tallyOf(lines: readonly ImportLine[]): ImportTally {
  const tally = { ...emptyTally, rowsDone: lines.length };
  for (const line of lines) {
    if (line.outcome === 'recorded') {
      tally.recorded++;
      if (line.receipt === 'sent') tally.receiptsSent++;
      else tally.receiptsWaiting++;
    } else if (line.outcome === 'already-recorded') tally.alreadyRecorded++;
    else if (line.outcome === 'unmatched') tally.unmatched++;
    else tally.refused++;
  }
  return tally;
}
