import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed, type Table } from '../../shared/store/table';

/**
 * Settings items.
 *
 * | access pattern                  | keys                                      |
 * |---------------------------------|-------------------------------------------|
 * | the business rules (one item)   | pk = `SETTINGS`, sk = `BUSINESS-RULES`    |
 *
 * The item holds `rules` and a `version`; every change is conditioned on the version it read.
 */
export interface StoredSettings {
  rules: unknown;
  version: number;
}

export interface SettingsStore {
  readBusinessRules(): Promise<StoredSettings | undefined>;
  /** Writes version 1 unless an item exists; false if one did. */
  seedBusinessRules(rules: unknown): Promise<boolean>;
  /** Replaces the rules if the stored version is `expectedVersion`; false if it was not. */
  replaceBusinessRules(rules: unknown, expectedVersion: number, savedAt: Date): Promise<boolean>;
}

const key = { pk: 'SETTINGS', sk: 'BUSINESS-RULES' };

export function settingsStore(table: Table): SettingsStore {
  return {
    async readBusinessRules() {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: key, ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return { rules: Item.rules, version: Number(Item.version) };
    },

    async seedBusinessRules(rules) {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: { ...key, rules, version: 1 },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async replaceBusinessRules(rules, expectedVersion, savedAt) {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: key,
            // Both names are DynamoDB reserved words.
            UpdateExpression: 'SET #rules = :rules, #version = :next, savedAt = :savedAt',
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#rules': 'rules', '#version': 'version' },
            ExpressionAttributeValues: {
              ':rules': rules,
              ':next': expectedVersion + 1,
              ':expected': expectedVersion,
              ':savedAt': savedAt.toISOString(),
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
