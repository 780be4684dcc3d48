import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  eventually,
  type Harness,
  historyOf,
  returns,
  start,
  startHarness,
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

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('Expected an error');
}

/** A signature workflow: a function emails a link carrying the token; the link's handler answers. */
async function signatureMachine(extra: Record<string, unknown> = {}) {
  const tokens: string[] = [];
  const name = `send-link-${Math.random().toString(36).slice(2, 8)}`;
  const fn = h.lambda.define(name, (payload) => {
    tokens.push((payload as { token: string }).token);
    return returns({ emailed: true });
  });
  const machine = await createMachine(h.sfn, {
    QueryLanguage: 'JSONata',
    StartAt: 'Await signature',
    States: {
      'Await signature': {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Arguments: {
          FunctionName: fn,
          Payload: {
            contractId: '{% $states.input.contractId %}',
            token: '{% $states.context.Task.Token %}',
          },
        },
        Output: '{% {"contractId": $states.input.contractId, "signed": $states.result} %}',
        Catch: [
          {
            ErrorEquals: ['States.HeartbeatTimeout'],
            Next: 'Lapsed',
            Output: '{% $states.errorOutput %}',
          },
        ],
        ...extra,
        End: true,
      },
      Lapsed: { Type: 'Pass', End: true },
    },
  });
  return { machine, tokens };
}

describe('waitForTaskToken', () => {
  it('pauses until SendTaskSuccess, whose output is the result; a second call is TaskTimedOut', async () => {
    const { machine, tokens } = await signatureMachine();
    const arn = await start(h.sfn, machine, { contractId: 'C1' });
    await eventually(async () => typesOf(await historyOf(h.sfn, arn)).includes('TaskSubmitted'));
    expect(tokens).toHaveLength(1);
    const token = tokens[0] as string;
    expect((await waitFor(h.sfn, arn, () => true)).status).toBe('RUNNING');
    const bad = await errorOf(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{' })),
    );
    expect(bad.name).toBe('InvalidOutput');

    await h.sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ by: 'Ana' }) }),
    );
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ contractId: 'C1', signed: { by: 'Ana' } });
    expect(typesOf(await historyOf(h.sfn, arn))).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const again = await errorOf(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    );
    expect(again.name).toBe('TaskTimedOut');
    const unknown = await errorOf(
      h.sfn.send(new SendTaskSuccessCommand({ taskToken: 'not-a-token', output: '{}' })),
    );
    expect(unknown.name).toBe('InvalidToken');
  });

  it('fails the task with SendTaskFailure’s error and cause', async () => {
    const { machine, tokens } = await signatureMachine();
    const arn = await start(h.sfn, machine, { contractId: 'C2' });
    await eventually(async () => typesOf(await historyOf(h.sfn, arn)).includes('TaskSubmitted'));
    await h.sfn.send(
      new SendTaskFailureCommand({
        taskToken: tokens[0],
        error: 'SignatureDeclined',
        cause: 'The customer declined',
      }),
    );
    const done = await waitFor(h.sfn, arn);
    expect(done).toMatchObject({
      status: 'FAILED',
      error: 'SignatureDeclined',
      cause: 'The customer declined',
    });
  });

  it('times out without heartbeats (States.HeartbeatTimeout); heartbeats keep it alive', async () => {
    const { machine, tokens } = await signatureMachine({
      HeartbeatSeconds: 60,
      TimeoutSeconds: 600,
    });
    const arn = await start(h.sfn, machine, { contractId: 'C3' });
    await eventually(async () => typesOf(await historyOf(h.sfn, arn)).includes('TaskSubmitted'));
    h.clock.advance(50_000);
    await h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: tokens[0] }));
    h.clock.advance(50_000);
    h.service.poke();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await waitFor(h.sfn, arn, () => true)).status).toBe('RUNNING');
    h.clock.advance(15_000);
    h.service.poke();
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toMatchObject({ Error: 'States.HeartbeatTimeout' });
    const late = await errorOf(h.sfn.send(new SendTaskHeartbeatCommand({ taskToken: tokens[0] })));
    expect(late.name).toBe('TaskTimedOut');
  });

  it('accepts the callback even when it comes while the function is still running', async () => {
    const name = 'answers-itself';
    const fn = h.lambda.define(name, async (payload) => {
      const token = (payload as { token: string }).token;
      await h.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '"at once"' }));
      return returns({});
    });
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Ask',
      States: {
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Arguments: { FunctionName: fn, Payload: { token: '{% $states.context.Task.Token %}' } },
          End: true,
        },
      },
    });
    const arn = await start(h.sfn, machine, {});
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toBe('at once');
  });
});
