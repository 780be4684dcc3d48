import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Cursor, EventDraft, ExecutionStatus, Transition, Variables } from '../engine/model';
import {
  byMachineIndex,
  dueKey,
  dueShard,
  eventPrefix,
  eventSortKey,
  executionPartition,
  executionSortKey,
  leasedShard,
  workSortKey,
} from './keys';

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  roleArn: string;
  /** The definition the execution started with (a later update does not change it). */
  definition: string;
  /** Bumped by every step; each step is conditioned on the version it read. */
  version: number;
  /** Id of the last history event. */
  eventCount: number;
  cursor: Cursor | null;
  variables: Variables;
}

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
    return Item ? fromItem(Item) : undefined;
  }

  /**
   * Creates the execution with its first events and its first work item, unless an execution of
   * that name exists: then false (the caller decides between idempotent answer and conflict).
   */
  async create(
    execution: ExecutionRecord,
    events: EventDraft[],
    now: Date,
    dueAt: Date,
  ): Promise<boolean> {
    const record = { ...execution, version: 1, eventCount: events.length };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: toItem(record),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            ...this.eventPuts(execution.executionArn, 0, events, now),
            { Put: { TableName: this.tableName, Item: this.workItem(record, dueAt, undefined) } },
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
   * Applies one step atomically, conditioned on the version read. With `leaseOwner` (the work
   * loop) the work item must still be leased by it, and stays leased when the next work is due
   * now, so the same worker goes on. Returns false when someone else moved first.
   */
  async commit(
    execution: ExecutionRecord,
    transition: Transition,
    now: Date,
    leaseOwner?: string,
  ): Promise<ExecutionRecord | undefined> {
    const { executionArn } = execution;
    const next: ExecutionRecord = {
      ...execution,
      ...transition.closing,
      ...(transition.closing ? { stopDate: now.toISOString() } : {}),
      version: execution.version + 1,
      eventCount: execution.eventCount + transition.events.length,
      cursor: transition.cursor,
      variables: transition.variables,
    };
    const owned = leaseOwner
      ? {
          ConditionExpression: 'leaseOwner = :owner',
          ExpressionAttributeValues: { ':owner': leaseOwner },
        }
      : {};
    const workKey = { pk: executionPartition(executionArn), sk: workSortKey };
    const keepLease =
      leaseOwner && transition.dueAt && transition.dueAt <= now ? leaseOwner : undefined;
    const work = transition.dueAt
      ? {
          Put: {
            TableName: this.tableName,
            Item: this.workItem(next, transition.dueAt, keepLease),
            ...owned,
          },
        }
      : { Delete: { TableName: this.tableName, Key: workKey, ...owned } };
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: toItem(next),
                ConditionExpression: 'version = :version',
                ExpressionAttributeValues: { ':version': execution.version },
              },
            },
            ...this.eventPuts(executionArn, execution.eventCount, transition.events, now),
            work,
          ],
        }),
      );
      return next;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return undefined;
      throw error;
    }
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
        executions.push(fromItem(item));
        if (executions.length === options.limit) {
          const last = LastEvaluatedKey || item !== Items[Items.length - 1];
          return { executions, lastKey: last ? pageKey(item) : undefined };
        }
      }
      startKey = LastEvaluatedKey;
    } while (startKey);
    return { executions };
  }

  private eventPuts(executionArn: string, lastId: number, events: EventDraft[], now: Date) {
    return events.map((event, index) => {
      const id = lastId + index + 1;
      return {
        Put: {
          TableName: this.tableName,
          Item: {
            pk: executionPartition(executionArn),
            sk: eventSortKey(id),
            id,
            previousEventId: id - 1,
            timestamp: now.toISOString(),
            ...event,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    });
  }

  private workItem(execution: ExecutionRecord, dueAt: Date, leaseOwner: string | undefined) {
    return {
      pk: executionPartition(execution.executionArn),
      sk: workSortKey,
      executionArn: execution.executionArn,
      dueAt: dueAt.toISOString(),
      dueKey: dueKey(dueAt, execution.executionArn),
      dueShard: leaseOwner ? leasedShard : dueShard,
      ...(leaseOwner ? { leaseOwner } : {}),
    };
  }
}

/** The key DynamoDB would return after this item in the byMachine index. */
function pageKey(item: Record<string, unknown>): Key {
  return { pk: item.pk, sk: item.sk, machineArn: item.machineArn, startedKey: item.startedKey };
}

function toItem(execution: ExecutionRecord): Record<string, unknown> {
  const { cursor, variables, ...rest } = execution;
  return {
    pk: executionPartition(execution.executionArn),
    sk: executionSortKey,
    machineArn: execution.stateMachineArn,
    startedKey: `${execution.startDate}#${execution.name}`,
    ...rest,
    // JSON text keeps values exactly as the state machine produced them.
    cursorJson: JSON.stringify(cursor),
    variablesJson: JSON.stringify(variables),
  };
}

function fromItem(item: Record<string, unknown>): ExecutionRecord {
  const {
    pk: _pk,
    sk: _sk,
    machineArn: _m,
    startedKey: _s,
    cursorJson,
    variablesJson,
    ...rest
  } = item;
  return {
    ...(rest as unknown as ExecutionRecord),
    cursor: JSON.parse(String(cursorJson)),
    variables: JSON.parse(String(variablesJson)),
  };
}
