import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
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
  throws,
  typesOf,
  waitFor,
} from '../support/harness';

const harnesses: Harness[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const h of harnesses.splice(0)) await h.close();
});

async function harness(options: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}

const lambdaTask = (functionArn: string, extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: functionArn, Payload: { leadId: '{% $states.input.leadId %}' } },
  Output: '{% $states.result.Payload %}',
  ...extra,
});

const count = (types: (string | undefined)[], type: string) =>
  types.filter((t) => t === type).length;

describe('durability', () => {
  it('invokes a task again after the service stopped mid-call, and the execution succeeds once', async () => {
    const lambda = new FakeLambda();
    let calls = 0;
    const fn = lambda.define('acknowledge', () => {
      calls++;
      // The first call never answers: the service stops while it is out.
      return calls === 1 ? new Promise(() => {}) : returns({ outcome: 'sent' });
    });
    const h = await harness({ lambda });
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Acknowledge',
      States: { Acknowledge: lambdaTask(fn, { Next: 'Done' }), Done: { Type: 'Succeed' } },
    });
    const arn = await start(h.sfn, machine, { leadId: 'L7' }, 'L7');
    await eventually(() => calls === 1);
    await h.service.stop();

    await h.restart();
    const done = await waitFor(h.sfn, arn);
    expect(calls).toBe(2);
    expect(lambda.callsTo('acknowledge')).toEqual([{ leadId: 'L7' }, { leadId: 'L7' }]);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ outcome: 'sent' });
    const types = typesOf(await historyOf(h.sfn, arn));
    expect(count(types, 'TaskStateEntered')).toBe(1);
    expect(count(types, 'TaskSucceeded')).toBe(1);
    expect(count(types, 'ExecutionSucceeded')).toBe(1);
    expect(types.at(-1)).toBe('ExecutionSucceeded');
  });

  it('fires retry back-offs that fell due while the service was down, at once after the restart', async () => {
    const lambda = new FakeLambda();
    const attempts = new Map<string, number>();
    const fn = lambda.define('mailer', (payload) => {
      const lead = (payload as { leadId: string }).leadId;
      const n = (attempts.get(lead) ?? 0) + 1;
      attempts.set(lead, n);
      return n === 1 ? throws('EmailNotSent', 'SES throttled') : returns({ lead, attempt: n });
    });
    const clock = testClock();
    const h = await harness({ lambda, clock });
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Send',
      States: {
        Send: lambdaTask(fn, {
          Retry: [{ ErrorEquals: ['EmailNotSent'], IntervalSeconds: 600, MaxAttempts: 2 }],
          End: true,
        }),
      },
    });
    const leads = ['A', 'B', 'C'];
    const arns = [];
    for (const leadId of leads) arns.push(await start(h.sfn, machine, { leadId }));
    await eventually(() => leads.every((lead) => attempts.get(lead) === 1));
    await h.service.stop();
    clock.advance(3_600_000);

    await h.restart();
    for (const arn of arns) {
      const done = await waitFor(h.sfn, arn);
      expect(done.status).toBe('SUCCEEDED');
    }
    expect([...attempts.values()]).toEqual([2, 2, 2]);
  });

  it('times a task out at once after a restart when its deadline passed while the service was down', async () => {
    const lambda = new FakeLambda();
    const fn = lambda.define('stuck', () => new Promise(() => {}));
    const clock = testClock();
    const h = await harness({ lambda, clock });
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Stuck',
      States: { Stuck: lambdaTask(fn, { TimeoutSeconds: 60, End: true }) },
    });
    const arn = await start(h.sfn, machine, { leadId: 'L3' });
    await eventually(() => lambda.callsTo('stuck').length === 1);
    await h.service.stop();
    clock.advance(120_000);

    await h.restart();
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.Timeout');
    // Past its deadline the call is not made again.
    expect(lambda.callsTo('stuck')).toHaveLength(1);
    expect(typesOf(await historyOf(h.sfn, arn))).toContain('TaskTimedOut');
  });

  it('times an execution out at once after a restart when its TimeoutSeconds ran out while the service was down', async () => {
    const lambda = new FakeLambda();
    const fn = lambda.define('approver', () => returns({ asked: true }));
    const clock = testClock();
    const h = await harness({ lambda, clock });
    // A week-long wait for a customer's answer, within a machine that may run one day.
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      TimeoutSeconds: 86_400,
      StartAt: 'Ask',
      States: {
        Ask: lambdaTask(fn, { Next: 'Await answer' }),
        'Await answer': { Type: 'Wait', Seconds: 604_800, Next: 'Asked' },
        Asked: { Type: 'Succeed' },
      },
    });
    const arn = await start(h.sfn, machine, { leadId: 'L4' });
    await eventually(async () => typesOf(await historyOf(h.sfn, arn)).includes('WaitStateEntered'));
    await h.service.stop();
    clock.advance(86_400_000);

    await h.restart();
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('TIMED_OUT');
    expect(done.error).toBeUndefined();
    const history = await historyOf(h.sfn, arn);
    expect(history.at(-1)?.type).toBe('ExecutionTimedOut');
    expect(history.at(-1)?.executionTimedOutEventDetails).toEqual({ error: 'States.Timeout' });
    expect(count(typesOf(history), 'ExecutionTimedOut')).toBe(1);
  });

  it('survives kill -9 of the service process during a task: the restarted service runs it', async () => {
    const tableName = `sfn-crash-${randomUUID()}`;
    const clock = testClock();
    const child = spawn(process.execPath, ['--import', 'tsx', fixture('service-process.ts')], {
      env: {
        ...process.env,
        SFN_TEST_TASK_DELAY_MS: '60000',
        SFN_TEST_DYNAMODB_ENDPOINT: dynamodbEndpoint(),
        SFN_TEST_TABLE: tableName,
        SFN_TEST_CLOCK_MS: String(clock.now().getTime()),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    await eventually(() => output.includes('URL '), 30_000);
    const url = /URL (\S+)/.exec(output)?.[1] as string;
    const remote = sfnClient(url);
    const lambda = new FakeLambda();
    const fn = lambda.define('acknowledge', () => returns({ outcome: 'sent' }));
    const machine = await createMachine(remote, {
      QueryLanguage: 'JSONata',
      StartAt: 'Acknowledge',
      States: { Acknowledge: lambdaTask(fn, { End: true }) },
    });
    const arn = await start(remote, machine, { leadId: 'L9' }, 'L9');
    await eventually(async () => typesOf(await historyOf(remote, arn)).includes('TaskStarted'));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    remote.destroy();
    expect(output).not.toContain('LAMBDA CALLED');

    const h = await harness({ tableName, clock, lambda });
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(lambda.callsTo('acknowledge')).toEqual([{ leadId: 'L9' }]);
    const types = typesOf(await historyOf(h.sfn, arn));
    expect(count(types, 'TaskScheduled')).toBe(1);
    expect(count(types, 'TaskSucceeded')).toBe(1);
  });
});
