import { it } from 'vitest';
import { loadCases } from '../../conformance/cases';
import { runCase } from '../../conformance/run-case';

it('debug', async () => {
  const only = (process.env.CONFORMANCE_ONLY ?? '').split(',');
  const cases = loadCases().filter((c) => only.includes(c.id));
  await Promise.all(
    cases.map(async (c) => {
      const t = Date.now();
      const problems = await runCase(c).catch((e: Error) => [`run failed ${e.message}`]);
      console.log(`=== ${c.id} (${Date.now() - t} ms)\n${problems.join('\n')}`);
    }),
  );
});
