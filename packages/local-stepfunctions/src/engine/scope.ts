import type { ExecutionRecord } from '../store/executions';
import type { EvaluationScope } from './jsonata';
import type { Cursor } from './model';

export interface ScopeExtras {
  result?: unknown;
  errorOutput?: unknown;
  /** `.waitForTaskToken` Arguments: `$states.context.Task.Token`. */
  token?: string;
  /** Map ItemSelector: `$states.context.Map.Item`. */
  mapItem?: { index: number; value: unknown };
}

/** The scope a state's expressions see: `$states` (input, context, …) and the variables. */
export function scopeFor(
  execution: ExecutionRecord,
  cursor: Cursor,
  now: Date,
  extra: ScopeExtras = {},
): EvaluationScope {
  const { token, mapItem, ...results } = extra;
  const item = mapItem ?? execution.mapItem;
  const context: Record<string, unknown> = {
    Execution: {
      Id: execution.rootArn ?? execution.executionArn,
      Name: execution.name,
      StartTime: execution.startDate,
      Input: JSON.parse(execution.input),
      RoleArn: execution.roleArn,
      RedriveCount: 0,
    },
    State: { Name: cursor.state, EnteredTime: cursor.enteredAt, RetryCount: cursor.retryCount },
    StateMachine: {
      Id: execution.stateMachineArn,
      Name: execution.stateMachineArn.split(':').pop(),
    },
  };
  if (token !== undefined) context.Task = { Token: token };
  if (item) context.Map = { Item: { Index: item.index, Value: item.value } };
  return {
    stateName: cursor.state,
    enteredEventId: cursor.enteredEventId,
    now,
    variables: execution.variables,
    states: { input: cursor.input, ...results, context },
  };
}

/** A fresh position at the start of a state. */
export function enterCursor(state: string, input: unknown, now: Date): Cursor {
  return {
    state,
    input,
    enteredAt: now.toISOString(),
    phase: 'ready',
    retryCount: 0,
    retrierAttempts: [],
  };
}
