import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  DescribeExecutionCommand,
  type HistoryEvent,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  dynamodbEndpoint,
  eventually,
  FakeLambda,
  fixture,
  type Harness,
  historyOf,
  returns,
  sfnClient,
  start,
  startHarness,
  testClock,
} from '../support/harness';

let child: ChildProcess | undefined;
let h: Harness | undefined;
afterAll(async () => {
  child?.kill('SIGKILL');
  await h?.close();
});

const fleetSize = 100;
const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** A desk-like workflow: a flaky call retried, a wait, a signature callback, a last step. */
const definition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Register',
  States: {
    Register: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: functionArn('flaky'), Payload: { id: '{% $states.input.id %}' } },
      Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 3 }],
      Output: '{% $states.input %}',
      Next: 'Cool off',
    },
    'Cool off': { Type: 'Wait', Seconds: '{% $states.input.wait %}', Next: 'Await signature' },
    'Await signature': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: {
        FunctionName: functionArn('callback'),
        Payload: { id: '{% $states.input.id %}', token: '{% $states.context.Task.Token %}' },
      },
      Next: 'Done',
    },
    Done: { Type: 'Pass', Output: '{% {"id": $states.input.by} %}', End: true },
  },
};

/** Per state: entered once, left once, and the execution succeeded once. */
function checkHistory(events: HistoryEvent[]): string[] {
  const problems: string[] = [];
  const entered = new Map<string, number>();
  const exited = new Map<string, number>();
  for (const event of events) {
    const name = event.stateEnteredEventDetails?.name;
    if (name) entered.set(name, (entered.get(name) ?? 0) + 1);
    const left = event.stateExitedEventDetails?.name;
    if (left) exited.set(left, (exited.get(left) ?? 0) + 1);
  }
  for (const state of Object.keys(definition.States)) {
    if (entered.get(state) !== 1 || exited.get(state) !== 1) {
      problems.push(`${state}: entered ${entered.get(state)}, exited ${exited.get(state)}`);
    }
  }
  const count = (type: string) => events.filter((e) => e.type === type).length;
  if (count('TaskSucceeded') !== 2) problems.push(`${count('TaskSucceeded')} TaskSucceeded`);
  if (count('ExecutionSucceeded') !== 1) problems.push('not one ExecutionSucceeded');
  if (events.some((e, i) => e.id !== i + 1 || e.previousEventId !== i)) {
    problems.push('event ids out of order');
  }
  return problems;
}

describe('a crash with a hundred executions in flight', () => {
  it('after kill -9 and a restart, all succeed and no state ran twice', {
    timeout: 180_000,
  }, async () => {
    const tableName = `sfn-fleet-${randomUUID()}`;
    const clock = testClock();
    child = spawn(process.execPath, ['--import', 'tsx', fixture('fleet-service-process.ts')], {
      env: {
        ...process.env,
        SFN_TEST_DYNAMODB_ENDPOINT: dynamodbEndpoint(),
        SFN_TEST_TABLE: tableName,
        SFN_TEST_CLOCK_MS: String(clock.now().getTime()),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    await eventually(() => output.includes('URL '), 30_000);
    const remote = sfnClient(/URL (\S+)/.exec(output)?.[1] as string);
    const machine = await createMachine(remote, definition, 'fleet');
    const arns: string[] = [];
    const ids = Array.from({ length: fleetSize }, (_, i) => `C${String(i).padStart(3, '0')}`);
    for (let batch = 0; batch < fleetSize; batch += 20) {
      const starts = ids
        .slice(batch, batch + 20)
        .map((id, i) => start(remote, machine, { id, wait: (batch + i) % 3 }, id));
      arns.push(...(await Promise.all(starts)));
    }
    // Kill once the fleet is spread over the workflow: some waiting, some retrying, some signing.
    await eventually(() => (output.match(/TOKEN /g) ?? []).length >= 10, 60_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child?.once('exit', resolve));
    remote.destroy();

    // The restarted service finds every execution where it was; its clock is an hour on.
    const tokens = new Map<string, string>();
    for (const [, id, token] of output.matchAll(/TOKEN (\S+) (\S+)/g)) {
      tokens.set(id as string, token as string);
    }
    const lambda = new FakeLambda();
    lambda.define('flaky', (payload) => returns(payload));
    lambda.define('callback', (payload) => {
      const { id, token } = payload as { id: string; token: string };
      tokens.set(id, token);
      return returns({ emailed: id });
    });
    clock.advance(3_600_000);
    h = await startHarness({ tableName, clock, lambda });
    const harness = h;
    const signed = new Set<string>();
    // Time goes on after the restart: waits and back-offs entered now fall due too.
    const ticking = setInterval(() => {
      clock.advance(10_000);
      harness.service.poke();
    }, 100);
    await eventually(async () => {
      for (const [id, token] of tokens) {
        if (signed.has(id)) continue;
        signed.add(id);
        await harness.sfn.send(
          new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ by: id }) }),
        );
      }
      return signed.size === fleetSize;
    }, 90_000);
    for (const arn of arns) {
      await eventually(async () => {
        const { status } = await harness.sfn.send(
          new DescribeExecutionCommand({ executionArn: arn }),
        );
        return status !== 'RUNNING';
      }, 20_000);
    }
    clearInterval(ticking);
    const problems: string[] = [];
    for (const arn of arns) {
      const { status, output: result } = await harness.sfn.send(
        new DescribeExecutionCommand({ executionArn: arn }),
      );
      const id = arn.split(':').pop();
      if (status !== 'SUCCEEDED' || JSON.parse(result ?? '{}').id !== id) {
        problems.push(`${id}: ${status} ${result}`);
      }
      for (const problem of checkHistory(await historyOf(harness.sfn, arn))) {
        problems.push(`${id}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
