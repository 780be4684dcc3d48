import { it } from 'vitest';
import { loadCases } from '../../conformance/cases';
import { FakeLambda, historyOf, startHarness, testClock, throws, createMachine, start } from './harness';

it('debug2', async () => {
  const c = loadCases().find((x) => x.id === 'error-names-parallel-retry-then-catch-branch-error')!;
  const lambda = new FakeLambda();
  lambda.define('fn-exception', () => throws('Exception', 'Some exception was raised.'));
  const clock = testClock();
  const h = await startHarness({ lambda, clock });
  const m = await createMachine(h.sfn, c.definition);
  const arn = await start(h.sfn, m, c.input);
  const show = async (label: string) =>
    console.log(label, clock.now().toISOString(), (await historyOf(h.sfn, arn)).map((e) => e.type).join(','));
  await new Promise((r) => setTimeout(r, 500));
  await show('before');
  clock.advance(1000); h.service.poke();
  await new Promise((r) => setTimeout(r, 500));
  await show('after1');
  clock.advance(1000); h.service.poke();
  await new Promise((r) => setTimeout(r, 500));
  await show('after2');
  await h.close();
});
