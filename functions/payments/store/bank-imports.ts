import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { cancellationCodes, isConditionFailed, type Table } from '../../shared/store/table';
import type { ImportLine, ImportTally } from '../rules/bank-import';
import type { BankStatementOptions } from '../rules/bank-statement';

/**
 * Bank statement imports: each uploaded file's import, its progress, and the outcome of each of
 * its chunks of rows (`domain/bank-import.ts`). The file itself is in the documents bucket.
 *
 * | access pattern                          | keys                                                   |
 * |-----------------------------------------|--------------------------------------------------------|
 * | an import, and every import newest      | pk = `BANK-IMPORTS`, sk = `IMPORT#<importId>` (a ULID: |
 * |   first (a few a day: one partition)    |   sorted by upload time)                               |
 * | the latest import of a file (its bytes' | pk = `BANK-STATEMENT-FILE#<sha256>`, sk = `FILE`       |
 * |   SHA-256)                              |                                                        |
 * | a chunk's outcome, an import's chunks   | pk = `BANK-IMPORT#<importId>`, sk = `CHUNK#<nnnnn>`    |
 *
 * A chunk's outcome and the import's counters change in one transaction, conditioned on the
 * chunk not being recorded yet: a chunk run twice counts once.
 */

export type ImportStatus = 'running' | 'done' | 'failed';

export interface BankImport {
  importId: string;
  fileName: string;
  /** SHA-256 of the file's bytes (hex): the same file uploaded again is recognised by it. */
  fileDigest: string;
  /** The file's key in the documents bucket. */
  fileKey: string;
  options: BankStatementOptions;
  uploadedBy: { staffId: string; name: string };
  uploadedAt: string;
  rowCount: number;
  chunkRows: number;
  chunkCount: number;
  /** The import of the same file before this one. */
  earlierImportId?: string;
  status: ImportStatus;
  progress: ImportTally & { chunksDone: number };
  finishedAt?: string;
  /** Why the run stopped (an error's name: details are in the logs). */
  failure?: string;
}

/** One chunk's rows: those needing a person (unmatched, refused) kept apart from payments. */
export interface ChunkOutcome {
  chunk: number;
  tally: ImportTally;
  payments: ImportLine[];
  attention: ImportLine[];
}

export interface BankImportStore {
  get(importId: string): Promise<BankImport | undefined>;
  /** The latest import of a file, by its digest. */
  latestOfFile(fileDigest: string): Promise<BankImport | undefined>;
  /**
   * Creates an import as the file's latest, if the file's latest is still `earlierImportId`
   * (none for a new file): `raced` when a concurrent upload of the same file got there first.
   */
  begin(record: BankImport): Promise<'created' | 'raced'>;
  /** Newest first, `limit` at a time; `after` is the cursor a page gave. */
  list(limit: number, after?: string): Promise<{ imports: BankImport[]; next?: string }>;
  chunk(importId: string, chunk: number): Promise<ChunkOutcome | undefined>;
  /** Every chunk's tally and rows needing a person (not the payments), in order. */
  chunkAttention(importId: string): Promise<Omit<ChunkOutcome, 'payments'>[]>;
  /** Keeps a chunk's outcome and adds it to the import's counters, once. */
  completeChunk(importId: string, outcome: ChunkOutcome): Promise<'recorded' | 'recorded-before'>;
  /**
   * Marks an import done (every chunk recorded), or a running one failed; false if it was not
   * (done already, or not running).
   */
  close(
    importId: string,
    closing: { status: 'done' } | { status: 'failed'; failure: string },
    now: Date,
  ): Promise<boolean>;
}

const listPk = 'BANK-IMPORTS';
const importKey = (importId: string) => ({ pk: listPk, sk: `IMPORT#${importId}` });
const fileKey = (digest: string) => ({ pk: `BANK-STATEMENT-FILE#${digest}`, sk: 'FILE' });
const chunkPk = (importId: string) => `BANK-IMPORT#${importId}`;
const chunkKey = (importId: string, chunk: number) => ({
  pk: chunkPk(importId),
  sk: `CHUNK#${String(chunk).padStart(5, '0')}`,
});

export function bankImportStore(table: Table): BankImportStore {
  const get = async (key: { pk: string; sk: string }) =>
    (
      await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      )
    ).Item;

  async function importOf(importId: string) {
    const item = await get(importKey(importId));
    return item ? toImport(item) : undefined;
  }

  return {
    get: importOf,

    async latestOfFile(digest) {
      const file = await get(fileKey(digest));
      return file ? importOf(String(file.latestImportId)) : undefined;
    },

    async begin(record) {
      const earlier = record.earlierImportId;
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: { ...importKey(record.importId), entity: 'bank-import', ...record },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...fileKey(record.fileDigest),
                    entity: 'bank-statement-file',
                    latestImportId: record.importId,
                  },
                  ConditionExpression: earlier
                    ? 'latestImportId = :earlier'
                    : 'attribute_not_exists(pk)',
                  ...(earlier ? { ExpressionAttributeValues: { ':earlier': earlier } } : {}),
                },
              },
            ],
          }),
        );
        return 'created';
      } catch (error) {
        if (cancellationCodes(error)?.[1] === 'ConditionalCheckFailed') return 'raced';
        throw error;
      }
    },

    async list(limit, after) {
      const page = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :import)',
          ExpressionAttributeValues: { ':pk': listPk, ':import': 'IMPORT#' },
          ScanIndexForward: false,
          Limit: limit,
          ...(after ? { ExclusiveStartKey: importKey(after) } : {}),
        }),
      );
      const imports = (page.Items ?? []).map(toImport);
      const last = page.LastEvaluatedKey ? imports.at(-1)?.importId : undefined;
      return { imports, ...(last ? { next: last } : {}) };
    },

    async chunk(importId, chunk) {
      const item = await get(chunkKey(importId, chunk));
      return item ? toChunk(item) : undefined;
    },

    async chunkAttention(importId) {
      const chunks: Omit<ChunkOutcome, 'payments'>[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.client.send(
          new QueryCommand({
            TableName: table.name,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
            ExpressionAttributeValues: { ':pk': chunkPk(importId), ':chunk': 'CHUNK#' },
            ProjectionExpression: '#chunk, tally, attention',
            ExpressionAttributeNames: { '#chunk': 'chunk' },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const item of page.Items ?? []) {
          const { payments: _payments, ...rest } = toChunk({ ...item, payments: [] });
          chunks.push(rest);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return chunks;
    },

    async completeChunk(importId, outcome) {
      const { tally } = outcome;
      const counters = Object.keys(tally) as (keyof ImportTally)[];
      try {
        await table.client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: table.name,
                  Item: {
                    ...chunkKey(importId, outcome.chunk),
                    entity: 'bank-import-chunk',
                    ...outcome,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: table.name,
                  Key: importKey(importId),
                  UpdateExpression: `SET ${[...counters, 'chunksDone']
                    .map((c) => `progress.#${c} = progress.#${c} + :${c}`)
                    .join(', ')}`,
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeNames: Object.fromEntries(
                    [...counters, 'chunksDone'].map((c) => [`#${c}`, c]),
                  ),
                  ExpressionAttributeValues: {
                    ...Object.fromEntries(counters.map((c) => [`:${c}`, tally[c]])),
                    ':chunksDone': 1,
                  },
                },
              },
            ],
          }),
        );
        return 'recorded';
      } catch (error) {
        if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return 'recorded-before';
        throw error;
      }
    },

    async close(importId, closing, now) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: importKey(importId),
            UpdateExpression:
              closing.status === 'done'
                ? 'SET #status = :status, finishedAt = :now REMOVE failure'
                : 'SET #status = :status, finishedAt = :now, failure = :failure',
            // Done only when every chunk is recorded (a run cannot skip one); a stopped import
            // that a later run finished is done too.
            ConditionExpression:
              closing.status === 'done'
                ? '#status <> :status AND progress.chunksDone = chunkCount'
                : '#status = :running',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':status': closing.status,
              ...(closing.status === 'failed' ? { ':running': 'running' } : {}),
              ':now': now.toISOString(),
              ...(closing.status === 'failed' ? { ':failure': closing.failure.slice(0, 200) } : {}),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}

function toImport(item: Record<string, unknown>): BankImport {
  const { pk: _pk, sk: _sk, entity: _entity, ...record } = item;
  return record as unknown as BankImport;
}

function toChunk(item: Record<string, unknown>): ChunkOutcome {
  return {
    chunk: Number(item.chunk),
    tally: item.tally as ImportTally,
    payments: (item.payments ?? []) as ImportLine[],
    attention: (item.attention ?? []) as ImportLine[],
  };
}
