import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMachine,
  eventually,
  type Harness,
  returns,
  start,
  startHarness,
  waitFor,
} from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('many executions', () => {
  it('runs executions side by side, at most 16 task calls at once, and finishes them all', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const waiting: (() => void)[] = [];
    const fn = h.lambda.define('slow-statement', async (payload) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await new Promise<void>((resolve) => waiting.push(resolve));
      running--;
      return returns({ account: (payload as { account: number }).account });
    });
    const machine = await createMachine(h.sfn, {
      QueryLanguage: 'JSONata',
      StartAt: 'Statement',
      States: {
        Statement: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: fn, Payload: '{% $states.input %}' },
          Output: '{% $states.result.Payload %}',
          End: true,
        },
      },
    });
    const arns: string[] = [];
    for (let account = 0; account < 20; account++) {
      arns.push(await start(h.sfn, machine, { account }));
    }
    await eventually(() => running === 16);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(running).toBe(16);
    // Let calls finish one at a time until all twenty have run.
    await eventually(() => {
      waiting.shift()?.();
      return h.lambda.callsTo('slow-statement').length === 20 && running === 0;
    });
    for (const [account, arn] of arns.entries()) {
      const done = await waitFor(h.sfn, arn);
      expect(JSON.parse(done.output ?? '')).toEqual({ account });
    }
    expect(mostAtOnce).toBe(16);
  });
});
