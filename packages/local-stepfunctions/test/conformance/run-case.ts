import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import type { LambdaOutcome } from '../../src/index';
import {
  accountId,
  FakeLambda,
  functionArn,
  type Harness,
  historyOf,
  returns,
  startHarness,
  testClock,
  throws,
} from '../support/harness';
import type {
  ConformanceCase,
  CreateExpectation,
  FunctionBehaviour,
  RunExpectation,
} from './cases';
import { mismatches } from './match';

/** Runs one case on its own service (own table, own clock, own fake Lambdas); returns the differences. */
export async function runCase(c: ConformanceCase): Promise<string[]> {
  const lambda = new FakeLambda();
  const clock = testClock();
  const tokens: string[] = [];
  for (const [name, behaviour] of Object.entries(c.functions ?? {})) {
    const arn = name.startsWith('arn:') ? name : functionArn(name);
    const run = fakeFunction(behaviour, clock, tokens);
    lambda.define(name, run);
    if (arn !== functionArn(name)) throw new Error(`${c.id}: give functions by name, not ARN`);
  }
  const h = await startHarness({ lambda, clock });
  try {
    return await play(h, c, tokens);
  } finally {
    await h.close();
  }
}

async function play(h: Harness, c: ConformanceCase, tokens: string[]): Promise<string[]> {
  const definition = c.definitionText ?? JSON.stringify(c.definition);
  let stateMachineArn: string | undefined;
  try {
    const created = await h.sfn.send(
      new CreateStateMachineCommand({
        name: c.stateMachineName ?? `conformance-${c.id}`.slice(0, 80),
        definition,
        roleArn: `arn:aws:iam::${accountId}:role/conformance`,
      }),
    );
    stateMachineArn = created.stateMachineArn;
  } catch (error) {
    if ('createError' in c.expected) return refused(h, definition, error as Error, c.expected);
    return [`creation failed: ${(error as Error).name}: ${(error as Error).message}`];
  }
  if ('createError' in c.expected) {
    return [`creation succeeded, expected ${c.expected.createError}`];
  }
  const expected = c.expected;
  const { executionArn } = await h.sfn.send(
    new StartExecutionCommand({
      stateMachineArn,
      input: JSON.stringify(c.input ?? {}),
      name: c.executionName,
    }),
  );
  const arn = executionArn as string;
  for (const step of c.clock ?? []) {
    const { afterEvent, count = 1 } = step;
    // Without afterEvent the clock moves straight after the previous move.
    if (afterEvent) await until(async () => (await eventCount(h, arn, afterEvent)) >= count);
    h.clock.advance(step.advanceSeconds * 1000);
    h.service.poke();
  }
  for (const [index, callback] of (c.callbacks ?? []).entries()) {
    await until(() => tokens.length > index || tokens.length > 0);
    const taskToken = tokens[Math.min(index, tokens.length - 1)] as string;
    if (callback.send === 'success') {
      await h.sfn.send(
        new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(callback.output) }),
      );
    } else if (callback.send === 'failure') {
      await h.sfn.send(
        new SendTaskFailureCommand({ taskToken, error: callback.error, cause: callback.cause }),
      );
    } else {
      await h.sfn.send(new SendTaskHeartbeatCommand({ taskToken }));
    }
    h.service.poke();
  }
  const done = await finished(h, arn);
  return compare(done, (await historyOf(h.sfn, arn)) as unknown[], expected);
}

/** A refused definition: the error, its message, and what validation says of the same text. */
async function refused(
  h: Harness,
  definition: string,
  error: Error,
  expected: CreateExpectation,
): Promise<string[]> {
  if (error.name !== expected.createError) {
    return [
      `creation failed with ${error.name} (${error.message}), expected ${expected.createError}`,
    ];
  }
  const problems: string[] = [];
  if (expected.createMessage !== undefined) {
    problems.push(...mismatches(error.message, expected.createMessage, 'createMessage'));
  }
  if (expected.validation !== undefined) {
    const { $metadata: _, ...answer } = await h.sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition }),
    );
    problems.push(...mismatches(answer, expected.validation, 'validation'));
  }
  return problems;
}

async function compare(
  done: DescribeExecutionCommandOutput,
  history: unknown[],
  expected: RunExpectation,
): Promise<string[]> {
  const problems: string[] = [];
  if (done.status !== expected.status) {
    problems.push(
      `status: expected ${expected.status}, got ${done.status} (error ${done.error}, cause ${done.cause})`,
    );
  }
  if ('output' in expected) {
    const output = done.output === undefined ? undefined : JSON.parse(done.output);
    problems.push(...mismatches(output, expected.output, 'output'));
  }
  if (expected.error !== undefined) {
    problems.push(...mismatches(done.error ?? null, expected.error, 'error'));
  }
  if (expected.cause !== undefined) {
    problems.push(...mismatches(done.cause ?? null, expected.cause, 'cause'));
  }
  const types = history.map((event) => (event as { type: string }).type);
  if (expected.historyTypes) {
    problems.push(...mismatches(types, expected.historyTypes, 'historyTypes'));
  }
  for (const pattern of expected.historyIncludes ?? []) {
    if (!history.some((event) => mismatches(event, { $subset: pattern }).length === 0)) {
      problems.push(`history: no event matches ${JSON.stringify(pattern)}`);
    }
  }
  return problems;
}

function fakeFunction(
  behaviour: FunctionBehaviour,
  clock: Harness['clock'],
  tokens: string[],
): (payload: unknown) => Promise<LambdaOutcome> {
  if ('echo' in behaviour) return async (payload) => returns(payload);
  if ('return' in behaviour) return async () => returns(behaviour.return);
  if ('fail' in behaviour) {
    return async () => throws(behaviour.fail.errorType, behaviour.fail.errorMessage);
  }
  if ('failTimes' in behaviour) {
    const { n, errorType, errorMessage } = behaviour.failTimes;
    const then = fakeFunction(behaviour.failTimes.then, clock, tokens);
    let calls = 0;
    return async (payload) => (++calls <= n ? throws(errorType, errorMessage) : then(payload));
  }
  if ('sleep' in behaviour) {
    const then = fakeFunction(behaviour.then, clock, tokens);
    return async (payload) => {
      const wakeAt = clock.now().getTime() + behaviour.sleep * 1000;
      await until(() => clock.now().getTime() >= wakeAt, 30_000);
      return then(payload);
    };
  }
  return async (payload) => {
    const token = (payload as Record<string, unknown> | null)?.[behaviour.captureToken];
    if (typeof token !== 'string') throw new Error(`No task token at ${behaviour.captureToken}`);
    tokens.push(token);
    return returns({});
  };
}

async function eventCount(h: Harness, executionArn: string, type: string): Promise<number> {
  const events = await historyOf(h.sfn, executionArn);
  return events.filter((event) => event.type === type).length;
}

async function finished(h: Harness, executionArn: string) {
  let done: DescribeExecutionCommandOutput | undefined;
  await until(async () => {
    done = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    return done.status !== 'RUNNING';
  });
  return done as DescribeExecutionCommandOutput;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms`);
    await sleep(20);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
