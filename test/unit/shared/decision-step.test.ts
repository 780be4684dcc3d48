import { describe, expect, it } from 'vitest';
import {
  type DecisionStep,
  handOverGraceMs,
  isTooLate,
  stepState,
  taskCallback,
} from '../../../functions/shared/decisions/decision-step';

const now = new Date('2026-03-02T10:00:00Z');
const earlier = (ms: number) => new Date(now.getTime() - ms).toISOString();
const waiting: DecisionStep<string> = { taskToken: 't1', requestedAt: earlier(1000) };
const decided: DecisionStep<string> = {
  ...waiting,
  decision: 'approve',
  decidedAt: earlier(1000),
  output: { decision: 'approve' },
  deliveredAt: earlier(500),
};
const escalated: DecisionStep<string> = { ...waiting, escalatedAt: earlier(100) };

const failing = (name: string) => ({
  send: async () => {
    const error = new Error(name);
    error.name = name;
    throw error;
  },
});

describe('where a decision step stands for an answer arriving now', () => {
  it.each([
    ['a first answer finds the step waiting', waiting, {}, 'waiting'],
    ['a second answer finds it decided', decided, {}, 'decided'],
    ['an answer to a step never asked for finds nobody waiting', undefined, {}, 'not-waiting'],
    [
      'an answer after an escalation that ends the step is too late',
      escalated,
      { endsAtEscalation: true },
      'not-waiting',
    ],
    ['an answer after an escalation that keeps waiting still decides', escalated, {}, 'waiting'],
    [
      'an answer while the first is being handed over finds it decided',
      { ...decided, deliveredAt: undefined },
      {},
      'decided',
    ],
    [
      'an answer after a hand-over cut short a while ago hands the first one over again',
      { ...decided, deliveredAt: undefined, decidedAt: earlier(handOverGraceMs + 1) },
      {},
      'unheard',
    ],
    [
      'a step decided the old way (no token, a decision) counts as decided',
      { decision: { decision: 'reject' }, requestedAt: earlier(1000) },
      {},
      'decided',
    ],
  ] as const)('%s', (_name, step, options, state) => {
    expect(stepState(step as DecisionStep | undefined, now, options)).toBe(state);
  });
});

describe('what Step Functions says about a token nobody waits on', () => {
  it.each(['InvalidToken', 'TaskTimedOut', 'TaskDoesNotExist'])(
    '%s means the answer came too late',
    async (name) => {
      expect(isTooLate(Object.assign(new Error(name), { name }))).toBe(true);
      const callback = taskCallback(failing(name) as never);
      await expect(callback.succeed('t1', {})).resolves.toBe('too-late');
    },
  );

  it('any other failure is thrown, for the caller to retry', async () => {
    const callback = taskCallback(failing('ThrottlingException') as never);
    await expect(callback.succeed('t1', {})).rejects.toThrow('ThrottlingException');
  });

  it('a token the workflow waits on is delivered with the output as JSON', async () => {
    const sent: unknown[] = [];
    const client = { send: async (command: { input: unknown }) => sent.push(command.input) };
    await expect(taskCallback(client as never).succeed('t1', { a: 1 })).resolves.toBe('delivered');
    expect(sent).toEqual([{ taskToken: 't1', output: '{"a":1}' }]);
  });
});
