import { createHash } from 'node:crypto';
import { ulid } from 'ulidx';
import type { DocumentFiles } from '../contracts/contract-documents';
import { InvalidPayload, RecordMissing } from '../shared/errors';
import type { WorkflowStarter } from '../shared/workflow';
import { type ImportRowsDeps, importRows } from './import-rows';
import {
  emptyTally,
  type ImportTally,
  importChunkRows,
  planChunks,
  rowsOfChunk,
  tallyOf,
} from './rules/bank-import';
import {
  type BankStatement,
  type BankStatementOptions,
  parseBankStatement,
} from './rules/bank-statement';
import type { BankImport, BankImportStore } from './store/bank-imports';

/**
 * A bank statement imported as payments, in the background (DOMAIN.md section 4). The upload
 * (`acceptBankStatement`) checks the file can be read as a statement, keeps it in the documents
 * bucket, creates the import and starts its `bank-statement-import` workflow, then the page
 * answers at once. The workflow's steps run the import chunk by chunk (`importChunk`), each once:
 * a chunk's outcome is kept once, its rows' payments and receipts exactly once
 * (`payments-import-rows.ts`), so a crash, a retry or a second run resumes without doubling.
 *
 * The same file uploaded while its import runs leads to that import; uploaded after, it is
 * imported again: rows recorded before are listed as such and add nothing, rows unmatched before
 * are recorded if they now match.
 */

export interface AcceptDeps {
  imports: BankImportStore;
  files: Pick<DocumentFiles, 'putNew'>;
  /** The `bank-statement-import` workflow, started with `{importId}`, named by the import. */
  workflow: WorkflowStarter;
}

export interface StatementUpload {
  fileName: string;
  bytes: Uint8Array;
  options: BankStatementOptions;
}

export interface AcceptedStatement {
  importId: string;
  /** `running`: the same file's import was still running; this upload added nothing. */
  kind: 'started' | 'running';
}

/** Throws `BankStatementInvalid` (naming the field) for a file that cannot be imported at all. */
export async function acceptBankStatement(
  deps: AcceptDeps,
  upload: StatementUpload,
  by: { staffId: string; name: string },
  now: Date,
): Promise<AcceptedStatement> {
  const statement = parseBankStatement(Buffer.from(upload.bytes).toString('utf8'), upload.options);
  const fileDigest = createHash('sha256').update(upload.bytes).digest('hex');
  const fileKey = `bank-statements/${fileDigest}.csv`;
  // Two uploads of one file at once: one import is created, the other upload leads to it.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const latest = await deps.imports.latestOfFile(fileDigest);
    if (latest?.status === 'running') {
      // Started again in case the first upload died between creating the import and starting it.
      await deps.workflow.start(latest.importId, { importId: latest.importId });
      return { importId: latest.importId, kind: 'running' };
    }
    await deps.files.putNew(fileKey, upload.bytes, 'text/csv');
    const record: BankImport = {
      importId: ulid(now.getTime()),
      fileName: upload.fileName.trim().slice(0, 200) || 'statement.csv',
      fileDigest,
      fileKey,
      options: upload.options,
      uploadedBy: by,
      uploadedAt: now.toISOString(),
      rowCount: statement.rowCount,
      chunkRows: importChunkRows,
      chunkCount: planChunks(statement.rowCount).length,
      ...(latest ? { earlierImportId: latest.importId } : {}),
      status: 'running',
      progress: { ...emptyTally, chunksDone: 0 },
    };
    if ((await deps.imports.begin(record)) === 'raced') continue;
    await deps.workflow.start(record.importId, { importId: record.importId });
    return { importId: record.importId, kind: 'started' };
  }
  throw new Error(`Uploads of bank statement ${fileDigest} kept racing`);
}

export interface ImportStepDeps extends ImportRowsDeps {
  imports: BankImportStore;
  files: Pick<DocumentFiles, 'get'>;
}

/** An import's chunks, by number, for the workflow to run one after another. */
export async function planImport(deps: Pick<ImportStepDeps, 'imports'>, importId: string) {
  const record = await importOrThrow(deps, importId);
  return { chunks: planChunks(record.rowCount, record.chunkRows).map((c) => c.chunk) };
}

/** Imports one chunk's rows, once: a chunk done before answers its tally and does nothing. */
export async function importChunk(
  deps: ImportStepDeps,
  importId: string,
  chunk: number,
  now: Date,
): Promise<ImportTally & { chunk: number }> {
  const record = await importOrThrow(deps, importId);
  const done = await deps.imports.chunk(importId, chunk);
  if (done) return { chunk, ...done.tally };
  const bounds = planChunks(record.rowCount, record.chunkRows)[chunk];
  if (!bounds) throw new InvalidPayload(`chunk: import ${importId} has no chunk ${chunk}`);

  const statement = await statementOf(deps, record);
  const lines = await importRows(
    deps,
    { importId, by: record.uploadedBy },
    rowsOfChunk(statement, bounds),
    now,
  );
  const isPayment = (l: (typeof lines)[number]) =>
    l.outcome === 'recorded' || l.outcome === 'already-recorded';
  const outcome = {
    chunk,
    tally: tallyOf(lines),
    payments: lines.filter(isPayment),
    attention: lines.filter((l) => !isPayment(l)),
  };
  // A concurrent run of the same chunk may have kept its outcome first: the same rows, counted once.
  await deps.imports.completeChunk(importId, outcome);
  return { chunk, ...outcome.tally };
}

/** The last statement read: a warm function runs the next chunk of the same file without reading it again. */
let lastRead: { key: string; statement: BankStatement } | undefined;

async function statementOf(deps: Pick<ImportStepDeps, 'files'>, record: BankImport) {
  const key = `${record.fileDigest}#${JSON.stringify(record.options)}`;
  if (lastRead?.key === key) return lastRead.statement;
  const { bytes } = await deps.files.get(record.fileKey).catch((error: unknown) => {
    if (error instanceof Error && error.name === 'NoSuchKey') {
      throw new RecordMissing(`The file of import ${record.importId} is missing`);
    }
    throw error;
  });
  if (createHash('sha256').update(bytes).digest('hex') !== record.fileDigest) {
    throw new RecordMissing(`The file of import ${record.importId} is not the one uploaded`);
  }
  const statement = parseBankStatement(Buffer.from(bytes).toString('utf8'), record.options);
  lastRead = { key, statement };
  return statement;
}

/** Thrown when the workflow finishes an import one of whose chunks is not recorded. */
export class ImportIncomplete extends Error {
  override name = 'ImportIncomplete';
}

/** Marks the import done once every chunk is recorded; answers its counts. */
export async function finishImport(
  deps: Pick<ImportStepDeps, 'imports'>,
  importId: string,
  now: Date,
): Promise<BankImport['progress']> {
  await deps.imports.close(importId, { status: 'done' }, now);
  const record = await importOrThrow(deps, importId);
  if (record.progress.chunksDone < record.chunkCount) {
    throw new ImportIncomplete(
      `Import ${importId} has ${record.progress.chunksDone} of ${record.chunkCount} chunks done`,
    );
  }
  return record.progress;
}

/** The run stopped (its retries spent): the import is listed as stopped, with the error's name. */
export async function recordImportFailure(
  deps: Pick<ImportStepDeps, 'imports'>,
  importId: string,
  error: string,
  now: Date,
): Promise<{ recorded: boolean }> {
  return {
    recorded: await deps.imports.close(importId, { status: 'failed', failure: error }, now),
  };
}

async function importOrThrow(deps: Pick<ImportStepDeps, 'imports'>, importId: string) {
  const record = await deps.imports.get(importId);
  if (!record) throw new RecordMissing(`Bank statement import ${importId} does not exist`);
  return record;
}
