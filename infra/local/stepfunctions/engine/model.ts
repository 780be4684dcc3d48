/** What an execution is doing, as stored between steps. */

export type Variables = Record<string, unknown>;

/** A Lambda call that was scheduled: kept so a restart invokes exactly the same call again. */
export interface RunningTask {
  functionArn: string;
  payload: unknown;
  /** Resolved Arguments, shown in the TaskScheduled event. */
  parameters: unknown;
  /** When the task times out (States.Timeout), by the service's clock. */
  deadline: string;
}

/** The execution's position: the state it is in and how far that state has got. */
export interface Cursor {
  state: string;
  input: unknown;
  enteredAt: string;
  /** `ready`: run the state (again, after a retry back-off); `running`: a task call is out. */
  phase: 'ready' | 'running';
  /** Retries of this state so far ($states.context.State.RetryCount). */
  retryCount: number;
  /** Attempts used per Retry rule, by the rule's index. */
  retrierAttempts: number[];
  task?: RunningTask;
}

/** A history event before the store numbers it; `detailsKey` is e.g. `taskFailedEventDetails`. */
export interface EventDraft {
  type: string;
  detailsKey?: string;
  details?: Record<string, unknown>;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'TIMED_OUT';

export interface Closing {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: string;
  error?: string;
  cause?: string;
}

/**
 * One step of an execution: the events it appends, the new position and the next work,
 * written together in one transaction.
 */
export interface Transition {
  events: EventDraft[];
  cursor: Cursor | null;
  variables: Variables;
  closing?: Closing;
  /** When the execution next has work to do; null when it has none (it closed). */
  dueAt: Date | null;
}
