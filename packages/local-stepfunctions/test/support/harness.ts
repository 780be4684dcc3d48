import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { inject } from 'vitest';
import {
  type Clock,
  type LambdaInvoker,
  type LambdaOutcome,
  type StepFunctionsService,
  startStepFunctionsService,
} from '../../src/index';

/** Test setup for the local Step Functions service: DynamoDB Local, a movable clock, a fake Lambda. */

export const region = 'us-east-1';
export const accountId = '000000000000';
export const functionArn = (name: string) =>
  `arn:aws:lambda:${region}:${accountId}:function:${name}`;

export function dynamodbEndpoint(): string {
  const endpoint = inject('dynamodbEndpoint');
  if (!endpoint) throw new Error('No DynamoDB endpoint: run with the global setup');
  return endpoint;
}

/** A script in `test/support/fixtures/`, for tests that run the service in a process of its own. */
export const fixture = (name: string) =>
  fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export function dynamodbClient(): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: dynamodbEndpoint(),
    region,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
}

/** The service only reads a clock; a test also moves it. */
export interface TestClock extends Clock {
  advance(milliseconds: number): void;
  offset(): number;
}

/** A clock the test moves by hand; it never moves by itself. */
export function testClock(start = new Date('2030-01-15T09:00:00.000Z')): TestClock {
  let offsetMs = 0;
  return {
    now: () => new Date(start.getTime() + offsetMs),
    advance(milliseconds: number) {
      offsetMs += milliseconds;
    },
    offset: () => offsetMs,
  };
}

export type FakeFunction = (payload: unknown) => Promise<LambdaOutcome> | LambdaOutcome;

/** A stand-in for Lambda: named functions, and a record of every call made. */
export class FakeLambda {
  readonly calls: { functionArn: string; payload: unknown }[] = [];
  private readonly functions = new Map<string, FakeFunction>();

  define(name: string, fn: FakeFunction): string {
    this.functions.set(functionArn(name), fn);
    return functionArn(name);
  }

  callsTo(name: string): unknown[] {
    return this.calls
      .filter((call) => call.functionArn === functionArn(name))
      .map((c) => c.payload);
  }

  readonly invoke: LambdaInvoker = async (arn, payload) => {
    this.calls.push({ functionArn: arn, payload });
    const fn = this.functions.get(arn);
    if (!fn) throw new Error(`No fake function ${arn}`);
    return fn(payload);
  };
}

export const returns = (payload: unknown): LambdaOutcome => ({ kind: 'returned', payload });
export const throws = (errorType: string, errorMessage: string): LambdaOutcome => ({
  kind: 'failed',
  errorType,
  errorMessage,
  trace: [`${errorType}: ${errorMessage}`, '    at handler (index.js:1:1)'],
});

export interface Harness {
  service: StepFunctionsService;
  sfn: SFNClient;
  clock: TestClock;
  lambda: FakeLambda;
  tableName: string;
  dynamodb: DynamoDBClient;
  /** Starts another service instance on the same table (after `service.stop()`). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(
  options: { tableName?: string; clock?: TestClock; lambda?: FakeLambda } = {},
): Promise<Harness> {
  const dynamodb = dynamodbClient();
  const tableName = options.tableName ?? `sfn-test-${randomUUID()}`;
  const clock = options.clock ?? testClock();
  const lambda = options.lambda ?? new FakeLambda();
  const start = () =>
    startStepFunctionsService({
      dynamodb,
      tableName,
      region,
      accountId,
      clock,
      invokeLambda: lambda.invoke,
      port: 0,
      pollIntervalMs: 20,
      // SFN_TEST_LOG=1 shows the service's faults while debugging a test.
      log: process.env.SFN_TEST_LOG ? (line) => console.log(line) : undefined,
    });
  const harness: Harness = {
    service: await start(),
    sfn: undefined as unknown as SFNClient,
    clock,
    lambda,
    tableName,
    dynamodb,
    async restart() {
      harness.service = await start();
      harness.sfn = sfnClient(harness.service.url);
    },
    async close() {
      await harness.service.stop();
      harness.sfn.destroy();
      // Each test file has its own table: leave the shared DynamoDB Local as it was.
      await dynamodb.send(new DeleteTableCommand({ TableName: tableName })).catch(() => {});
      dynamodb.destroy();
    },
  };
  harness.sfn = sfnClient(harness.service.url);
  return harness;
}

export function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
}

export async function createMachine(sfn: SFNClient, definition: unknown, name?: string) {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({
      name: name ?? `machine-${randomUUID().slice(0, 8)}`,
      definition: JSON.stringify(definition),
      roleArn: `arn:aws:iam::${accountId}:role/test`,
    }),
  );
  return stateMachineArn as string;
}

export async function start(
  sfn: SFNClient,
  stateMachineArn: string,
  input: unknown,
  name?: string,
) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }),
  );
  return executionArn as string;
}

/** Waits (real time) until the execution is no longer RUNNING, or until `until` holds. */
export async function waitFor(
  sfn: SFNClient,
  executionArn: string,
  until: (execution: DescribeExecutionCommandOutput) => boolean = (e) => e.status !== 'RUNNING',
  timeoutMs = 10_000,
): Promise<DescribeExecutionCommandOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (until(execution)) return execution;
    if (Date.now() > deadline) {
      throw new Error(`Execution still ${execution.status} after ${timeoutMs} ms: ${executionArn}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Polls a condition (real time). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function historyOf(sfn: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

export const typesOf = (events: HistoryEvent[]) => events.map((event) => event.type);
