import { DescribeExecutionCommand, type ExecutionStatus, SFNClient } from '@aws-sdk/client-sfn';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import type { LocalCloudEndpoints } from './local-cloud-context';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

export const sfnClient = (cloud: LocalCloudEndpoints) =>
  new SFNClient({ endpoint: cloud.sfnEndpoint, region: cloud.region, credentials });

export const stateMachineArn = (cloud: LocalCloudEndpoints, name: string) =>
  `arn:aws:states:${cloud.region}:000000000000:stateMachine:${name}`;

export const executionArn = (cloud: LocalCloudEndpoints, machine: string, execution: string) =>
  `arn:aws:states:${cloud.region}:000000000000:execution:${machine}:${execution}`;

/**
 * The local cloud's clock: tests share one cloud, and some move its clock on by days, so anything
 * dated for the cloud (a link's expiry, a date ahead) is dated from this, not `Date.now()`.
 */
export async function cloudNow(cloud: LocalCloudEndpoints): Promise<Date> {
  const clock = (await (await fetch(`${cloud.consoleUrl}/clock`)).json()) as { now: string };
  return new Date(clock.now);
}

/** Waits until an execution leaves RUNNING (it may not exist yet when we start waiting). */
export async function waitForExecution(
  cloud: LocalCloudEndpoints,
  arn: string,
  timeoutMs = 60_000,
): Promise<{
  status: ExecutionStatus | undefined;
  output?: string;
  error?: string;
  cause?: string;
}> {
  const client = sfnClient(cloud);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        const execution = await client.send(new DescribeExecutionCommand({ executionArn: arn }));
        if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
          return {
            status: execution.status,
            output: execution.output,
            error: execution.error,
            cause: execution.cause,
          };
        }
      } catch (error) {
        if ((error as Error).name !== 'ExecutionDoesNotExist') throw error;
      }
      if (Date.now() > deadline)
        throw new Error(`Execution ${arn} did not finish in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    client.destroy();
  }
}

/** Every email the SES endpoint holds for an address. */
export async function emailsTo(cloud: LocalCloudEndpoints, address: string): Promise<Email[]> {
  const response = await fetch(`${cloud.sesEndpoint}/store`);
  const store = (await response.json()) as { emails: Email[] };
  return store.emails.filter((e) => e.destination.to.some((to) => to.includes(address)));
}

/** Waits until at least one email reached the address, then a little longer to catch duplicates. */
export async function waitForEmailsTo(
  cloud: LocalCloudEndpoints,
  address: string,
  timeoutMs = 30_000,
): Promise<Email[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsTo(cloud, address);
    if (emails.length > 0) {
      await new Promise((r) => setTimeout(r, 1500));
      return emailsTo(cloud, address);
    }
    if (Date.now() > deadline) throw new Error(`No email reached ${address} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A unique address per test, so tests sharing one local cloud never see each other's mail. */
export const uniqueAddress = (label: string) =>
  `${label}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.org`;
