import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  eventually,
  type Harness,
  historyOf,
  returns,
  start,
  startHarness,
  throws,
  typesOf,
  waitFor,
} from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const jsonata = (states: Record<string, unknown>) => ({
  QueryLanguage: 'JSONata',
  StartAt: Object.keys(states)[0],
  States: states,
});

describe('Wait', () => {
  it('waits until the service clock reaches the moment, then goes on with Output and Assign', async () => {
    const machine = await createMachine(
      h.sfn,
      jsonata({
        Remind: {
          Type: 'Wait',
          Seconds: '{% $states.input.days * 86400 %}',
          Assign: { waited: '{% $states.input.days %}' },
          Output: { reminded: true },
          Next: 'Done',
        },
        Done: { Type: 'Pass', Output: '{% {"days": $waited, "out": $states.input} %}', End: true },
      }),
    );
    const arn = await start(h.sfn, machine, { days: 30 });
    await eventually(async () => (await historyOf(h.sfn, arn)).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await waitFor(h.sfn, arn, () => true)).status).toBe('RUNNING');
    h.clock.advance(30 * 86_400_000 - 1_000);
    h.service.poke();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await waitFor(h.sfn, arn, () => true)).status).toBe('RUNNING');
    h.clock.advance(1_000);
    h.service.poke();
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ days: 30, out: { reminded: true } });
    expect(typesOf(await historyOf(h.sfn, arn))).toEqual([
      'ExecutionStarted',
      'WaitStateEntered',
      'WaitStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('Parallel', () => {
  it('runs every branch with the outer variables and gives their outputs in branch order', async () => {
    const slow = h.lambda.define('slow-branch', async (payload) => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return returns({ slow: payload });
    });
    const machine = await createMachine(
      h.sfn,
      jsonata({
        Setup: { Type: 'Pass', Assign: { customer: 'ACME' }, Next: 'Both' },
        Both: {
          Type: 'Parallel',
          Arguments: { n: '{% $states.input.n %}' },
          Branches: [
            {
              StartAt: 'Slow',
              States: {
                Slow: {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke',
                  Arguments: { FunctionName: slow, Payload: '{% $states.input.n %}' },
                  Output: '{% $states.result.Payload %}',
                  End: true,
                },
              },
            },
            {
              StartAt: 'Fast',
              States: {
                Fast: {
                  Type: 'Pass',
                  Assign: { inner: 1 },
                  Output: '{% {"customer": $customer, "n": $states.input.n} %}',
                  End: true,
                },
              },
            },
          ],
          Assign: { first: '{% $states.result[0] %}' },
          Output: '{% {"results": $states.result, "innerVisible": $exists($inner)} %}',
          Next: 'After',
        },
        After: { Type: 'Pass', Output: '{% {"first": $first, "all": $states.input} %}', End: true },
      }),
    );
    const arn = await start(h.sfn, machine, { n: 7 });
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({
      first: { slow: 7 },
      all: { results: [{ slow: 7 }, { customer: 'ACME', n: 7 }], innerVisible: false },
    });
    const types = typesOf(await historyOf(h.sfn, arn));
    expect(types.slice(0, 5)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ParallelStateEntered',
      'ParallelStateStarted',
    ]);
    expect(types.slice(-5)).toEqual([
      'ParallelStateSucceeded',
      'ParallelStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    const history = await historyOf(h.sfn, arn);
    expect(history.map((e) => e.id)).toEqual(history.map((_, i) => i + 1));
  });

  it('fails with the failing branch’s error, which Catch on the Parallel state handles', async () => {
    const bad = h.lambda.define('bad-branch', () => throws('CreditCheckFailed', 'no credit'));
    const machine = await createMachine(
      h.sfn,
      jsonata({
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Wait long',
              States: { 'Wait long': { Type: 'Wait', Seconds: 3600, End: true } },
            },
            {
              StartAt: 'Bad',
              States: { Bad: { Type: 'Task', Resource: bad, End: true } },
            },
          ],
          Catch: [
            {
              ErrorEquals: ['CreditCheckFailed'],
              Next: 'Handled',
              Output: '{% $states.errorOutput.Error %}',
            },
          ],
          End: true,
        },
        Handled: { Type: 'Succeed' },
      }),
    );
    const arn = await start(h.sfn, machine, {});
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toBe('CreditCheckFailed');
    expect(typesOf(await historyOf(h.sfn, arn))).toContain('ParallelStateFailed');
  });
});

describe('Map', () => {
  it('runs an iteration per item with ItemSelector and MaxConcurrency, results in item order', async () => {
    let running = 0;
    let most = 0;
    const fn = h.lambda.define('price', async (payload) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running--;
      return returns(payload);
    });
    const machine = await createMachine(
      h.sfn,
      jsonata({
        Prices: {
          Type: 'Map',
          Items: '{% $states.input.lines %}',
          MaxConcurrency: 2,
          ItemSelector: {
            line: '{% $states.context.Map.Item.Value %}',
            index: '{% $states.context.Map.Item.Index %}',
          },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Price',
            States: {
              Price: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke',
                Arguments: { FunctionName: fn, Payload: '{% $states.input %}' },
                Output: '{% $states.result.Payload.line * 10 + $states.result.Payload.index %}',
                End: true,
              },
            },
          },
          End: true,
        },
      }),
    );
    const arn = await start(h.sfn, machine, { lines: [1, 2, 3, 4, 5] });
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual([10, 21, 32, 43, 54]);
    expect(most).toBeLessThanOrEqual(2);
    const types = typesOf(await historyOf(h.sfn, arn));
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(5);
    expect(types.filter((t) => t === 'MapIterationSucceeded')).toHaveLength(5);
    expect(types.slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
  });

  it('tolerates failures up to ToleratedFailureCount, then fails with States.ExceedToleratedFailureThreshold', async () => {
    const definition = (tolerated: number) =>
      jsonata({
        Each: {
          Type: 'Map',
          ToleratedFailureCount: tolerated,
          ItemProcessor: {
            StartAt: 'Check',
            States: {
              Check: {
                Type: 'Choice',
                Choices: [{ Condition: '{% $states.input > 2 %}', Next: 'Bad' }],
                Default: 'Good',
              },
              Bad: { Type: 'Fail', Error: 'TooBig', Cause: 'too big' },
              Good: { Type: 'Pass', End: true },
            },
          },
          End: true,
        },
      });
    const tolerant = await start(h.sfn, await createMachine(h.sfn, definition(2)), [1, 2, 3, 4]);
    const strict = await start(h.sfn, await createMachine(h.sfn, definition(1)), [1, 2, 3, 4]);
    const ok = await waitFor(h.sfn, tolerant);
    expect(ok.status).toBe('SUCCEEDED');
    const failed = await waitFor(h.sfn, strict);
    expect(failed.status).toBe('FAILED');
    expect(failed.error).toBe('States.ExceedToleratedFailureThreshold');
  });
});
