import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { EventDraft, Transition } from '../engine/model';
import { commitStep, stampEntered } from './commit';
import { eventItems, executionItem, fromExecutionItem, workItem } from './items';
import {
  byMachineIndex,
  childPrefix,
  eventPrefix,
  executionPartition,
  executionSortKey,
  timeoutSortKey,
  tokenPartition,
  tokenSortKey,
} from './keys';
import type { ChildSlot, ExecutionRecord } from './records';

export type { ChildSlot, ExecutionRecord } from './records';

export interface HistoryEventRecord {
  id: number;
  previousEventId: number;
  timestamp: string;
  type: string;
  detailsKey?: string;
  details?: Record<string, unknown>;
}

type Key = Record<string, unknown>;

export class ExecutionStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(executionArn: string): Promise<ExecutionRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: executionPartition(executionArn), sk: executionSortKey },
        ConsistentRead: true,
      }),
    );
    return Item ? fromExecutionItem(Item) : undefined;
  }

  /**
   * Creates the execution with its first events, its first work item and its timeout timer (if
   * any), unless an execution of that name exists: then false (the caller decides between
   * idempotent answer and conflict).
   */
  async create(
    execution: ExecutionRecord,
    events: EventDraft[],
    now: Date,
    dueAt: Date,
  ): Promise<boolean> {
    const record = {
      ...execution,
      version: 1,
      eventCount: events.length,
      cursor: stampEntered(execution.cursor, events, 0),
    };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: executionItem(record),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...eventItems(this.tableName, execution.executionArn, 0, events, now),
            {
              Put: {
                TableName: this.tableName,
                Item: workItem(record.executionArn, dueAt, undefined),
              },
            },
            ...(record.timeoutAt
              ? [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: workItem(
                        record.executionArn,
                        new Date(record.timeoutAt),
                        undefined,
                        timeoutSortKey,
                      ),
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        if (error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
      }
      throw error;
    }
  }

  /**
   * Applies one step atomically, conditioned on the version read (see commit.ts). Returns the
   * record as written, or undefined when someone else moved first.
   */
  async commit(
    execution: ExecutionRecord,
    transition: Transition,
    now: Date,
    leaseOwner?: string,
  ): Promise<ExecutionRecord | undefined> {
    return commitStep(this.db, this.tableName, (arn) => this.get(arn), {
      run: execution,
      transition,
      now,
      leaseOwner,
    });
  }

  /** The children of a Parallel or Map block, by index. */
  async children(parentRunId: string, blockId: string): Promise<ChildSlot[]> {
    const slots: ChildSlot[] = [];
    let startKey: Key | undefined;
    do {
      const { Items = [], LastEvaluatedKey } = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: {
            ':pk': executionPartition(parentRunId),
            ':prefix': `${childPrefix}${blockId}#`,
          },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      slots.push(...(Items as ChildSlot[]));
      startKey = LastEvaluatedKey;
    } while (startKey);
    return slots;
  }

  /** The run and state a task token belongs to, if the token was ever issued. */
  async token(token: string): Promise<{ runId: string; state: string } | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: tokenPartition(token), sk: tokenSortKey },
        ConsistentRead: true,
      }),
    );
    return Item ? { runId: String(Item.runId), state: String(Item.state) } : undefined;
  }

  async history(
    executionArn: string,
    options: { reverse: boolean; limit: number; startKey?: Key },
  ): Promise<{ events: HistoryEventRecord[]; lastKey?: Key }> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: {
          ':pk': executionPartition(executionArn),
          ':prefix': eventPrefix,
        },
        ScanIndexForward: !options.reverse,
        Limit: options.limit,
        ExclusiveStartKey: options.startKey,
        ConsistentRead: true,
      }),
    );
    const events = Items.map((item) => item as unknown as HistoryEventRecord);
    return { events, lastKey: LastEvaluatedKey };
  }

  /** Executions of a machine, newest first, optionally of one status. */
  async listByMachine(
    stateMachineArn: string,
    options: { status?: string; limit: number; startKey?: Key },
  ): Promise<{ executions: ExecutionRecord[]; lastKey?: Key }> {
    const executions: ExecutionRecord[] = [];
    let startKey = options.startKey;
    // A status filter is applied after DynamoDB's Limit, so keep reading until the page is full.
    do {
      const { Items = [], LastEvaluatedKey } = await this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: byMachineIndex,
          KeyConditionExpression: 'machineArn = :machine',
          ExpressionAttributeValues: { ':machine': stateMachineArn },
          ScanIndexForward: false,
          Limit: options.limit,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of Items) {
        if (options.status && item.status !== options.status) continue;
        executions.push(fromExecutionItem(item));
        if (executions.length === options.limit) {
          const last = LastEvaluatedKey || item !== Items[Items.length - 1];
          return { executions, lastKey: last ? pageKey(item) : undefined };
        }
      }
      startKey = LastEvaluatedKey;
    } while (startKey);
    return { executions };
  }
}

/** The key DynamoDB would return after this item in the byMachine index. */
function pageKey(item: Record<string, unknown>): Key {
  return { pk: item.pk, sk: item.sk, machineArn: item.machineArn, startedKey: item.startedKey };
}
