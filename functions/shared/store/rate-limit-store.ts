import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from './table';

/**
 * Counters of public form submissions per client address and hour.
 *
 * | access pattern                        | keys                                                |
 * |---------------------------------------|-----------------------------------------------------|
 * | submissions of one address in one     | pk = `RATE#<address>`, sk = `WINDOW#<window start>` |
 * |   window                              |   → count; `expiresAt` (TTL) an hour after the end  |
 */
export interface RateLimitStore {
  /** Counts one submission unless the window holds `limit` already; false when over. */
  count(address: string, windowStart: Date, limit: number, expiresAt: Date): Promise<boolean>;
}

export function rateLimitStore(table: Table): RateLimitStore {
  return {
    async count(address, windowStart, limit, expiresAt) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: { pk: `RATE#${address}`, sk: `WINDOW#${windowStart.toISOString()}` },
            UpdateExpression: 'ADD #count :one SET expiresAt = :expiresAt, entity = :entity',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: {
              ':one': 1,
              ':limit': limit,
              ':expiresAt': Math.floor(expiresAt.getTime() / 1000),
              ':entity': 'rate-window',
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },
  };
}
