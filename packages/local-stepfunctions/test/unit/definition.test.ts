import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../src/definition-check';

const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    QueryLanguage: 'JSONata',
    StartAt: Object.keys(states)[0],
    States: states,
    ...extra,
  });

function refusal(text: string): string {
  try {
    parseDefinition(text);
  } catch (error) {
    expect((error as Error).name).toBe('InvalidDefinition');
    return (error as Error).message;
  }
  throw new Error('Expected InvalidDefinition');
}

describe('parseDefinition', () => {
  it('accepts a state-level QueryLanguage under a JSONPath top level', () => {
    const text = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', QueryLanguage: 'JSONata', End: true } },
    });
    expect(parseDefinition(text).States.A?.Type).toBe('Pass');
  });

  it('refuses a blank definition, {} and a missing StartAt in AWS’s words', () => {
    const schema = (message: string) =>
      `Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ${message}'`;
    expect(refusal(' ')).toBe(schema('Definition must be a valid JSON object'));
    expect(refusal('[]')).toBe(schema('Definition must be a valid JSON object'));
    expect(refusal('{}')).toBe(schema('These fields are required: [States, StartAt] at /'));
    expect(refusal(JSON.stringify({ States: { A: { Type: 'Pass', End: true } } }))).toBe(
      schema('These fields are required: [StartAt] at /'),
    );
    expect(refusal(machine({ A: { Type: 'Pass', End: true } }, { TimeoutSeconds: 0 }))).toContain(
      'TimeoutSeconds',
    );
  });

  it('refuses broken definitions with a message saying what is wrong', () => {
    expect(refusal('nope')).toContain('not valid JSON');
    expect(refusal(machine({ A: { Type: 'Pass' } }))).toContain('Next or End');
    expect(refusal(machine({ A: { Type: 'Pass', Next: 'Z' } }))).toContain("'Z'");
    expect(refusal(machine({ A: { Type: 'Dance', End: true } }))).toContain('Dance');
    expect(refusal(machine({ A: { Type: 'Pass', End: true, ResultPath: '$.x' } }))).toContain(
      'ResultPath',
    );
    expect(refusal(machine({ A: { Type: 'Choice', Choices: [] } }))).toContain('Choices');
    expect(
      refusal(
        machine({
          A: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            End: true,
            Retry: [{ ErrorEquals: [] }],
          },
        }),
      ),
    ).toContain('ErrorEquals');
  });

  it('refuses what the service does not run as AWS does, saying so', () => {
    expect(
      refusal(
        machine({ A: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } }),
      ),
    ).toContain('not supported');
    expect(
      refusal(machine({ A: { Type: 'Wait', Seconds: 1, SecondsPath: '$.s', End: true } })),
    ).toContain('SecondsPath');
    expect(refusal(machine({ A: { Type: 'Pass', Output: '{% $ %}', End: true } }))).toContain(
      'top level',
    );
    expect(
      refusal(machine({ A: { Type: 'Pass', End: true }, B: { Type: 'Pass', End: true } })),
    ).toContain('UNREACHABLE_STATE');
  });
});
