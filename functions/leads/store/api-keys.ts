import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, queryAll, type Table } from '../../shared/store/table';

/**
 * The API keys of `POST /leads`, stored hashed (`domain/api-key.ts`).
 *
 * | access pattern                        | keys                                                |
 * |---------------------------------------|-----------------------------------------------------|
 * | a key by id (every JSON lead post)    | pk = `API-KEYS`, sk = `KEY#<keyId>`                 |
 * | every key, oldest first (settings)    | pk = `API-KEYS`, sk begins with `KEY#`              |
 *
 * A desk has a handful of keys (one per client that posts leads): one partition holds them all.
 * A revoked key stays listed, with who revoked it and when; it is never accepted again.
 */

export interface ApiKeyRecord {
  keyId: string;
  /** What the manager called it: the client that uses it. */
  name: string;
  secretHash: string;
  createdAt: string;
  createdBy: { staffId: string; name: string };
  lastUsedAt?: string;
  revokedAt?: string;
  revokedBy?: { staffId: string; name: string };
}

export interface ApiKeyStore {
  /** Stores a new key; false if one with its id exists (nothing written). */
  create(key: ApiKeyRecord): Promise<boolean>;
  get(keyId: string): Promise<ApiKeyRecord | undefined>;
  list(): Promise<ApiKeyRecord[]>;
  /** Revokes a key not yet revoked; false if it is missing or was revoked before. */
  revoke(keyId: string, by: { staffId: string; name: string }, at: Date): Promise<boolean>;
  /** Notes a use; at most one write a minute per key, so a busy client costs few writes. */
  noteUse(keyId: string, at: Date): Promise<void>;
}

const pk = 'API-KEYS';
const keyOf = (keyId: string) => ({ pk, sk: `KEY#${keyId}` });
const useResolutionMs = 60_000;

function toRecord(item: Record<string, unknown>): ApiKeyRecord {
  const { pk: _pk, sk: _sk, entity: _entity, ...record } = item;
  return record as unknown as ApiKeyRecord;
}

export function apiKeyStore(table: Table): ApiKeyStore {
  return {
    async create(key) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: { ...keyOf(key.keyId), entity: 'api-key', ...key },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async get(keyId) {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: keyOf(keyId), ConsistentRead: true }),
      );
      return Item ? toRecord(Item) : undefined;
    },

    async list() {
      const items = await queryAll(table, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': 'KEY#' },
      });
      return items.map(toRecord);
    },

    async revoke(keyId, by, at) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: keyOf(keyId),
            UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': at.toISOString(), ':by': by },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async noteUse(keyId, at) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: keyOf(keyId),
            UpdateExpression: 'SET lastUsedAt = :at',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(lastUsedAt) OR lastUsedAt < :before)',
            ExpressionAttributeValues: {
              ':at': at.toISOString(),
              ':before': new Date(at.getTime() - useResolutionMs).toISOString(),
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    },
  };
}
