import { readFileSync } from 'node:fs';
import { parseDefinition } from '@customer-desk/local-stepfunctions';
import { describe, expect, it } from 'vitest';

/** The desk's workflows pass the local Step Functions service's definition checks as written. */
describe('parseDefinition', () => {
  it('accepts the project’s workflows', () => {
    const text = readFileSync('workflows/lead-intake.asl.json', 'utf8');
    const written = JSON.parse(text);
    const parsed = parseDefinition(text);
    expect(parsed.StartAt).toBe(written.StartAt);
    expect(Object.keys(parsed.States)).toEqual(Object.keys(written.States));
  });
});
