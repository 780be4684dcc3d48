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

const invokeTask = (functionArn: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: functionArn, Payload: '{% $states.input %}' },
  Output: '{% $states.result.Payload %}',
  ...extra,
});

/** Moves the clock in steps and lets the loop notice each move. */
async function advance(seconds: number) {
  h.clock.advance(seconds * 1000);
  h.service.poke();
}

describe('Retry', () => {
  it('retries a Lambda error after its back-off on the service clock, then succeeds', async () => {
    let calls = 0;
    const fn = h.lambda.define('flaky-mailer', () => {
      calls++;
      return calls < 3 ? throws('EmailNotSent', `SES said no (${calls})`) : returns({ sent: true });
    });
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Send',
      States: {
        Send: invokeTask(fn, {
          Retry: [
            { ErrorEquals: ['EmailNotSent'], IntervalSeconds: 30, MaxAttempts: 5, BackoffRate: 2 },
          ],
          Output: {
            sent: '{% $states.result.Payload.sent %}',
            retries: '{% $states.context.State.RetryCount %}',
          },
          End: true,
        }),
      },
    });
    const arn = await start(h.sfn, machine, { leadId: 'L1' });
    await eventually(() => calls === 1);
    // The back-off is 30 s: nothing happens while the clock stands still…
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toBe(1);
    // …29 s on, still nothing; at 30 s the second attempt runs.
    await advance(29);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(1);
    await advance(1);
    await eventually(() => calls === 2);
    // The second back-off doubles: 60 s.
    await advance(59);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(2);
    await advance(1);
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ sent: true, retries: 2 });
    const history = await historyOf(h.sfn, arn);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const failed = history[4]?.taskFailedEventDetails;
    expect(failed?.error).toBe('EmailNotSent');
    expect(JSON.parse(failed?.cause ?? '')).toEqual({
      errorMessage: 'SES said no (1)',
      errorType: 'EmailNotSent',
      trace: ['EmailNotSent: SES said no (1)', '    at handler (index.js:1:1)'],
    });
  });

  it('gives up after MaxAttempts and fails the execution with the last error', async () => {
    const fn = h.lambda.define('always-broken', () => throws('EmailNotSent', 'still down'));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Send',
      States: {
        Send: invokeTask(fn, {
          Retry: [
            {
              ErrorEquals: ['States.ALL'],
              IntervalSeconds: 1,
              MaxAttempts: 2,
              JitterStrategy: 'NONE',
            },
          ],
          End: true,
        }),
      },
    });
    const arn = await start(h.sfn, machine, {});
    await eventually(() => h.lambda.callsTo('always-broken').length === 1);
    await advance(1);
    await eventually(() => h.lambda.callsTo('always-broken').length === 2);
    await advance(2);
    const done = await waitFor(h.sfn, arn);
    expect(h.lambda.callsTo('always-broken')).toHaveLength(3);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('EmailNotSent');
    expect(JSON.parse(done.cause ?? '').errorMessage).toBe('still down');
    expect(typesOf(await historyOf(h.sfn, arn)).at(-1)).toBe('ExecutionFailed');
  });

  it('treats a broken function environment as Lambda.ServiceException, retried by its rule', async () => {
    let calls = 0;
    const fn = h.lambda.define('cold-start', () => {
      calls++;
      if (calls === 1) throw new Error('handler module failed to load');
      return returns({ ok: true });
    });
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Call',
      States: {
        Call: invokeTask(fn, {
          Retry: [{ ErrorEquals: ['Lambda.ServiceException'], IntervalSeconds: 1, MaxAttempts: 3 }],
          End: true,
        }),
      },
    });
    const arn = await start(h.sfn, machine, {});
    await eventually(() => calls === 1);
    await advance(1);
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    const failed = (await historyOf(h.sfn, arn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails?.error).toBe('Lambda.ServiceException');
  });
});

describe('Catch', () => {
  it('sends a caught error to the catcher’s Next with $states.errorOutput', async () => {
    const fn = h.lambda.define('refuses', () => throws('QuoteExpired', 'quote Q1 expired'));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Accept',
      States: {
        Accept: invokeTask(fn, {
          Catch: [
            {
              ErrorEquals: ['QuoteExpired'],
              Assign: { reason: '{% $states.errorOutput.Error %}' },
              Output: { quote: '{% $states.input.quoteId %}', error: '{% $states.errorOutput %}' },
              Next: 'Tell staff',
            },
          ],
          End: true,
        }),
        'Tell staff': {
          Type: 'Pass',
          Output: {
            quote: '{% $states.input.quote %}',
            reason: '{% $reason %}',
            message: '{% $parse($states.input.error.Cause).errorMessage %}',
          },
          End: true,
        },
      },
    });
    const arn = await start(h.sfn, machine, { quoteId: 'Q1' });
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({
      quote: 'Q1',
      reason: 'QuoteExpired',
      message: 'quote Q1 expired',
    });
    expect(typesOf(await historyOf(h.sfn, arn))).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('retries first and catches only when the retries are used up; errorOutput is the default output', async () => {
    const fn = h.lambda.define('down', () => throws('Unavailable', 'down'));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Try',
      States: {
        Try: invokeTask(fn, {
          Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 5, MaxAttempts: 1 }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Fallback' }],
          End: true,
        }),
        Fallback: { Type: 'Succeed' },
      },
    });
    const arn = await start(h.sfn, machine, {});
    await eventually(() => h.lambda.callsTo('down').length === 1);
    await advance(5);
    const done = await waitFor(h.sfn, arn);
    expect(h.lambda.callsTo('down')).toHaveLength(2);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toMatchObject({ Error: 'Unavailable' });
  });

  it('fails the execution with the task’s error when nothing catches it', async () => {
    const fn = h.lambda.define('unhandled', () => throws('LeadNotFound', 'no lead L9'));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Load',
      States: {
        Load: invokeTask(fn, {
          Catch: [{ ErrorEquals: ['SomethingElse'], Next: 'Never' }],
          End: true,
        }),
        Never: { Type: 'Succeed' },
      },
    });
    const arn = await start(h.sfn, machine, {});
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('LeadNotFound');
    expect(JSON.parse(done.cause ?? '')).toMatchObject({
      errorType: 'LeadNotFound',
      errorMessage: 'no lead L9',
    });
    const history = await historyOf(h.sfn, arn);
    expect(history.at(-1)?.executionFailedEventDetails?.error).toBe('LeadNotFound');
  });
});

describe('TimeoutSeconds', () => {
  it('times a task out by the service clock with States.Timeout, which Catch can handle', async () => {
    h.lambda.define('hangs', () => new Promise(() => {}));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Wait for it',
      States: {
        'Wait for it': invokeTask('hangs', {
          TimeoutSeconds: 120,
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Too slow' }],
          End: true,
        }),
        'Too slow': { Type: 'Pass', Output: '{% $states.input.Error %}', End: true },
      },
    });
    const arn = await start(h.sfn, machine, {});
    await eventually(() => h.lambda.callsTo('hangs').length === 1);
    await advance(119);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await waitFor(h.sfn, arn, () => true)).status).toBe('RUNNING');
    await advance(1);
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toBe('States.Timeout');
    expect(typesOf(await historyOf(h.sfn, arn))).toContain('TaskTimedOut');
  });
});
