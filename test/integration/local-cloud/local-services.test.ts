import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { describe, expect, inject, it } from 'vitest';
import { localArn, localNames } from '../../../infra/local/names';

const cloud = inject('localCloud');
const config = (endpoint: string) => ({
  endpoint,
  region: cloud.region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

describe('the local Secrets Manager', () => {
  const client = new SecretsManagerClient(config(cloud.secretsManagerEndpoint));

  it('holds the signing key, found by name or by ARN', async () => {
    const byName = await client.send(
      new GetSecretValueCommand({ SecretId: localNames.signingKeySecret }),
    );
    const byArn = await client.send(
      new GetSecretValueCommand({ SecretId: localArn.secret(localNames.signingKeySecret) }),
    );
    expect(byName.SecretString?.length).toBeGreaterThanOrEqual(32);
    expect(byArn.SecretString).toBe(byName.SecretString);
    const described = await client.send(
      new DescribeSecretCommand({ SecretId: localNames.signingKeySecret }),
    );
    expect(described.Name).toBe(localNames.signingKeySecret);
  });

  it('answers an unknown secret like AWS', async () => {
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: 'desk/nope' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });
});

describe('the local S3', () => {
  it('has the documents bucket', async () => {
    const client = new S3Client(config(cloud.s3Endpoint));
    await client.send(
      new PutObjectCommand({
        Bucket: localNames.documentsBucket,
        Key: 'licences/a.txt',
        Body: 'licence',
      }),
    );
    const object = await client.send(
      new GetObjectCommand({ Bucket: localNames.documentsBucket, Key: 'licences/a.txt' }),
    );
    expect(await object.Body?.transformToString()).toBe('licence');
  });
});

describe('the console', () => {
  it('lists the URLs a person needs', async () => {
    const page = await (await fetch(`${cloud.consoleUrl}/`)).text();
    expect(page).toContain(`${cloud.gatewayUrl}/forms/lead`);
    expect(page).toContain(`${cloud.sesEndpoint}/`);
  });

  it('runs a schedule on demand: the outbox retry job answers', async () => {
    const response = await fetch(`${cloud.consoleUrl}/schedules/outbox-retry/run`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: 'returned' });
    const unknown = await fetch(`${cloud.consoleUrl}/schedules/nope/run`, { method: 'POST' });
    expect(unknown.status).toBe(404);
  });

  it('moves the clock forward only, and the schedules follow it', async () => {
    const before = (await (await fetch(`${cloud.consoleUrl}/clock`)).json()) as {
      now: string;
      offsetMs: number;
    };
    const refused = await fetch(`${cloud.consoleUrl}/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ milliseconds: -5 }),
    });
    expect(refused.status).toBe(400);

    const hour = 3_600_000;
    const moved = await fetch(`${cloud.consoleUrl}/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ milliseconds: hour }),
    });
    const after = (await moved.json()) as { now: string; offsetMs: number };
    expect(after.offsetMs).toBe(before.offsetMs + hour);
    expect(new Date(after.now).getTime() - new Date(before.now).getTime()).toBeGreaterThanOrEqual(
      hour,
    );

    // The missed fires of the last hour ran (once), so the next one is in the clock's future.
    const [schedule] = (await (await fetch(`${cloud.consoleUrl}/schedules`)).json()) as {
      nextFireTime: string;
      lastFireTime: string;
    }[];
    expect(new Date(schedule?.nextFireTime ?? 0).getTime()).toBeGreaterThan(
      new Date(after.now).getTime(),
    );
    expect(
      new Date(after.now).getTime() - new Date(schedule?.lastFireTime ?? 0).getTime(),
    ).toBeLessThan(10 * 60_000);
  });
});

describe('the mailbox', () => {
  it('has a page and a JSON store', async () => {
    const page = await fetch(`${cloud.sesEndpoint}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const store = (await (await fetch(`${cloud.sesEndpoint}/store`)).json()) as {
      emails: unknown[];
    };
    expect(Array.isArray(store.emails)).toBe(true);
  });
});
