import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Cursor, EventDraft, Transition } from '../engine/model';
import { eventItems, executionItem, workItem } from './items';
import {
  childSortKey,
  executionPartition,
  executionSortKey,
  timeoutSortKey,
  tokenPartition,
  tokenSortKey,
  workSortKey,
} from './keys';
import type { ExecutionRecord } from './records';

export interface StepWrite {
  run: ExecutionRecord;
  transition: Transition;
  now: Date;
  /** The work loop's lease: the run's work item must still be ours. */
  leaseOwner?: string;
}

type Item = Record<string, unknown>;

/**
 * Writes one step of a run in one transaction: the run conditioned on the version read, its
 * history events, its next work item, and what the step starts or ends (a task token, child
 * runs, the report to the parent). A child run's events go to the execution's history, so the
 * step also moves the execution's event counter, conditioned on the count read: when a sibling
 * took those ids first, the step is written again with the next ones.
 */
export async function commitStep(
  db: DynamoDBDocumentClient,
  tableName: string,
  get: (runId: string) => Promise<ExecutionRecord | undefined>,
  given: StepWrite,
): Promise<ExecutionRecord | undefined> {
  const { run } = given;
  let write = { ...given, transition: withOpening(run, given.transition) };
  for (let attempt = 0; attempt < 200; attempt++) {
    let root: ExecutionRecord | undefined;
    if (run.rootArn && write.transition.events.length > 0) {
      root = await get(run.rootArn);
      if (root?.status !== 'RUNNING') {
        // A stopped execution takes no more events; the run aborts when it next wakes, and
        // an aborting run closes without its events.
        if (write.transition.closing?.status !== 'ABORTED') return undefined;
        write = { ...write, transition: { ...write.transition, events: [] } };
        root = undefined;
      }
    }
    const outcome = await tryCommit(db, tableName, write, root);
    if (outcome !== 'history-moved') return outcome;
  }
  throw new Error(`Execution ${run.rootArn} kept moving while run ${run.executionArn} stepped`);
}

/** A child run's first step carries its opening events (not when it is aborted unstarted). */
function withOpening(run: ExecutionRecord, transition: Transition): Transition {
  if (!run.opening || transition.closing?.status === 'ABORTED') return transition;
  return { ...transition, events: [...run.opening, ...transition.events] };
}

/**
 * The cursor of a state entered in this step learns the id of its `…StateEntered` event: AWS
 * names it in evaluation errors ("entered at the event id #N").
 */
export function stampEntered(
  cursor: Cursor | null,
  events: EventDraft[],
  lastId: number,
): Cursor | null {
  if (!cursor || cursor.enteredEventId !== undefined) return cursor;
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index] as EventDraft;
    if (event.type.endsWith('StateEntered') && event.details?.name === cursor.state) {
      return { ...cursor, enteredEventId: lastId + index + 1 };
    }
  }
  return cursor;
}

async function tryCommit(
  db: DynamoDBDocumentClient,
  tableName: string,
  write: StepWrite,
  root: ExecutionRecord | undefined,
): Promise<ExecutionRecord | undefined | 'history-moved'> {
  const { run, transition, now, leaseOwner } = write;
  const events = transition.events;
  const lastId = root ? root.eventCount : run.eventCount;
  const next: ExecutionRecord = {
    ...run,
    ...transition.closing,
    ...(transition.closing ? { stopDate: now.toISOString() } : {}),
    version: run.version + 1,
    eventCount: root ? run.eventCount : run.eventCount + events.length,
    cursor: stampEntered(transition.cursor, events, lastId),
    variables: transition.variables,
    opening: undefined,
  };
  const items: Item[] = [
    {
      Put: {
        TableName: tableName,
        Item: executionItem(next),
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': run.version },
      },
    },
  ];
  if (root) {
    items.push({
      Update: {
        TableName: tableName,
        Key: { pk: executionPartition(root.executionArn), sk: executionSortKey },
        // The version moves too, so a step of the execution itself sees it changed.
        UpdateExpression: 'SET eventCount = :count, version = version + :one',
        ConditionExpression: 'eventCount = :read AND #status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':count': lastId + events.length,
          ':one': 1,
          ':read': lastId,
          ':running': 'RUNNING',
        },
      },
    });
  }
  items.push(...eventItems(tableName, run.rootArn ?? run.executionArn, lastId, events, now));
  items.push(workWrite(tableName, run.executionArn, transition, now, leaseOwner));
  if (transition.token) {
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          pk: tokenPartition(transition.token),
          sk: tokenSortKey,
          runId: run.executionArn,
          state: transition.cursor?.state,
          issued: now.toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
  }
  items.push(...timerRemoval(tableName, run, transition));
  items.push(...childWrites(tableName, run, next, transition, now));
  items.push(...reportToParent(tableName, run, transition, now));
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items as never }));
    return next;
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const reasons = error.CancellationReasons ?? [];
    if (root && reasons[0]?.Code === 'None' && reasons[1]?.Code === 'ConditionalCheckFailed') {
      return 'history-moved';
    }
    return undefined;
  }
}

function workWrite(
  tableName: string,
  runId: string,
  transition: Transition,
  now: Date,
  leaseOwner: string | undefined,
): Item {
  const owned = leaseOwner
    ? {
        ConditionExpression: 'leaseOwner = :owner',
        ExpressionAttributeValues: { ':owner': leaseOwner },
      }
    : {};
  if (!transition.dueAt) {
    const Key = { pk: executionPartition(runId), sk: workSortKey };
    return { Delete: { TableName: tableName, Key, ...owned } };
  }
  // Work due now stays leased, so the same worker goes straight on.
  const keepLease = leaseOwner && transition.dueAt <= now ? leaseOwner : undefined;
  return {
    Put: { TableName: tableName, Item: workItem(runId, transition.dueAt, keepLease), ...owned },
  };
}

/** An execution that closes (in any way) drops its timeout timer with the same step. */
function timerRemoval(tableName: string, run: ExecutionRecord, transition: Transition): Item[] {
  if (!run.timeoutAt || run.parent || !transition.closing) return [];
  const Key = { pk: executionPartition(run.executionArn), sk: timeoutSortKey };
  return [{ Delete: { TableName: tableName, Key } }];
}

function childWrites(
  tableName: string,
  run: ExecutionRecord,
  next: ExecutionRecord,
  transition: Transition,
  now: Date,
): Item[] {
  const block = transition.cursor?.block;
  if (!block) return [];
  return (transition.children ?? []).flatMap((child) => {
    const record: ExecutionRecord = {
      executionArn: child.runId,
      stateMachineArn: run.stateMachineArn,
      name: run.name,
      status: 'RUNNING',
      input: run.input,
      startDate: run.startDate,
      roleArn: run.roleArn,
      definition: run.definition,
      version: 1,
      eventCount: 0,
      cursor: {
        state: child.startAt,
        input: child.input,
        enteredAt: now.toISOString(),
        phase: 'ready',
        retryCount: 0,
        retrierAttempts: [],
      },
      opening: child.opening,
      // An inner scope reads the outer variables; what it assigns stays inside.
      variables: next.variables,
      rootArn: run.rootArn ?? run.executionArn,
      parent: { runId: run.executionArn, blockId: block.id, index: child.index, kind: block.kind },
      path: child.path,
      mapItem: child.mapItem,
    };
    return [
      {
        Put: {
          TableName: tableName,
          Item: executionItem(record),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      { Put: { TableName: tableName, Item: workItem(child.runId, now, undefined) } },
      {
        Put: {
          TableName: tableName,
          Item: {
            pk: executionPartition(run.executionArn),
            sk: childSortKey(block.id, child.index),
            runId: child.runId,
            index: child.index,
            status: 'RUNNING',
          },
        },
      },
    ];
  });
}

/** A closing child run records its outcome in its parent's slot and wakes the parent. */
function reportToParent(
  tableName: string,
  run: ExecutionRecord,
  transition: Transition,
  now: Date,
): Item[] {
  const { closing } = transition;
  if (!run.parent || !closing) return [];
  const values: Record<string, unknown> = {
    ':status': closing.status,
    ':running': 'RUNNING',
    ':closedAt': now.toISOString(),
  };
  const names: Record<string, string> = { '#status': 'status' };
  const sets = ['#status = :status', 'closedAt = :closedAt'];
  for (const field of ['output', 'error', 'cause'] as const) {
    if (closing[field] !== undefined) {
      sets.push(`#${field} = :${field}`);
      names[`#${field}`] = field;
      values[`:${field}`] = closing[field];
    }
  }
  return [
    {
      Update: {
        TableName: tableName,
        Key: {
          pk: executionPartition(run.parent.runId),
          sk: childSortKey(run.parent.blockId, run.parent.index),
        },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    { Put: { TableName: tableName, Item: workItem(run.parent.runId, now, undefined) } },
  ];
}
