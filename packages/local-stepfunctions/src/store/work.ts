import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { workItem } from './items';
import {
  dueIndex,
  dueKey,
  dueKeyLimit,
  dueShard,
  executionPartition,
  leasedShard,
  workSortKey,
} from './keys';

/**
 * An execution's pending work, due at `dueAt` by the service's clock: its next step (`sk` WORK)
 * or its timeout timer (`sk` TIMEOUT).
 */
export interface WorkItem {
  executionArn: string;
  sk: string;
  dueAt: string;
  dueKey: string;
  leaseOwner?: string;
}

export class WorkStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Unleased work due at or before `now`, oldest first. */
  async due(now: Date, limit: number): Promise<WorkItem[]> {
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: dueIndex,
        KeyConditionExpression: 'dueShard = :shard AND dueKey < :limit',
        ExpressionAttributeValues: { ':shard': dueShard, ':limit': dueKeyLimit(now) },
        Limit: limit,
      }),
    );
    return Items as WorkItem[];
  }

  /** Takes the item for `owner`; false when another worker took it or the execution moved on. */
  async lease(item: WorkItem, owner: string): Promise<boolean> {
    return this.conditionalUpdate(item.executionArn, item.sk, {
      UpdateExpression: 'SET dueShard = :leased, leaseOwner = :owner',
      ConditionExpression: 'dueShard = :due AND dueKey = :key',
      ExpressionAttributeValues: {
        ':leased': leasedShard,
        ':owner': owner,
        ':due': dueShard,
        ':key': item.dueKey,
      },
    });
  }

  /** Gives the item back, due as before or at `dueAt`; false when it is not ours (any more). */
  async release(
    executionArn: string,
    owner: string,
    dueAt?: Date,
    sk: string = workSortKey,
  ): Promise<boolean> {
    const values: Record<string, unknown> = { ':due': dueShard, ':owner': owner };
    let update = 'SET dueShard = :due';
    if (dueAt) {
      update += ', dueAt = :dueAt, dueKey = :dueKey';
      values[':dueAt'] = dueAt.toISOString();
      values[':dueKey'] = dueKey(dueAt, executionArn);
    }
    return this.conditionalUpdate(executionArn, sk, {
      UpdateExpression: `${update} REMOVE leaseOwner`,
      ConditionExpression: 'leaseOwner = :owner',
      ExpressionAttributeValues: values,
    });
  }

  /**
   * Makes a run's work due now unless a worker holds it (that worker looks at the run afresh
   * before its next step anyway). Used to wake the children of a block that closed.
   */
  async wake(runId: string, now: Date): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: workItem(runId, now, undefined),
          ConditionExpression: 'attribute_not_exists(pk) OR dueShard = :due',
          ExpressionAttributeValues: { ':due': dueShard },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Deletes an item we hold whose execution has nothing left to do. */
  async remove(executionArn: string, owner: string, sk: string = workSortKey): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: executionPartition(executionArn), sk },
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': owner },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /**
   * Frees every item leased by another instance. Called on start: the local cloud runs one
   * service per table, so a lease not ours belongs to an instance that died mid-step.
   */
  async releaseAbandoned(owner: string): Promise<number> {
    let released = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: dueIndex,
          KeyConditionExpression: 'dueShard = :shard',
          ExpressionAttributeValues: { ':shard': leasedShard },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of Items as WorkItem[]) {
        if (item.leaseOwner && item.leaseOwner !== owner) {
          if (await this.release(item.executionArn, item.leaseOwner, undefined, item.sk)) {
            released++;
          }
        }
      }
      startKey = LastEvaluatedKey;
    } while (startKey);
    return released;
  }

  private async conditionalUpdate(
    executionArn: string,
    sk: string,
    update: {
      UpdateExpression: string;
      ConditionExpression: string;
      ExpressionAttributeValues: Record<string, unknown>;
    },
  ): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: executionPartition(executionArn), sk },
          ...update,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
