import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountId,
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

const passMachine = (output: unknown = '{% $states.input %}') => ({
  QueryLanguage: 'JSONata',
  StartAt: 'Only',
  States: { Only: { Type: 'Pass', Output: output, End: true } },
});

/** A machine whose one task never answers, so its executions stay RUNNING. */
function hangingMachine() {
  const fn = h.lambda.define('never-answers', () => new Promise(() => {}));
  return {
    QueryLanguage: 'JSONata',
    StartAt: 'Hang',
    States: {
      Hang: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: { FunctionName: fn, Payload: {} },
        End: true,
      },
    },
  };
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('Expected the call to fail');
}

describe('state machines', () => {
  it('creates, describes, updates and lists state machines', async () => {
    const definition = JSON.stringify(passMachine());
    const created = await h.sfn.send(
      new CreateStateMachineCommand({
        name: 'invoice-run',
        definition,
        roleArn: `arn:aws:iam::${accountId}:role/desk`,
      }),
    );
    expect(created.stateMachineArn).toBe(
      `arn:aws:states:us-east-1:${accountId}:stateMachine:invoice-run`,
    );
    expect(created.creationDate).toBeInstanceOf(Date);
    expect(created.creationDate?.toISOString()).toBe(h.clock.now().toISOString());

    // Same name and definition again: the same machine, as on AWS.
    const again = await h.sfn.send(
      new CreateStateMachineCommand({
        name: 'invoice-run',
        definition,
        roleArn: 'arn:aws:iam::000000000000:role/other',
      }),
    );
    expect(again.stateMachineArn).toBe(created.stateMachineArn);
    expect(again.creationDate?.getTime()).toBe(created.creationDate?.getTime());

    const other = JSON.stringify(passMachine({ changed: true }));
    const conflict = await errorOf(
      h.sfn.send(
        new CreateStateMachineCommand({ name: 'invoice-run', definition: other, roleArn: 'r' }),
      ),
    );
    expect(conflict.name).toBe('StateMachineAlreadyExists');

    const described = await h.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect(described).toMatchObject({
      name: 'invoice-run',
      status: 'ACTIVE',
      type: 'STANDARD',
      definition,
      roleArn: `arn:aws:iam::${accountId}:role/desk`,
    });

    await h.sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn: created.stateMachineArn,
        definition: other,
      }),
    );
    const updated = await h.sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect(updated.definition).toBe(other);
    const run = await start(h.sfn, created.stateMachineArn as string, { x: 1 });
    expect(JSON.parse((await waitFor(h.sfn, run)).output ?? '')).toEqual({ changed: true });

    await createMachine(h.sfn, passMachine(), 'second-machine');
    const firstPage = await h.sfn.send(new ListStateMachinesCommand({ maxResults: 1 }));
    expect(firstPage.stateMachines).toHaveLength(1);
    expect(firstPage.nextToken).toBeTruthy();
    const names = [firstPage.stateMachines?.[0]?.name];
    let nextToken = firstPage.nextToken;
    while (nextToken) {
      const page = await h.sfn.send(new ListStateMachinesCommand({ maxResults: 1, nextToken }));
      names.push(...(page.stateMachines ?? []).map((m) => m.name));
      nextToken = page.nextToken;
    }
    expect(names).toEqual(expect.arrayContaining(['invoice-run', 'second-machine']));
  });

  it.each([
    ['not JSON', '{"StartAt":'],
    [
      'no StartAt',
      JSON.stringify({ QueryLanguage: 'JSONata', States: { A: { Type: 'Succeed' } } }),
    ],
    ['no States', JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'A' })],
    [
      'a missing Next target',
      JSON.stringify({
        QueryLanguage: 'JSONata',
        StartAt: 'A',
        States: { A: { Type: 'Pass', Next: 'B' } },
      }),
    ],
    [
      'JSONPath states',
      JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
    ],
  ])('rejects a definition with %s as InvalidDefinition', async (_, definition) => {
    const error = await errorOf(
      h.sfn.send(new CreateStateMachineCommand({ name: 'broken', definition, roleArn: 'r' })),
    );
    expect(error.name).toBe('InvalidDefinition');
  });

  it.each([
    ['Parallel without branches', { Type: 'Parallel', Branches: [], End: true }, 'Branches'],
    ['Map without ItemProcessor', { Type: 'Map', End: true }, 'ItemProcessor'],
    [
      'a distributed Map',
      {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'P',
          States: { P: { Type: 'Pass', End: true } },
        },
        End: true,
      },
      'distributed',
    ],
    [
      'an integration the product does not use',
      { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true },
      'sqs:sendMessage',
    ],
    ['an unknown field', { Type: 'Pass', Colour: 'red', End: true }, 'Colour'],
    ['a JSONPath-only field', { Type: 'Pass', OutputPath: '$.x', End: true }, 'OutputPath'],
    [
      'a JSONata syntax error',
      { Type: 'Pass', Output: '{% $states.input. %}', End: true },
      'JSONata',
    ],
    ['a bare top-level reference', { Type: 'Pass', Output: '{% leadId %}', End: true }, 'leadId'],
    [
      'a Wait with Seconds and Timestamp',
      { Type: 'Wait', Seconds: 1, Timestamp: 'x', End: true },
      'Seconds',
    ],
  ])('refuses %s at creation with InvalidDefinition', async (_, state, mentioned) => {
    const definition = JSON.stringify({
      QueryLanguage: 'JSONata',
      StartAt: 'S',
      States: { S: state },
    });
    const error = await errorOf(
      h.sfn.send(new CreateStateMachineCommand({ name: 'refused', definition, roleArn: 'r' })),
    );
    expect(error.name).toBe('InvalidDefinition');
    expect(error.message).toContain(mentioned);
    const validation = await h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition }));
    expect(validation.result).toBe('FAIL');
    expect(validation.diagnostics?.[0]?.severity).toBe('ERROR');
    expect(validation.diagnostics?.[0]?.message).toContain(mentioned);
  });

  it('validates a good definition as OK, and deletes a state machine idempotently', async () => {
    const definition = JSON.stringify(passMachine());
    const validation = await h.sfn.send(new ValidateStateMachineDefinitionCommand({ definition }));
    expect(validation).toMatchObject({ result: 'OK', diagnostics: [] });
    const arn = await createMachine(h.sfn, passMachine(), 'to-delete');
    await h.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    await h.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
    const gone = await errorOf(
      h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn })),
    );
    expect(gone.name).toBe('StateMachineDoesNotExist');
  });

  it('answers InvalidArn and StateMachineDoesNotExist like AWS', async () => {
    const malformed = await errorOf(
      h.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'not-an-arn' })),
    );
    expect(malformed.name).toBe('InvalidArn');
    const missing = await errorOf(
      h.sfn.send(
        new DescribeStateMachineCommand({
          stateMachineArn: `arn:aws:states:us-east-1:${accountId}:stateMachine:nobody`,
        }),
      ),
    );
    expect(missing.name).toBe('StateMachineDoesNotExist');
    const update = await errorOf(
      h.sfn.send(
        new UpdateStateMachineCommand({
          stateMachineArn: `arn:aws:states:us-east-1:${accountId}:stateMachine:nobody`,
          definition: JSON.stringify(passMachine()),
        }),
      ),
    );
    expect(update.name).toBe('StateMachineDoesNotExist');
  });
});

describe('executions', () => {
  it('starts by name idempotently while running; a closed name or other input is ExecutionAlreadyExists', async () => {
    const hanging = await createMachine(h.sfn, hangingMachine());
    const input = JSON.stringify({ leadId: 'L1' });
    const first = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: hanging, name: 'L1', input }),
    );
    const second = await h.sfn.send(
      new StartExecutionCommand({ stateMachineArn: hanging, name: 'L1', input }),
    );
    expect(second.executionArn).toBe(first.executionArn);
    expect(second.startDate?.getTime()).toBe(first.startDate?.getTime());
    expect(first.executionArn).toBe(
      `arn:aws:states:us-east-1:${accountId}:execution:${hanging.split(':').pop()}:L1`,
    );
    const otherInput = await errorOf(
      h.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: hanging,
          name: 'L1',
          input: '{"leadId":"L2"}',
        }),
      ),
    );
    expect(otherInput.name).toBe('ExecutionAlreadyExists');

    const quick = await createMachine(h.sfn, passMachine());
    const done = await start(h.sfn, quick, { a: 1 }, 'once');
    await waitFor(h.sfn, done);
    const closed = await errorOf(start(h.sfn, quick, { a: 1 }, 'once'));
    expect(closed.name).toBe('ExecutionAlreadyExists');
    const { executions } = await h.sfn.send(new ListExecutionsCommand({ stateMachineArn: quick }));
    expect(executions).toHaveLength(1);
  });

  it('names an unnamed execution with a uuid and describes it', async () => {
    const machine = await createMachine(h.sfn, passMachine());
    const arn = await start(h.sfn, machine, { greeting: 'γειά' });
    expect(arn.split(':').pop()).toMatch(/^[0-9a-f-]{36}$/);
    const done = await waitFor(h.sfn, arn);
    expect(done).toMatchObject({
      executionArn: arn,
      stateMachineArn: machine,
      status: 'SUCCEEDED',
      input: '{"greeting":"γειά"}',
      output: '{"greeting":"γειά"}',
    });
    expect(done.startDate).toBeInstanceOf(Date);
    expect(done.stopDate).toBeInstanceOf(Date);
  });

  it('rejects bad input, bad names and unknown ARNs with AWS’s error codes', async () => {
    const machine = await createMachine(h.sfn, passMachine());
    const badInput = await errorOf(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, input: '{nope' })),
    );
    expect(badInput.name).toBe('InvalidExecutionInput');
    const badName = await errorOf(
      h.sfn.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'has space' })),
    );
    expect(badName.name).toBe('InvalidName');
    const noMachine = await errorOf(
      start(h.sfn, `arn:aws:states:us-east-1:${accountId}:stateMachine:ghost`, {}),
    );
    expect(noMachine.name).toBe('StateMachineDoesNotExist');
    const badArn = await errorOf(
      h.sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:nope' })),
    );
    expect(badArn.name).toBe('InvalidArn');
    const ghost = `arn:aws:states:us-east-1:${accountId}:execution:ghost:run`;
    for (const command of [
      new DescribeExecutionCommand({ executionArn: ghost }),
      new GetExecutionHistoryCommand({ executionArn: ghost }),
      new StopExecutionCommand({ executionArn: ghost }),
    ]) {
      // biome-ignore lint/suspicious/noExplicitAny: three command types, one client call
      const error = await errorOf(h.sfn.send(command as any));
      expect(error.name).toBe('ExecutionDoesNotExist');
    }
  });

  it('stops a running execution: ABORTED with an ExecutionAborted event, and the task result is ignored', async () => {
    let answer: (value: ReturnType<typeof returns>) => void = () => {};
    const fn = h.lambda.define('answers-late', () => new Promise((resolve) => (answer = resolve)));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Slow',
      States: {
        Slow: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: fn },
          Next: 'After',
        },
        After: { Type: 'Succeed' },
      },
    });
    const arn = await start(h.sfn, machine, {}, 'to-stop');
    await eventually(async () => typesOf(await historyOf(h.sfn, arn)).includes('TaskStarted'));
    const { stopDate } = await h.sfn.send(
      new StopExecutionCommand({ executionArn: arn, error: 'Cancelled', cause: 'Lead withdrawn' }),
    );
    expect(stopDate).toBeInstanceOf(Date);
    const stopped = await h.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
    expect(stopped).toMatchObject({
      status: 'ABORTED',
      error: 'Cancelled',
      cause: 'Lead withdrawn',
    });
    const history = await historyOf(h.sfn, arn);
    expect(history.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Cancelled', cause: 'Lead withdrawn' },
    });
    // The Lambda answers after the stop: nothing more happens to the execution.
    answer(returns({ late: true }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await historyOf(h.sfn, arn)).toHaveLength(history.length);
    expect((await h.sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe(
      'ABORTED',
    );
  });

  it('lists executions newest first, by status, page by page', async () => {
    const fn = h.lambda.define('hold', () => new Promise(() => {}));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Route',
      States: {
        Route: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.hold %}', Next: 'Hold' }],
          Default: 'Done',
        },
        Hold: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: fn },
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    });
    const names: string[] = [];
    for (let i = 0; i < 5; i++) {
      h.clock.advance(1000);
      names.push(`run-${i}`);
      await start(h.sfn, machine, { hold: i % 2 === 0 }, `run-${i}`);
    }
    for (const name of ['run-1', 'run-3']) {
      await waitFor(
        h.sfn,
        `arn:aws:states:us-east-1:${accountId}:execution:${machine.split(':').pop()}:${name}`,
      );
    }
    const all: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.sfn.send(
        new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2, nextToken }),
      );
      expect((page.executions ?? []).length).toBeLessThanOrEqual(2);
      all.push(...(page.executions ?? []).map((e) => e.name as string));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(all).toEqual([...names].reverse());
    const succeeded = await h.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'SUCCEEDED' }),
    );
    expect(succeeded.executions?.map((e) => e.name)).toEqual(['run-3', 'run-1']);
    const running = await h.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: machine,
        statusFilter: 'RUNNING',
        maxResults: 2,
      }),
    );
    expect(running.executions?.map((e) => e.name)).toEqual(['run-4', 'run-2']);
    const rest = await h.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: machine,
        statusFilter: 'RUNNING',
        maxResults: 2,
        nextToken: running.nextToken,
      }),
    );
    expect(rest.executions?.map((e) => e.name)).toEqual(['run-0']);
    const badToken = await errorOf(
      h.sfn.send(new ListExecutionsCommand({ stateMachineArn: machine, nextToken: 'garbage' })),
    );
    expect(badToken.name).toBe('InvalidToken');
  });

  it('pages the history forwards and in reverse order', async () => {
    const fn = h.lambda.define('history-fn', () => returns({ ok: 1 }));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: fn },
          End: true,
        },
      },
    });
    const arn = await start(h.sfn, machine, {});
    await waitFor(h.sfn, arn);
    const all = await historyOf(h.sfn, arn);
    expect(all.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const reversed: number[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.sfn.send(
        new GetExecutionHistoryCommand({
          executionArn: arn,
          reverseOrder: true,
          maxResults: 4,
          nextToken,
        }),
      );
      expect((page.events ?? []).length).toBeLessThanOrEqual(4);
      reversed.push(...(page.events ?? []).map((e) => e.id as number));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(reversed).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const withoutData = await h.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: arn, includeExecutionData: false }),
    );
    expect(withoutData.events?.[0]?.executionStartedEventDetails?.input).toBeUndefined();
  });
});
