import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, startDynamoDbLocal } from '../../src/dynamodb-local';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The DynamoDB Local every test of the package keeps its tables in (one table per test). */
    dynamodbEndpoint: string;
  }
}

/** One DynamoDB Local for the package's tests, on a free port and a fresh data folder. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfn-test-'));
  const log = (line: string) => console.error(line);
  const dynamodb = await startDynamoDbLocal(await freePort(), dataDir, log).catch((error) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  project.provide('dynamodbEndpoint', dynamodb.endpoint);
  return async () => {
    await dynamodb.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
