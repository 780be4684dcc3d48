import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { describe, expect, it } from 'vitest';
import { findFunction, manifest } from '../../../infra/manifest';

describe.each(manifest.workflows)('workflow $name', (workflow) => {
  const text = readFileSync(workflow.file, 'utf8');
  const definition = JSON.parse(text);

  it('is valid Amazon States Language', () => {
    const { isValid, errorsText } = aslValidator(definition);
    expect(isValid, errorsText('\n')).toBe(true);
  });

  it('is written in JSONata, as AWS recommends for new state machines', () => {
    expect(definition.QueryLanguage).toBe('JSONata');
  });

  it('substitutes exactly the functions the manifest says it invokes', () => {
    const used = new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]));
    expect(used).toEqual(new Set(Object.keys(workflow.invokes)));
    for (const fn of Object.values(workflow.invokes)) expect(findFunction(fn).name).toBe(fn);
  });
});
