import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  type DecisionSteps,
  decisionSteps,
  type StepKey,
  type TaskCallback,
} from '../../../functions/shared/decisions/decision-step';
import type { SignedLink } from '../../../functions/shared/signed-link';
import { usedLinkKey } from '../../../functions/shared/store/used-links';
import { localTable } from '../../support/staff-fixtures';

/**
 * The decision step against the local table, with a workflow stand-in that remembers what it was
 * told and refuses tokens it no longer waits on, as Step Functions does.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
afterAll(() => table.client.destroy());

function workflow(gone: string[] = []) {
  const heard: { taskToken: string; output: unknown }[] = [];
  const callback: TaskCallback = {
    async succeed(taskToken, output) {
      if (gone.includes(taskToken)) return 'too-late';
      heard.push({ taskToken, output });
      return 'delivered';
    },
  };
  return { heard, steps: decisionSteps(table, callback) };
}

const newKey = (): StepKey => ({ pk: `TEST#${crypto.randomUUID()}`, sk: 'STEP#approval' });
const now = new Date();
const answer = (decision: string) => ({ decision, output: { decision } });
const read = async (key: StepKey) =>
  (
    await table.client.send(
      new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
    )
  ).Item;
async function waitingStep(steps: DecisionSteps, token = 't1') {
  const key = newKey();
  await steps.wait(key, { taskToken: token, requestedAt: now.toISOString() });
  return key;
}
const linkFor = (key: StepKey): SignedLink => ({
  linkId: crypto.randomUUID(),
  purpose: 'test-decision',
  subject: key.pk,
  expiresAt: new Date(now.getTime() + 86_400_000),
  locale: 'en',
});

describe('answers to a decision step', () => {
  it('the first answer decides and the workflow hears it once', async () => {
    const { heard, steps } = workflow();
    const key = await waitingStep(steps);
    await expect(steps.decide(key, answer('approve'), now)).resolves.toBe('decided');
    expect(heard).toEqual([{ taskToken: 't1', output: { decision: 'approve' } }]);
    expect(await read(key)).toMatchObject({ decision: 'approve' });
  });

  it('a second answer is told it was decided already and changes nothing', async () => {
    const { heard, steps } = workflow();
    const key = await waitingStep(steps);
    await steps.decide(key, answer('approve'), now);
    await expect(steps.decide(key, answer('reject'), now)).resolves.toBe('already-decided');
    expect(heard).toHaveLength(1);
    expect((await read(key))?.decision).toBe('approve');
  });

  it('a late answer (the token is gone) is told so; its effects and the link are taken back', async () => {
    const { heard, steps } = workflow(['t1']);
    const key = await waitingStep(steps);
    const link = linkFor(key);
    const done: string[] = [];
    const effects = () => ({
      apply: async () => done.push('apply'),
      revert: async () => done.push('revert'),
      note: async () => done.push('note'),
    });
    await expect(steps.decide(key, answer('approve'), now, { link, effects })).resolves.toBe(
      'too-late',
    );
    expect(heard).toEqual([]);
    expect(done).toEqual(['apply', 'revert']);
    expect((await read(key))?.decision).toBeUndefined();
    const used = await table.client.send(
      new GetCommand({ TableName: table.name, Key: usedLinkKey(link.linkId) }),
    );
    expect(used.Item).toBeUndefined();
  });

  it('an answer through a link used before is told so, and the step keeps waiting', async () => {
    const { heard, steps } = workflow();
    const first = await waitingStep(steps);
    const link = linkFor(first);
    await steps.decide(first, answer('approve'), now, { link });
    const other = await waitingStep(steps, 't2');
    await expect(steps.decide(other, answer('approve'), now, { link })).resolves.toBe('link-used');
    expect(heard.map((h) => h.taskToken)).toEqual(['t1']);
    expect((await read(other))?.decision).toBeUndefined();
  });

  it('escalated, a step that keeps waiting is decided on its new token', async () => {
    const { heard, steps } = workflow(['t1']);
    const key = await waitingStep(steps);
    await expect(steps.noteEscalation(key, now)).resolves.toBe(true);
    await expect(steps.noteEscalation(key, now)).resolves.toBe(false);
    await steps.wait(key, { taskToken: 't2', requestedAt: now.toISOString() });
    await expect(steps.decide(key, answer('reject'), now)).resolves.toBe('decided');
    expect(heard).toEqual([{ taskToken: 't2', output: { decision: 'reject' } }]);
  });

  it('escalated, a step that ends there takes no answer', async () => {
    const { heard, steps } = workflow();
    const key = await waitingStep(steps);
    await steps.noteEscalation(key, now);
    await expect(
      steps.decide(key, answer('approve'), now, { endsAtEscalation: true }),
    ).resolves.toBe('not-waiting');
    expect(heard).toEqual([]);
  });

  it('decided while the waiting step was retried, the new token gets the decision at once', async () => {
    const { heard, steps } = workflow();
    const key = await waitingStep(steps);
    await steps.decide(key, answer('approve'), now);
    const kept = await steps.wait(key, { taskToken: 't2', requestedAt: now.toISOString() });
    expect(kept.status).toBe('decided-already');
    expect(heard.at(-1)).toEqual({ taskToken: 't2', output: { decision: 'approve' } });
  });

  it('a step kept on the old record is answered through its legacy token, once', async () => {
    const { heard, steps } = workflow();
    const key = newKey();
    await expect(steps.decide(key, answer('approve'), now, { legacyToken: 'old' })).resolves.toBe(
      'decided',
    );
    await expect(steps.decide(key, answer('reject'), now, { legacyToken: 'old' })).resolves.toBe(
      'already-decided',
    );
    expect(heard).toEqual([{ taskToken: 'old', output: { decision: 'approve' } }]);
  });
});
