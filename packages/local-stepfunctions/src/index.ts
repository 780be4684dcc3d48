import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createOperations } from './api/operations';
import type { Clock } from './clock';
import { startHttpServer } from './http';
import type { LambdaInvoker } from './lambda';
import { ExecutionStore } from './store/executions';
import { StateMachineStore } from './store/state-machines';
import { ensureTable } from './store/table';
import { WorkStore } from './store/work';
import { WorkLoop } from './worker/loop';

/**
 * The local Step Functions service: the Step Functions JSON API over HTTP, with every state
 * machine, execution, history event and pending piece of work kept in DynamoDB Local, so
 * executions survive a restart and pick up where they were.
 *
 * Layout: `http.ts` + `api/` (the JSON protocol and its operations), `store/` (keys, table,
 * repositories, one transaction per step), `engine/` (the interpreter: one file per state type,
 * JSONata evaluation, Retry/Catch, history events; pure apart from the expressions), `worker/`
 * (the due-work loop with leases, and the runner that moves one execution on and calls Lambda).
 */

export { type Clock, realClock } from './clock';
export type { Definition } from './definition';
export { parseDefinition } from './definition-check';
export type { LambdaInvoker, LambdaOutcome } from './lambda';

export interface StepFunctionsServiceOptions {
  dynamodb: DynamoDBClient;
  tableName: string;
  region: string;
  accountId: string;
  clock: Clock;
  invokeLambda: LambdaInvoker;
  host?: string /* default 127.0.0.1 */;
  port: number /* 0 = any free */;
  pollIntervalMs?: number;
  /**
   * Test hook: real milliseconds to wait before each Lambda call, a window in which a test can
   * kill the process "while the task is running". Default 0.
   */
  taskDelayMs?: number;
  log?: (line: string) => void;
}

export interface StepFunctionsService {
  url: string;
  /** wake the loop now (after a clock move) */
  poke(): void;
  stop(): Promise<void>;
}

export async function startStepFunctionsService(
  options: StepFunctionsServiceOptions,
): Promise<StepFunctionsService> {
  const log = options.log ?? (() => {});
  await ensureTable(options.dynamodb, options.tableName);
  const db = DynamoDBDocumentClient.from(options.dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const machines = new StateMachineStore(db, options.tableName);
  const executions = new ExecutionStore(db, options.tableName);
  const work = new WorkStore(db, options.tableName);
  const arns = { region: options.region, accountId: options.accountId };
  // A new id per start: leases of an earlier (dead) instance are recognisably not ours.
  const instanceId = `stepfunctions-${randomUUID()}`;
  const loop = new WorkLoop({
    executions,
    work,
    arns,
    clock: options.clock,
    invokeLambda: options.invokeLambda,
    taskDelayMs: options.taskDelayMs ?? 0,
    owner: instanceId,
    pollIntervalMs: options.pollIntervalMs ?? 200,
    log,
  });
  await loop.start();
  const operations = createOperations({
    machines,
    executions,
    work,
    arns,
    clock: options.clock,
    onExecutionStarted: () => loop.poke(),
  });
  const server = await startHttpServer({
    host: options.host ?? '127.0.0.1',
    port: options.port,
    operations,
    log,
  });
  log(`Step Functions service at ${server.url} (table ${options.tableName})`);
  return {
    url: server.url,
    poke: () => loop.poke(),
    async stop() {
      await server.close();
      await loop.stop();
    },
  };
}
