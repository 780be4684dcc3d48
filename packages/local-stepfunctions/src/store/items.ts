import type { EventDraft } from '../engine/model';
import {
  dueKey,
  dueShard,
  eventSortKey,
  executionPartition,
  executionSortKey,
  leasedShard,
  workSortKey,
} from './keys';
import type { ExecutionRecord } from './records';

/** Item shapes of the service's table (see keys.ts for the access patterns). */

export function executionItem(execution: ExecutionRecord): Record<string, unknown> {
  const { cursor, variables, ...rest } = execution;
  return {
    pk: executionPartition(execution.executionArn),
    sk: executionSortKey,
    // Only executions are listed by machine; child runs (branches, iterations) are not.
    ...(execution.rootArn
      ? {}
      : {
          machineArn: execution.stateMachineArn,
          startedKey: `${execution.startDate}#${execution.name}`,
        }),
    ...rest,
    // JSON text keeps values exactly as the state machine produced them.
    cursorJson: JSON.stringify(cursor),
    variablesJson: JSON.stringify(variables),
  };
}

export function fromExecutionItem(item: Record<string, unknown>): ExecutionRecord {
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

export function eventItems(
  tableName: string,
  executionArn: string,
  lastId: number,
  events: EventDraft[],
  now: Date,
) {
  return events.map((event, index) => {
    const id = lastId + index + 1;
    return {
      Put: {
        TableName: tableName,
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

/** A due item: a run's next work (`WORK`) or an execution's timeout timer (`TIMEOUT`). */
export function workItem(
  runId: string,
  dueAt: Date,
  leaseOwner: string | undefined,
  sk: string = workSortKey,
) {
  return {
    pk: executionPartition(runId),
    sk,
    executionArn: runId,
    dueAt: dueAt.toISOString(),
    dueKey: dueKey(dueAt, runId),
    dueShard: leaseOwner ? leasedShard : dueShard,
    ...(leaseOwner ? { leaseOwner } : {}),
  };
}
