import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { executionArn, waitForExecution } from './local-cloud-clients';
import type { LocalCloudEndpoints } from './local-cloud-context';

/** A document client on the local cloud's table, for arranging what a test needs. */
export function localTable(cloud: LocalCloudEndpoints) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: cloud.dynamodbEndpoint,
      region: cloud.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  return { client, name: cloud.tableName };
}

/**
 * A lead sent through the public API, then given an owner and team (or left unassigned). From a
 * blocked domain, so its intake leaves it unassigned; it is changed only once the intake is over.
 */
export async function leadOwnedBy(
  cloud: LocalCloudEndpoints,
  owner?: { staffId: string; team: string },
): Promise<string> {
  const response = await fetch(`${cloud.gatewayUrl}/leads`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${cloud.leadApiKey}`,
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      name: 'Matrix Prospect',
      email: `matrix.${crypto.randomUUID()}@mailinator.com`,
      country: 'GR',
      language: 'en',
      interest: 'membership',
    }),
  });
  if (response.status !== 201) throw new Error(`POST /leads answered ${response.status}`);
  const { leadId } = (await response.json()) as { leadId: string };
  const intake = await waitForIntake(cloud, leadId);
  if (intake !== 'SUCCEEDED' && intake !== 'awaiting-review') {
    throw new Error(`The intake of ${leadId} ${intake}`);
  }
  if (owner) {
    const table = localTable(cloud);
    await table.client.send(
      new UpdateCommand({
        TableName: table.name,
        Key: { pk: `LEAD#${leadId}`, sk: 'LEAD' },
        UpdateExpression: 'SET ownerId = :owner, team = :team',
        ExpressionAttributeValues: { ':owner': owner.staffId, ':team': owner.team },
      }),
    );
    table.client.destroy();
  }
  return leadId;
}

/**
 * Waits until a lead's intake is over, or waits for its supervisor's review (a flagged lead):
 * either way the intake changes the lead no more until someone decides.
 */
export async function waitForIntake(
  cloud: LocalCloudEndpoints,
  leadId: string,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const table = localTable(cloud);
  try {
    for (;;) {
      const review = await table.client.send(
        new GetCommand({ TableName: table.name, Key: { pk: `LEAD#${leadId}`, sk: 'REVIEW' } }),
      );
      if (review.Item) return 'awaiting-review';
      const done = await waitForExecution(cloud, executionArn(cloud, 'lead-intake', leadId), 500)
        .then((e) => e.status ?? 'unknown')
        .catch(() => undefined);
      if (done) return done;
      if (Date.now() > deadline) throw new Error(`The intake of ${leadId} did not settle`);
    }
  } finally {
    table.client.destroy();
  }
}
