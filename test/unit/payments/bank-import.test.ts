import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../functions/accounts/store/accounts';
import type { StoredInvoice } from '../../../functions/invoicing/store/invoice-numbers';
import type { Outbox } from '../../../functions/messages/outbox';
import { importRows } from '../../../functions/payments/import-rows';
import { importPage } from '../../../functions/payments/pages/import-pages';
import type { Payment } from '../../../functions/payments/payment-model';
import {
  importChunkRows,
  importChunkTimeoutSeconds,
  planChunks,
  recordedByThisImport,
  rowsOfChunk,
  tallyOf,
} from '../../../functions/payments/rules/bank-import';
import {
  BankStatementInvalid,
  maxStatementRows,
  parseBankStatement,
} from '../../../functions/payments/rules/bank-statement';
import type { BankImport } from '../../../functions/payments/store/bank-imports';
import type {
  PaymentRequestRecord,
  PaymentStore,
} from '../../../functions/payments/store/payments';
import type { Frame } from '../../../functions/shared/office/layout';
import { defaultCompanyDetails } from '../../../functions/staff/settings/company';

const header = 'amount,date,method,reference,invoice';
const statementOf = (rows: number) =>
  [header, ...Array.from({ length: rows }, (_, i) => `1.00,2026-03-02,cash,R-${i},`)].join('\n');

describe('planning an import’s chunks', () => {
  it('puts every row of the file in exactly one chunk, in file order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 6_000 }),
        fc.integer({ min: 1, max: 700 }),
        (n, size) => {
          const chunks = planChunks(n, size);
          const rows = chunks.flatMap((c) =>
            Array.from({ length: c.toRow - c.fromRow + 1 }, (_, i) => c.fromRow + i),
          );
          expect(rows).toEqual(Array.from({ length: n }, (_, i) => i + 2));
          expect(chunks.map((c) => c.chunk)).toEqual(chunks.map((_, i) => i));
          expect(chunks.every((c) => c.toRow - c.fromRow + 1 <= size)).toBe(true);
        },
      ),
    );
  });

  it('splits the largest statement allowed into chunks of 200 rows, the last one shorter', () => {
    const chunks = planChunks(maxStatementRows);
    expect(chunks).toHaveLength(25);
    expect(chunks[0]).toEqual({ chunk: 0, fromRow: 2, toRow: 201 });
    expect(planChunks(450).at(-1)).toEqual({ chunk: 2, fromRow: 402, toRow: 451 });
  });

  it('keeps a chunk well within its function’s timeout, even when all its rows are one account’s', () => {
    // One account's rows run one after another; a slow row on AWS takes about 150 ms.
    const slowRowSeconds = 0.15;
    expect(importChunkRows * slowRowSeconds).toBeLessThanOrEqual(importChunkTimeoutSeconds / 4);
  });

  it('gives each chunk its payments and its refused rows', () => {
    const csv = [
      header,
      '1.00,2026-03-02,cash,A,',
      'x,2026-03-02,cash,B,',
      '2.00,2026-03-02,cash,C,',
    ];
    const statement = parseBankStatement(csv.join('\n'), { currency: 'EUR' });
    const [first, second] = planChunks(statement.rowCount, 2);
    if (!first || !second) throw new Error('two chunks expected');
    const one = rowsOfChunk(statement, first);
    expect(one.payments.map((p) => p.row)).toEqual([2]);
    expect(one.refused.map((r) => r.row)).toEqual([3]);
    expect(rowsOfChunk(statement, second).payments.map((p) => p.reference)).toEqual(['C']);
  });

  it('refuses nonsense', () => {
    expect(() => planChunks(-1)).toThrow(RangeError);
    expect(() => planChunks(10, 0)).toThrow(RangeError);
  });
});

describe('the size of a statement', () => {
  it(`takes ${maxStatementRows} rows and refuses one more, naming the file`, () => {
    expect(parseBankStatement(statementOf(maxStatementRows), { currency: 'EUR' }).rowCount).toBe(
      maxStatementRows,
    );
    try {
      parseBankStatement(statementOf(maxStatementRows + 1), { currency: 'EUR' });
      expect.unreachable('a file one row too long is refused');
    } catch (error) {
      expect(error).toBeInstanceOf(BankStatementInvalid);
      expect((error as BankStatementInvalid).problems).toEqual([
        {
          row: 0,
          field: 'file',
          message: 'has 5,001 rows; import at most 5,000 at a time (split the file by date)',
        },
      ]);
    }
  });
});

describe('which payments an import recorded', () => {
  it('counts a payment found again as this import’s only if this import recorded it', () => {
    const byImport = (importId?: string) => ({
      kind: 'bank-statement',
      ...(importId ? { importId } : {}),
    });
    expect(recordedByThisImport(true, byImport('B'), 'A')).toBe(true);
    // A chunk run again after a crash finds the payments it recorded before the crash.
    expect(recordedByThisImport(false, byImport('A'), 'A')).toBe(true);
    expect(recordedByThisImport(false, byImport('B'), 'A')).toBe(false);
    expect(recordedByThisImport(false, byImport(), 'A')).toBe(false);
    expect(recordedByThisImport(false, { kind: 'staff' }, 'A')).toBe(false);
  });
});

// --- The row rules, against stores held in memory. ---

const accountA = '01KAAAAAAAAAAAAAAAAAAAAAAA';
const accountB = '01KBBBBBBBBBBBBBBBBBBBBBBB';
const accountCny = '01KCCCCCCCCCCCCCCCCCCCCCCC';
const ledgerCurrency: Record<string, string> = {
  [accountA]: 'EUR',
  [accountB]: 'EUR',
  [accountCny]: 'CNY',
};

function memoryDesk() {
  const requests = new Map<string, PaymentRequestRecord>();
  const payments = new Map<string, Payment>();
  const receipts = new Set<string>();
  const store: PaymentStore = {
    openInvoices: async () => [],
    async write(w) {
      if (requests.has(w.requestKey)) return { kind: 'request-used' };
      if (ledgerCurrency[w.payment.accountId] !== w.ledger.currency) {
        return { kind: 'other-currency' };
      }
      requests.set(w.requestKey, {
        paymentId: w.payment.paymentId,
        accountId: w.payment.accountId,
        fingerprint: w.fingerprint,
      });
      payments.set(w.payment.paymentId, w.payment);
      return { kind: 'recorded' };
    },
    request: async (key) => requests.get(key),
    get: async (_accountId, paymentId) => payments.get(paymentId),
  };
  const outbox: Outbox = {
    async deliver(key) {
      if (receipts.has(key.subject)) return 'already-sent';
      receipts.add(key.subject);
      return 'sent';
    },
    sendClaimed: async () => 'sent',
    resend: async () => 'sent',
  };
  const account = (accountId: string) =>
    ({
      accountId,
      email: `${accountId}@example.org`,
      language: 'en',
      contactName: 'P',
      legalName: 'P Ltd',
    }) as Account;
  const invoice = { number: 'INV-2026-000007', accountId: accountB } as StoredInvoice;
  const deps = {
    payments: store,
    accounts: { get: async (id: string) => (id in ledgerCurrency ? account(id) : undefined) },
    invoices: { get: async (n: string) => (n === invoice.number ? invoice : undefined) },
    outbox,
    sender: 'desk@example.org',
    company: defaultCompanyDetails,
    zone: 'Europe/Athens',
  };
  return { deps, payments, receipts };
}

const by = { staffId: 'S1', name: 'Finn' };
const now = new Date('2026-03-15T10:00:00Z');

describe('importing the rows of a chunk', () => {
  const csv = [
    header,
    `10.00,2026-03-02,bank-transfer,Customer ${accountA},`,
    '20.00,2026-03-02,bank-transfer,Thanks,INV-2026-000007',
    `12.34.5,2026-03-02,bank-transfer,Customer ${accountA},`,
    `30.00,2026-03-02,bank-transfer,Customer ${accountCny},`,
    '40.00,2026-03-02,bank-transfer,Nobody we know,',
    '50.00,2026-03-02,bank-transfer,Gone,INV-2026-000999',
    `60.00,2026-03-02,bank-transfer,${accountA} and ${accountB},`,
    `70.00,2026-03-20,bank-transfer,Customer ${accountA},`,
    `11.00,2026-03-03,card,Customer ${accountA},`,
  ].join('\n');
  const statement = parseBankStatement(csv, { currency: 'EUR' });
  const all = { payments: statement.payments, refused: statement.refused };

  it('lists each row once with what became of it; a refused row never stops the others', async () => {
    const { deps, payments } = memoryDesk();
    const lines = await importRows(deps, { importId: 'IMP-1', by }, all, now);
    expect(lines.map((l) => [l.row, l.outcome])).toEqual([
      [2, 'recorded'],
      [3, 'recorded'],
      [4, 'refused'],
      [5, 'refused'],
      [6, 'unmatched'],
      [7, 'unmatched'],
      [8, 'unmatched'],
      [9, 'refused'],
      [10, 'recorded'],
    ]);
    const reasons = Object.fromEntries(lines.map((l) => [l.row, 'reason' in l ? l.reason : '']));
    expect(reasons[4]).toMatch(/^amount /);
    expect(reasons[5]).toBe('currency the account is kept in another currency than EUR');
    expect(reasons[6]).toBe('no invoice number or account id of the desk in the reference');
    expect(reasons[7]).toBe('invoice INV-2026-000999 does not exist');
    expect(reasons[8]).toBe('the reference names invoices of several accounts');
    expect(reasons[9]).toBe('date a payment cannot be dated ahead');
    expect(lines[4]).toMatchObject({
      date: '2026-03-02',
      amount: '€40.00',
      reference: 'Nobody we know',
    });
    expect(payments.size).toBe(3);
    expect(tallyOf(lines)).toEqual({
      rowsDone: 9,
      recorded: 3,
      alreadyRecorded: 0,
      unmatched: 3,
      refused: 3,
      receiptsSent: 3,
      receiptsWaiting: 0,
    });
  });

  it('records an account’s rows in file order', async () => {
    const { deps, payments } = memoryDesk();
    await importRows(deps, { importId: 'IMP-1', by }, all, now);
    const ofA = [...payments.values()].filter((p) => p.accountId === accountA);
    expect(ofA.map((p) => p.reference)).toEqual([`Customer ${accountA}`, `Customer ${accountA}`]);
    expect(ofA.map((p) => p.amount.amountMinor)).toEqual([1_000, 1_100]);
  });

  it('run again by the same import (a crash, a retry) records and sends nothing twice', async () => {
    const { deps, payments, receipts } = memoryDesk();
    const first = await importRows(deps, { importId: 'IMP-1', by }, all, now);
    const again = await importRows(deps, { importId: 'IMP-1', by }, all, now);
    expect(again).toEqual(first);
    expect(payments.size).toBe(3);
    expect(receipts.size).toBe(3);
  });

  it('run by a later import of the same file lists the rows as recorded before', async () => {
    const { deps, payments } = memoryDesk();
    await importRows(deps, { importId: 'IMP-1', by }, all, now);
    const later = await importRows(deps, { importId: 'IMP-2', by }, all, now);
    expect(tallyOf(later)).toMatchObject({ recorded: 0, alreadyRecorded: 3, receiptsSent: 0 });
    expect(payments.size).toBe(3);
  });
});

describe('an import’s page', () => {
  const frame: Frame = {
    principal: { staffId: 'F1', name: 'Finn', email: 'f@desk.local', role: 'finance', team: '' },
    base: '',
    csrf: 'token-1',
  };
  const record: BankImport = {
    importId: '01KN0000000000000000000000',
    fileName: 'march.csv',
    fileDigest: 'ab',
    fileKey: 'bank-statements/ab.csv',
    options: { currency: 'EUR' },
    uploadedBy: { staffId: 'F1', name: 'Finn' },
    uploadedAt: '2026-03-15T10:00:00.000Z',
    rowCount: 450,
    chunkRows: 200,
    chunkCount: 3,
    status: 'running',
    progress: {
      rowsDone: 200,
      recorded: 197,
      alreadyRecorded: 0,
      unmatched: 1,
      refused: 2,
      receiptsSent: 196,
      receiptsWaiting: 1,
      chunksDone: 1,
    },
  };
  const refused = {
    row: 9,
    date: '2026-03-02',
    amount: '1,0 EUR',
    reference: 'R-9',
    outcome: 'refused' as const,
    reason: 'amount "1,0" has a thousands separator',
  };
  const view = (r: BankImport) =>
    importPage({
      frame,
      record: r,
      chunks: [{ chunk: 0, tally: tallyOf([refused]), attention: [refused] }],
      shownChunk: 0,
      zone: 'Europe/Athens',
    });

  it('shows the progress and reloads itself while the import runs', () => {
    const page = view(record);
    expect(page).toContain('Rows done: <strong>200</strong> of <strong>450</strong>');
    expect(page).toContain('<meta http-equiv="refresh" content="3">');
    expect(page).toContain('<dt>Refused</dt><dd>2</dd>');
    expect(page).toContain('Rows 402–451');
  });

  it('lists a refused row with its reason, and stops reloading once done', () => {
    const page = view({ ...record, status: 'done' });
    expect(page).not.toContain('http-equiv="refresh"');
    expect(page).toContain('amount &quot;1,0&quot; has a thousands separator');
  });

  it('says a stopped import keeps what was done and how to finish it', () => {
    const page = view({ ...record, status: 'failed', failure: 'Sandbox.Timedout' });
    expect(page).toContain('role="alert"');
    expect(page).toContain('upload the\nsame file again to finish it; nothing is recorded twice');
  });
});
