import type { ExecutionRecord } from '../store/executions';
import type { EvaluationScope } from './jsonata';
import type { Cursor } from './model';

/** The scope a state's expressions see: `$states` (input, context, …) and the variables. */
export function scopeFor(
  execution: ExecutionRecord,
  cursor: Cursor,
  now: Date,
  extra: { result?: unknown; errorOutput?: unknown } = {},
): EvaluationScope {
  return {
    stateName: cursor.state,
    now,
    variables: execution.variables,
    states: {
      input: cursor.input,
      ...extra,
      context: {
        Execution: {
          Id: execution.executionArn,
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
      },
    },
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
