import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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
