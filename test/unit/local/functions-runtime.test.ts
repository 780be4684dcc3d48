import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFunctions, bundleWorkerBootstrap } from '../../../infra/local/functions/bundle';
import {
  type FunctionsRuntime,
  startFunctionsRuntime,
} from '../../../infra/local/functions/runtime';
import type { FunctionDeclaration } from '../../../infra/manifest';

const dayMs = 86_400_000;
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const declare = (name: string, timeoutSeconds = 10): FunctionDeclaration => ({
  name,
  entry: join(fixtures, `${name}.ts`),
  description: name,
  uses: [],
  timeoutSeconds,
  memoryMb: 128,
});

describe('the local functions runtime', () => {
  const buildDir = mkdtempSync(join(tmpdir(), 'desk-runtime-'));
  let runtime: FunctionsRuntime;

  beforeAll(async () => {
    const declarations = [declare('report-environment'), declare('sleep', 1), declare('refuse')];
    const bundles = await bundleFunctions(declarations, '/', buildDir);
    runtime = startFunctionsRuntime({
      bundles,
      workerFile: await bundleWorkerBootstrap(buildDir),
      environment: (bundle) => ({ ONLY_THIS: bundle.declaration.name, TZ: 'UTC' }),
      functionArn: (name) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
      clockOffsetMs: () => dayMs,
      concurrency: 2,
      log: () => {},
    });
  }, 60_000);

  afterAll(async () => {
    await runtime?.stop();
    rmSync(buildDir, { recursive: true, force: true });
  });

  it('gives a function exactly its declared environment and a Lambda-like context', async () => {
    const outcome = await runtime.invoke(
      'arn:aws:lambda:us-east-1:000000000000:function:report-environment',
      {
        leadId: 'L1',
      },
    );
    expect(outcome.kind).toBe('returned');
    const payload = (outcome as { payload: Record<string, unknown> }).payload;
    expect(payload.event).toEqual({ leadId: 'L1' });
    // Nothing leaks from the process that runs the local cloud (PATH, HOME, …).
    expect(payload.environment).toEqual({ ONLY_THIS: 'report-environment', TZ: 'UTC' });
    expect(payload.functionName).toBe('report-environment');
    expect(payload.remainingMs).toBeGreaterThan(9000);
    expect(payload.remainingMs).toBeLessThanOrEqual(10_000);
  });

  it('shows handlers the local clock, moved a day ahead here, not the real time', async () => {
    const before = Date.now();
    const outcome = await runtime.invoke('report-environment', {});
    const payload = (outcome as { payload: { now: string; nowMs: number; isDate: boolean } })
      .payload;
    expect(payload.isDate).toBe(true);
    for (const seen of [new Date(payload.now).getTime(), payload.nowMs]) {
      expect(seen).toBeGreaterThanOrEqual(before + dayMs);
      expect(seen).toBeLessThan(Date.now() + dayMs + 1000);
    }
  });

  it('reports a thrown error by its name, as Lambda does', async () => {
    const outcome = await runtime.invoke('refuse', { leadId: 'L404' });
    expect(outcome).toMatchObject({
      kind: 'failed',
      errorType: 'LeadNotFound',
      errorMessage: 'No lead L404',
    });
  });

  it('ends a function that runs past its timeout, and the next call gets a fresh one', async () => {
    const started = Date.now();
    const outcome = await runtime.invoke('sleep', { ms: 5000 });
    expect(outcome).toEqual({
      kind: 'failed',
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await runtime.invoke('sleep', { ms: 10 })).toEqual({
      kind: 'returned',
      payload: { slept: 10 },
    });
  });

  it('runs one invocation per environment: more calls than environments wait their turn', async () => {
    const started = Date.now();
    const outcomes = await Promise.all([1, 2, 3].map(() => runtime.invoke('sleep', { ms: 400 })));
    for (const outcome of outcomes) expect(outcome.kind).toBe('returned');
    // Two environments: the third call starts when one is free.
    expect(Date.now() - started).toBeGreaterThanOrEqual(790);
  });

  it('answers an unknown function like Lambda does', async () => {
    expect(
      await runtime.invoke('arn:aws:lambda:us-east-1:000000000000:function:nope', {}),
    ).toMatchObject({
      kind: 'failed',
      errorType: 'Lambda.ResourceNotFoundException',
    });
  });
});
