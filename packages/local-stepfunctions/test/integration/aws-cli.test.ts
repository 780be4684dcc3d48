import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type Harness, region, returns, startHarness } from '../support/harness';

const run = promisify(execFile);
const awsCli = '/usr/bin/aws';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Debian's AWS CLI v2 against the local service: JSON out, dummy credentials, no profile. */
async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await run(
    awsCli,
    ['stepfunctions', ...args, '--endpoint-url', h.service.url, '--output', 'json'],
    {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_DEFAULT_REGION: region,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_PAGER: '',
      },
    },
  );
  return stdout.trim() === '' ? {} : JSON.parse(stdout);
}

// A laptop without Debian's awscli skips this; CI installs it (.ci/run), so there it must run.
describe.skipIf(!existsSync(awsCli) && !process.env.CI)('the AWS CLI', () => {
  it('creates a machine, starts, describes, reads the history and sends a task success', async () => {
    const tokens: string[] = [];
    const fn = h.lambda.define('cli-approval', (payload) => {
      tokens.push((payload as { token: string }).token);
      return returns({});
    });
    const definition = JSON.stringify({
      QueryLanguage: 'JSONata',
      StartAt: 'Approve',
      States: {
        Approve: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Arguments: { FunctionName: fn, Payload: { token: '{% $states.context.Task.Token %}' } },
          End: true,
        },
      },
    });
    const created = await aws(
      'create-state-machine',
      '--name',
      'cli-approval',
      '--definition',
      definition,
      '--role-arn',
      'arn:aws:iam::000000000000:role/cli',
    );
    const machineArn = created.stateMachineArn as string;
    expect(machineArn).toMatch(/:stateMachine:cli-approval$/);
    const started = await aws(
      'start-execution',
      '--state-machine-arn',
      machineArn,
      '--name',
      'Q1',
      '--input',
      '{"quote":"Q1"}',
    );
    const executionArn = started.executionArn as string;
    await eventually(() => tokens.length === 1);
    const running = await aws('describe-execution', '--execution-arn', executionArn);
    expect(running).toMatchObject({ status: 'RUNNING', name: 'Q1', input: '{"quote":"Q1"}' });

    await aws(
      'send-task-success',
      '--task-token',
      tokens[0] as string,
      '--task-output',
      '{"approved":true}',
    );
    await eventually(
      async () =>
        (await aws('describe-execution', '--execution-arn', executionArn)).status === 'SUCCEEDED',
    );
    const done = await aws('describe-execution', '--execution-arn', executionArn);
    expect(JSON.parse(done.output as string)).toEqual({ approved: true });
    const history = await aws('get-execution-history', '--execution-arn', executionArn);
    const events = history.events as { type: string; id: number }[];
    expect(events.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // An unknown ARN comes back as AWS's error code, which the CLI prints.
    const missing = await aws(
      'describe-execution',
      '--execution-arn',
      `${executionArn.replace(':Q1', ':nobody')}`,
    ).catch((error: { stderr?: string }) => error.stderr ?? '');
    expect(String(missing)).toContain('ExecutionDoesNotExist');
  });
});
