import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import {
  emailsTo,
  executionArn,
  sfnClient,
  uniqueAddress,
  waitForEmailsTo,
  waitForExecution,
} from '../../support/local-cloud-clients';
import type { LocalCloudEndpoints } from '../../support/local-cloud-context';
import { type LocalCloudProcess, startLocalCloudProcess } from '../../support/local-cloud-process';

/**
 * A crash in the middle of a workflow: the whole local cloud (Java included) is killed with
 * SIGKILL while a task waits to invoke its function, then started again on the same data.
 */
describe('the local cloud killed mid-workflow', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-restart-'));
  // The Step Functions service waits this long before invoking a task's function.
  const env = { DESK_LOCAL_TASK_DELAY_MS: '4000' };
  let running: LocalCloudProcess | undefined;

  afterAll(async () => {
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the execution after a restart, sends exactly one email, keeps the mailbox', async () => {
    running = await startLocalCloudProcess({ dataDir, env });
    const before: LocalCloudEndpoints = running.endpoints;

    // A lead acknowledged before the crash: its email must still be in the mailbox afterwards.
    const earlier = uniqueAddress('before-crash');
    await postLead(before, earlier, 'Nikos Georgiou', 'el');
    expect(await waitForEmailsTo(before, earlier)).toHaveLength(1);

    const address = uniqueAddress('restart');
    const leadId = await postLead(before, address, 'Ji-woo Park', 'ko');
    const arn = executionArn(before, 'lead-intake', leadId);
    await waitForTaskScheduled(before, arn);
    expect(await emailsTo(before, address)).toHaveLength(0);
    await running.kill();
    running = undefined;

    running = await startLocalCloudProcess({ dataDir, env });
    const after = running.endpoints;
    const execution = await waitForExecution(after, arn, 90_000);
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    expect(await waitForEmailsTo(after, address)).toHaveLength(1);
    expect(await emailsTo(after, earlier)).toHaveLength(1);
  }, 400_000);
});

async function postLead(
  cloud: LocalCloudEndpoints,
  email: string,
  name: string,
  language: string,
): Promise<string> {
  const response = await fetch(`${cloud.gatewayUrl}/leads`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${cloud.leadApiKey}`,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ name, email, country: 'GR', language, interest: 'Facility management' }),
  });
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { leadId: string }).leadId;
}

async function waitForTaskScheduled(cloud: LocalCloudEndpoints, arn: string): Promise<void> {
  const client = sfnClient(cloud);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      try {
        const history = await client.send(new GetExecutionHistoryCommand({ executionArn: arn }));
        if ((history.events ?? []).some((e) => e.type === 'TaskScheduled')) return;
      } catch (error) {
        if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
      }
      if (Date.now() > deadline) throw new Error(`No task was scheduled in ${arn}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    client.destroy();
  }
}
