import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDeclaration } from '../manifest';

/**
 * Creates the product table from its declaration, or adds the indexes declared since it was
 * created. Tables live on disk, so data survives a restart.
 */
export async function ensureTable(client: DynamoDBClient, table: TableDeclaration): Promise<void> {
  const attributeDefinitions: AttributeDefinition[] = [
    { AttributeName: table.partitionKey, AttributeType: 'S' },
    { AttributeName: table.sortKey, AttributeType: 'S' },
  ];
  for (const index of table.indexes) {
    for (const name of [index.partitionKey, index.sortKey]) {
      if (!attributeDefinitions.some((a) => a.AttributeName === name)) {
        attributeDefinitions.push({ AttributeName: name, AttributeType: 'S' });
      }
    }
  }
  const indexDefinition = (index: TableDeclaration['indexes'][number]) => ({
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'ALL' as const },
  });

  const existing = await describe(client, table.name);
  if (!existing) {
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: attributeDefinitions,
        KeySchema: [
          { AttributeName: table.partitionKey, KeyType: 'HASH' },
          { AttributeName: table.sortKey, KeyType: 'RANGE' },
        ],
        ...(table.indexes.length > 0
          ? { GlobalSecondaryIndexes: table.indexes.map(indexDefinition) }
          : {}),
      }),
    );
    return;
  }
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  // DynamoDB creates one index per UpdateTable call.
  for (const index of table.indexes.filter((i) => !present.has(i.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: table.name,
        AttributeDefinitions: attributeDefinitions,
        GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
      }),
    );
  }
}

async function describe(client: DynamoDBClient, tableName: string) {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}
