import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { monthsFrom } from '../rules/job-dates';

/**
 * The single table. Every item has generic `pk`/`sk` keys built only by the stores in this folder;
 * each store writes its access patterns down next to its keys.
 */
export interface Table {
  client: DynamoDBDocumentClient;
  name: string;
}

/** A document client for the table. No endpoint here: the SDK reads AWS_ENDPOINT_URL_DYNAMODB. */
export function openTable(name: string): Table {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, name };
}

/** True for the error DynamoDB gives when a write's condition does not hold. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** The reason each item of a cancelled transaction gave (`None` for the ones that were fine). */
export function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return reasons?.map((r) => r.Code ?? 'None');
}

/** A sparse index with one partition per month and `<yyyy-mm-dd>#<id>` sort keys. */
export interface MonthlyIndex {
  name: string;
  partitionKey: string;
  sortKey: string;
  partitionOf: (month: string) => string;
}

/**
 * The items of a month-partitioned index dated from `from` to `to` (inclusive), oldest first,
 * month by month and page by page; `projection` names the attributes to read (all by default).
 */
export async function* queryByDate(
  table: Table,
  index: MonthlyIndex,
  from: string,
  to: string,
  projection?: { expression: string; names: Record<string, string> },
): AsyncGenerator<Record<string, unknown>[]> {
  for (const month of monthsFrom(from, to)) {
    yield* queryPages(table, {
      IndexName: index.name,
      // `~` sorts after `#` and any id character: every item of the last day is included.
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':pk': index.partitionOf(month),
        ':from': `${from}#`,
        ':to': `${to}#~`,
      },
      ExpressionAttributeNames: {
        ...projection?.names,
        '#pk': index.partitionKey,
        '#sk': index.sortKey,
      },
      ...(projection ? { ProjectionExpression: projection.expression } : {}),
    });
  }
}

/** A query on the table: everything but the table's name and the page to start from. */
export type TableQuery = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/** A query's items page by page, following DynamoDB's `LastEvaluatedKey` to the end. */
export async function* queryPages(
  table: Table,
  query: TableQuery,
): AsyncGenerator<Record<string, unknown>[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({ ...query, TableName: table.name, ExclusiveStartKey: startKey }),
    );
    yield page.Items ?? [];
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

/** Every item a query finds, all pages read: for partitions known to stay small. */
export async function queryAll(
  table: Table,
  query: TableQuery,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for await (const page of queryPages(table, query)) items.push(...page);
  return items;
}

/** How many items a query matches, all pages counted, without reading them. */
export async function queryCount(table: Table, query: TableQuery): Promise<number> {
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.client.send(
      new QueryCommand({
        ...query,
        TableName: table.name,
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return count;
}
