import { beforeAll, describe, expect, it } from 'vitest';
import { type ConformanceCase, loadCases } from './cases';
import { requiredCoverage } from './coverage';
import { runCase } from './run-case';

/**
 * Issue 3's conformance suite: every case in `test/conformance/cases/` (behaviour recorded against
 * AWS or shown in its documentation) run on the local Step Functions service.
 */

const allCases = loadCases();
// CONFORMANCE_ONLY=id,id runs just those cases (while fixing one); the count checks use them all.
const only = process.env.CONFORMANCE_ONLY?.split(',');
const cases = only ? allCases.filter((c) => only.includes(c.id)) : allCases;
// Cases at once: each has its own service, table, clock and fake Lambdas, so they only share
// DynamoDB Local. A pool (not batches) keeps it busy: a slow case holds up no others.
const concurrency = 12;

const results = new Map<string, Promise<string[]>>();

beforeAll(() => {
  const queue = [...cases];
  const waiting = new Map<string, (problems: string[]) => void>();
  for (const c of cases) {
    results.set(c.id, new Promise((resolve) => waiting.set(c.id, resolve)));
  }
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      waiting.get(c.id)?.(await settle(c));
    }
  };
  for (let i = 0; i < concurrency; i++) void worker();
});

function settle(c: ConformanceCase): Promise<string[]> {
  return runCase(c).catch((error: Error) => [`run failed: ${error.name}: ${error.message}`]);
}

describe('conformance suite', () => {
  it('holds at least 150 cases', () => {
    expect(allCases.length).toBeGreaterThanOrEqual(150);
  });

  it('covers every state type, field, variable, function and error name of issue 3', () => {
    const covered = new Set(allCases.flatMap((c) => c.covers));
    expect(requiredCoverage.filter((tag) => !covered.has(tag))).toEqual([]);
  });

  describe.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    it(`${c.title} [${c.source.kind}: ${c.source.kind === 'aws-docs' ? c.source.url : c.source.test}]`, async () => {
      expect((await results.get(c.id))?.join('\n')).toBe('');
    });
  });
});
