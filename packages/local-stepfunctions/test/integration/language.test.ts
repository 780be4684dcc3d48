import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMachine,
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

describe('JSONata states', () => {
  it('runs Pass, Choice and Succeed with Output, Assign and Condition', async () => {
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Price',
      States: {
        Price: {
          Type: 'Pass',
          Assign: { customer: '{% $states.input.customer %}' },
          Output: { total: '{% $sum($states.input.lines.amount) %}', currency: 'EUR' },
          Next: 'Large?',
        },
        'Large?': {
          Type: 'Choice',
          Choices: [
            {
              Condition: '{% $states.input.total >= 1000 %}',
              Output: { size: 'large', total: '{% $states.input.total %}' },
              Next: 'Done',
            },
          ],
          Default: 'Small',
        },
        Small: {
          Type: 'Pass',
          Output: { size: 'small', total: '{% $states.input.total %}' },
          Next: 'Done',
        },
        Done: {
          Type: 'Succeed',
          Output: {
            customer: '{% $customer %}',
            size: '{% $states.input.size %}',
            total: '{% $states.input.total %}',
            state: '{% $states.context.State.Name %}',
            execution: '{% $states.context.Execution.Name %}',
          },
        },
      },
    });
    const large = await start(
      h.sfn,
      machine,
      { customer: 'Acme', lines: [{ amount: 700 }, { amount: 400 }] },
      'large-one',
    );
    const small = await start(h.sfn, machine, { customer: 'Bee', lines: [{ amount: 5 }] });
    const done = await waitFor(h.sfn, large);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({
      customer: 'Acme',
      size: 'large',
      total: 1100,
      state: 'Done',
      execution: 'large-one',
    });
    expect(JSON.parse((await waitFor(h.sfn, small)).output ?? '')).toMatchObject({
      customer: 'Bee',
      size: 'small',
      total: 5,
    });
    const history = await historyOf(h.sfn, large);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.map((e) => e.previousEventId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(history[0]?.timestamp).toBeInstanceOf(Date);
    expect(history[1]?.stateEnteredEventDetails).toMatchObject({
      name: 'Price',
      input: JSON.stringify({ customer: 'Acme', lines: [{ amount: 700 }, { amount: 400 }] }),
    });
    expect(history[2]?.stateExitedEventDetails).toMatchObject({
      name: 'Price',
      output: JSON.stringify({ total: 1100, currency: 'EUR' }),
      assignedVariables: { customer: '"Acme"' },
    });
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', async () => {
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Pick',
      States: {
        Pick: {
          Type: 'Choice',
          Choices: [{ Condition: '{% $states.input.n = 1 %}', Next: 'One' }],
        },
        One: { Type: 'Succeed' },
      },
    });
    const done = await waitFor(h.sfn, await start(h.sfn, machine, { n: 2 }));
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.NoChoiceMatched');
  });

  it('fails with the Fail state’s evaluated Error and Cause', async () => {
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Refuse',
      States: {
        Refuse: {
          Type: 'Fail',
          Error: 'LeadRejected',
          Cause: "{% 'Lead ' & $states.input.leadId & ' is a duplicate' %}",
        },
      },
    });
    const arn = await start(h.sfn, machine, { leadId: 'L1' });
    const done = await waitFor(h.sfn, arn);
    expect(done).toMatchObject({
      status: 'FAILED',
      error: 'LeadRejected',
      cause: 'Lead L1 is a duplicate',
    });
    const history = await historyOf(h.sfn, arn);
    expect(typesOf(history)).toEqual(['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed']);
    expect(history[2]?.executionFailedEventDetails).toEqual({
      error: 'LeadRejected',
      cause: 'Lead L1 is a duplicate',
    });
  });

  it('fails with States.QueryEvaluationError naming the field when an expression yields nothing', async () => {
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Shape',
      States: {
        Shape: { Type: 'Pass', Output: { email: '{% $states.input.contact.email %}' }, End: true },
      },
    });
    const arn = await start(h.sfn, machine, { contact: {} });
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('FAILED');
    expect(done.error).toBe('States.QueryEvaluationError');
    expect(done.cause).toContain("'Output/email'");
    expect(done.cause).toContain('Shape');
    expect(typesOf(await historyOf(h.sfn, arn))).toContain('EvaluationFailed');
  });

  it('reports a JSONata error (not a missing value) as States.QueryEvaluationError too', async () => {
    // Parses (a broken expression is refused at creation) but fails when evaluated.
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Bad',
      States: { Bad: { Type: 'Pass', Output: '{% $number("abc") + 1 %}', End: true } },
    });
    const done = await waitFor(h.sfn, await start(h.sfn, machine, {}));
    expect(done.error).toBe('States.QueryEvaluationError');
    expect(done.cause).toContain("field 'Output'");
  });

  it('uses the service clock for $now()', async () => {
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'When',
      States: { When: { Type: 'Pass', Output: { at: '{% $now() %}' }, End: true } },
    });
    const done = await waitFor(h.sfn, await start(h.sfn, machine, {}));
    expect(JSON.parse(done.output ?? '').at).toBe(h.clock.now().toISOString());
  });
});

describe('Task states', () => {
  it('invokes lambda:invoke with the evaluated Arguments and gives AWS’s result shape', async () => {
    const fn = h.lambda.define('quote-total', (payload) =>
      returns({ total: (payload as { qty: number }).qty * 7 }),
    );
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Total',
      States: {
        Total: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: fn, Payload: { qty: '{% $states.input.qty %}' } },
          Assign: { whole: '{% $states.result %}' },
          Output: '{% $states.result.Payload %}',
          Next: 'Report',
        },
        Report: {
          Type: 'Pass',
          Output: {
            status: '{% $whole.StatusCode %}',
            version: '{% $whole.ExecutedVersion %}',
            total: '{% $states.input.total %}',
          },
          End: true,
        },
      },
    });
    const arn = await start(h.sfn, machine, { qty: 3 });
    const done = await waitFor(h.sfn, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toEqual({ status: 200, version: '$LATEST', total: 21 });
    expect(h.lambda.callsTo('quote-total')).toEqual([{ qty: 3 }]);
    const history = await historyOf(h.sfn, arn);
    expect(typesOf(history).slice(0, 7)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'PassStateEntered',
    ]);
    expect(history[2]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
      parameters: JSON.stringify({ FunctionName: fn, Payload: { qty: 3 } }),
    });
    expect(history[3]?.taskStartedEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
    });
    const result = JSON.parse(history[4]?.taskSucceededEventDetails?.output ?? '');
    expect(result).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { total: 21 },
      StatusCode: 200,
    });
    expect(result.SdkHttpMetadata.HttpStatusCode).toBe(200);
  });

  it('calls a function ARN given as Resource with the payload itself (LambdaFunction* events)', async () => {
    const fn = h.lambda.define('echo', (payload) => returns({ echoed: payload }));
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Echo',
      States: { Echo: { Type: 'Task', Resource: fn, End: true } },
    });
    const arn = await start(h.sfn, machine, { a: 1 });
    const done = await waitFor(h.sfn, arn);
    expect(JSON.parse(done.output ?? '')).toEqual({ echoed: { a: 1 } });
    const history = await historyOf(h.sfn, arn);
    expect(typesOf(history)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(history[2]?.lambdaFunctionScheduledEventDetails).toMatchObject({
      resource: fn,
      input: '{"a":1}',
    });
  });
});
