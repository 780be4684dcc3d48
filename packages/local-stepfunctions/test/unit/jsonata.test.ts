import { describe, expect, it } from 'vitest';
import { type EvaluationScope, evaluateField } from '../../src/engine/jsonata';

const scope = (input: unknown, variables: Record<string, unknown> = {}): EvaluationScope => ({
  stateName: 'Shape',
  states: { input, context: { Execution: { Name: 'run-1' } } },
  variables,
  now: new Date('2030-05-01T12:00:00.000Z'),
});

describe('evaluateField', () => {
  it('evaluates "{% %}" strings at any depth and keeps everything else as written', async () => {
    const value = await evaluateField(
      {
        literal: 'plain text with {% inside',
        sum: '{% $states.input.a + $states.input.b %}',
        nested: [{ name: '{% $uppercase($customer) %}' }, 7, null, true],
        run: '{% $states.context.Execution.Name %}',
      },
      scope({ a: 2, b: 3 }, { customer: 'acme' }),
      'Output',
    );
    expect(value).toEqual({
      literal: 'plain text with {% inside',
      sum: 5,
      nested: [{ name: 'ACME' }, 7, null, true],
      run: 'run-1',
    });
  });

  it('gives plain JSON arrays for JSONata sequences', async () => {
    const value = await evaluateField(
      '{% $states.input.items.id %}',
      scope({ items: [{ id: 1 }, { id: 2 }] }),
      'Output',
    );
    expect(value).toEqual([1, 2]);
    expect(Object.keys(value as object)).toEqual(['0', '1']);
  });

  it('reads the time from the scope, not the machine clock', async () => {
    expect(await evaluateField('{% $now() %}', scope({}), 'Output')).toBe(
      '2030-05-01T12:00:00.000Z',
    );
    expect(await evaluateField('{% $millis() %}', scope({}), 'Output')).toBe(
      Date.parse('2030-05-01T12:00:00.000Z'),
    );
  });

  it('offers Step Functions’ own functions', async () => {
    expect(await evaluateField('{% $parse(\'{"a":1}\').a %}', scope({}), 'Output')).toBe(1);
    expect(await evaluateField('{% $partition([1,2,3], 2) %}', scope({}), 'Output')).toEqual([
      [1, 2],
      [3],
    ]);
    expect(await evaluateField('{% $range(0, 6, 3) %}', scope({}), 'Output')).toEqual([0, 3, 6]);
    expect(await evaluateField('{% $hash("abc", "SHA-256") %}', scope({}), 'Output')).toMatch(
      /^ba7816bf/,
    );
    expect(await evaluateField('{% $uuid() %}', scope({}), 'Output')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('raises States.QueryEvaluationError naming the field for nothing or an error', async () => {
    await expect(
      evaluateField({ to: '{% $states.input.email %}' }, scope({}), 'Arguments'),
    ).rejects.toMatchObject({
      error: 'States.QueryEvaluationError',
      causeText: expect.stringContaining("'Arguments/to'"),
    });
    await expect(evaluateField('{% 1 + %}', scope({}), 'Output')).rejects.toMatchObject({
      error: 'States.QueryEvaluationError',
    });
  });

  it('words a thrown JSONata error as AWS does, with its code', async () => {
    await expect(
      evaluateField(
        { total: '{% $sum($states.input.amounts) %}' },
        scope({ amounts: 'x' }),
        'Arguments',
      ),
    ).rejects.toMatchObject({
      causeText:
        "An error occurred while executing the state 'Shape'. The JSONata expression '$sum($states.input.amounts)' specified for the field 'Arguments/total' threw an error during evaluation. T0412: Argument 1 of function \"sum\" must be an array of \"numbers\"",
      location: 'Arguments/total',
    });
    // AWS leaves $eval out: calling it is calling nothing.
    await expect(evaluateField("{% $eval('1') %}", scope({}), 'Output')).rejects.toMatchObject({
      causeText: expect.stringMatching(
        /threw an error during evaluation\. T1006: Attempted to invoke a non-function$/,
      ),
    });
  });

  it('refuses a function, lambda or regular expression as a result, at any depth', async () => {
    for (const expression of [
      '$sum',
      'function($x) { $x }',
      '/ab+c/',
      "{'f': $uuid}",
      '[1, $count]',
    ]) {
      await expect(evaluateField(`{% ${expression} %}`, scope({}), 'Output')).rejects.toMatchObject(
        {
          error: 'States.QueryEvaluationError',
          causeText: expect.stringContaining(
            `The JSONata expression '${expression}' specified for the field 'Output' returned an unsupported result type.`,
          ),
        },
      );
    }
  });
});
