import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createSignedLink, verifySignedLink } from '../../../functions/shared/signed-link';
import type { Table } from '../../../functions/shared/store/table';
import { usedLinkKey, usedLinkStore } from '../../../functions/shared/store/used-links';

/** Signed links used once, against DynamoDB Local: of many clicks at once exactly one wins. */

const cloud = inject('localCloud');
const client = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: cloud.dynamodbEndpoint,
    region: cloud.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  }),
);
const table: Table = { client, name: cloud.tableName };
const usedLinks = usedLinkStore(table);
afterAll(() => client.destroy());

const key = 'integration-signing-key-0123456789';

describe('single-use signed links', () => {
  it('are marked used by exactly one of ten simultaneous clicks', async () => {
    const now = new Date('2026-05-01T10:00:00Z');
    const expiresAt = new Date('2026-05-08T10:00:00Z');
    const { token } = createSignedLink(
      { purpose: 'quote-acceptance', subject: 'QUOTE#int-1', expiresAt, locale: 'de' },
      key,
    );
    const check = verifySignedLink(token, key, now, 'quote-acceptance');
    if (check.status !== 'valid') throw new Error(`link not valid: ${check.status}`);
    const link = check.link;

    const clicks = await Promise.all(
      Array.from({ length: 10 }, () =>
        usedLinks.markLinkUsed(link.linkId, {
          purpose: link.purpose,
          subject: link.subject,
          usedAt: now,
          linkExpiresAt: link.expiresAt,
        }),
      ),
    );
    expect(clicks.filter((c) => c === 'marked')).toHaveLength(1);
    expect(clicks.filter((c) => c === 'already-used')).toHaveLength(9);

    const { Item } = await client.send(
      new GetCommand({ TableName: cloud.tableName, Key: usedLinkKey(link.linkId) }),
    );
    expect(Item?.subject).toBe('QUOTE#int-1');
    // Kept for the table's TTL a month after the link itself expires.
    expect(Item?.expiresAt).toBeGreaterThan(expiresAt.getTime() / 1000);
  });
});
