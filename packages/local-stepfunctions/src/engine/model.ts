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
  timeoutSeconds: number;
  /** `.waitForTaskToken`: the token that completes the task. */
  token?: string;
  heartbeatSeconds?: number;
  /** When the task times out for want of a heartbeat (States.HeartbeatTimeout). */
  heartbeatDeadline?: string;
}

/** A Parallel or Map state waiting for its child runs (branches, iterations). */
export interface Block {
  id: string;
  kind: 'parallel' | 'map';
  total: number;
  /** Children created so far (a Map with MaxConcurrency starts them as others finish). */
  started: number;
  /** 0: no bound. */
  maxConcurrency: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  /** Map: the items; Parallel: the branch input (once). */
  items: unknown[];
}

/** The execution's position: the state it is in and how far that state has got. */
export interface Cursor {
  state: string;
  input: unknown;
  enteredAt: string;
  /**
   * `ready`: run the state (again, after a retry back-off); `running`: a task call is out;
   * `callback`: a callback task waits for its token; `waiting`: a Wait state waits;
   * `children`: a Parallel or Map waits for its branches or iterations.
   */
  phase: 'ready' | 'running' | 'callback' | 'waiting' | 'children';
  /** Nothing is to be done before this moment (a Wait, a back-off, a task's deadlines). */
  wakeAt?: string;
  /** Id of the history event that entered this state (AWS names it in evaluation errors). */
  enteredEventId?: number;
  /** Retries of this state so far ($states.context.State.RetryCount). */
  retryCount: number;
  /** Attempts used per Retry rule, by the rule's index. */
  retrierAttempts: number[];
  task?: RunningTask;
  block?: Block;
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

/** A child run to create with this step (a branch or an iteration). */
export interface ChildStart {
  runId: string;
  index: number;
  input: unknown;
  /** The Map item, for `$states.context.Map.Item`. */
  mapItem?: { index: number; value: unknown };
  path: { state: string; branch: number }[];
  startAt: string;
  /** Events the child writes with its first step (MapIterationStarted, its first state entered). */
  opening: EventDraft[];
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
  /** A task token to record (a callback task was scheduled). */
  token?: string;
  /** Child runs to start (a Parallel's branches, a Map's iterations). */
  children?: ChildStart[];
}
