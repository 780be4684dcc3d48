import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { machinesPartition } from './keys';

export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  definition: string;
  roleArn: string;
  type: 'STANDARD';
  creationDate: string;
  updateDate: string;
  revisionId: string;
}

export class StateMachineStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(name: string): Promise<StateMachineRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: machinesPartition, sk: name },
        ConsistentRead: true,
      }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  /** Stores a new machine; false when one of that name exists already. */
  async create(machine: StateMachineRecord): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: machinesPartition, sk: machine.name, ...machine },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Replaces a machine that exists (`revisionId` guards against a concurrent update). */
  async update(machine: StateMachineRecord, previousRevisionId: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: machinesPartition, sk: machine.name, ...machine },
          ConditionExpression: 'revisionId = :previous',
          ExpressionAttributeValues: { ':previous': previousRevisionId },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await this.db.send(
      new DeleteCommand({ TableName: this.tableName, Key: { pk: machinesPartition, sk: name } }),
    );
  }

  async list(
    limit: number,
    startKey: Record<string, unknown> | undefined,
  ): Promise<{ machines: StateMachineRecord[]; lastKey?: Record<string, unknown> }> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': machinesPartition },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { machines: Items.map(toRecord), lastKey: LastEvaluatedKey };
  }
}

function toRecord(item: Record<string, unknown>): StateMachineRecord {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as unknown as StateMachineRecord;
}
