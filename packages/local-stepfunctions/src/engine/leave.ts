import type { Branch, Catcher, Retrier, State } from '../definition';
import { StatesError } from '../errors';
import type { ExecutionRecord } from '../store/executions';
import * as events from './events';
import type { Cursor, EventDraft, Transition, Variables } from './model';
import { decideRetry, findCatcher } from './retry';
import { enterCursor, scopeFor } from './scope';
import { outputAndAssign, type StateOutcome } from './states/flow';

/** How a state is left: to the next state, to the end of the run, or through Retry/Catch. */

export interface StepContext {
  /** The run stepping: the execution itself, or a branch or iteration of it. */
  execution: ExecutionRecord;
  /** The run's states: the definition, or the branch the run executes. */
  definition: Branch;
  now: Date;
  arns: { region: string; accountId: string };
}

export function current(execution: ExecutionRecord): Cursor {
  if (!execution.cursor) throw new Error(`Execution ${execution.executionArn} has no position`);
  return execution.cursor;
}

export function stateOf(context: StepContext, cursor: Cursor): State {
  const state = context.definition.States[cursor.state];
  if (!state) throw new Error(`State '${cursor.state}' is not in the definition`);
  return state;
}

export function afterOutcome(
  context: StepContext,
  state: State,
  outcome: StateOutcome,
  done: EventDraft[],
): Transition {
  const { execution } = context;
  const name = current(execution).state;
  if (outcome.kind === 'fail') return failRun(execution, outcome.error, outcome.cause, done);
  const variables = { ...execution.variables, ...outcome.assigned };
  const exited = events.stateExited(state.Type, name, outcome.output, outcome.assigned);
  return enterNext(context, [...done, exited], outcome.output, outcome.next, variables);
}

/** Moves to `next` with `output` as its input, or ends the run when there is no next. */
export function enterNext(
  context: StepContext,
  done: EventDraft[],
  output: unknown,
  next: string | undefined,
  variables: Variables,
): Transition {
  const { now, execution } = context;
  if (next === undefined) {
    const { parent } = execution;
    const last =
      parent === undefined
        ? [events.executionSucceeded(output)]
        : parent.kind === 'map'
          ? [events.mapIteration('Succeeded', mapStateName(execution), parent.index)]
          : [];
    return {
      events: [...done, ...last],
      cursor: null,
      variables,
      closing: { status: 'SUCCEEDED', output: JSON.stringify(output) },
      dueAt: null,
    };
  }
  const nextState = context.definition.States[next] as State;
  return {
    events: [...done, events.stateEntered(nextState.Type, next, output)],
    cursor: enterCursor(next, output, now),
    variables,
    dueAt: now,
  };
}

/** An error in a state: its Retry, then its Catch; otherwise the run fails. */
export async function afterError(
  context: StepContext,
  state: State,
  error: StatesError,
  done: EventDraft[],
  options: {
    /** Events for when the state gives up (ParallelStateFailed): none before a retry. */
    givingUp?: EventDraft[];
    /** The error came from a branch or iteration, which recorded its EvaluationFailed. */
    fromChild?: boolean;
  } = {},
): Promise<Transition> {
  const { execution, now } = context;
  const { givingUp = [], fromChild = false } = options;
  const cursor = current(execution);
  const emitted = [...done];
  if (error.error === 'States.QueryEvaluationError' && !fromChild) {
    emitted.push(
      events.evaluationFailed(cursor.state, error.error, error.causeText, error.location),
    );
  }
  const recovery = state as { Retry?: Retrier[]; Catch?: Catcher[] };
  const recoverable = state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map';
  const aborted = branchAborted(execution, state);
  if (!recoverable) {
    return failRun(execution, error.error, error.causeText, [...emitted, ...givingUp, ...aborted]);
  }
  const retry = decideRetry(recovery.Retry, cursor.retrierAttempts, error.error);
  if (retry) {
    const wakeAt = new Date(now.getTime() + retry.delayMs);
    const again: Cursor = {
      ...cursor,
      phase: 'ready',
      task: undefined,
      block: undefined,
      wakeAt: wakeAt.toISOString(),
      retryCount: cursor.retryCount + 1,
      retrierAttempts: retry.retrierAttempts,
    };
    return { events: emitted, cursor: again, variables: execution.variables, dueAt: wakeAt };
  }
  emitted.push(...givingUp);
  const catcher = findCatcher(recovery.Catch, error.error);
  if (!catcher) return failRun(execution, error.error, error.causeText, [...emitted, ...aborted]);
  const errorOutput = error.output();
  try {
    const scope = scopeFor(execution, cursor, now, { errorOutput });
    const at = `Catch[${recovery.Catch?.indexOf(catcher)}]/`;
    const names = { output: `${at}Output`, assign: `${at}Assign` };
    const { output, assigned } = await outputAndAssign(catcher, scope, errorOutput, names);
    const variables = { ...execution.variables, ...assigned };
    const exited = events.stateExited(state.Type, cursor.state, output, assigned);
    return enterNext(context, [...emitted, exited], output, catcher.Next, variables);
  } catch (problem) {
    if (!(problem instanceof StatesError)) throw problem;
    // The catcher's own Output or Assign failed: recorded like any evaluation failure.
    const failed = events.evaluationFailed(
      cursor.state,
      problem.error,
      problem.causeText,
      problem.location,
    );
    return failRun(execution, problem.error, problem.causeText, [...emitted, failed]);
  }
}

/**
 * A Parallel branch that fails ends its state as aborted (`TaskStateAborted`), as AWS records;
 * a Map iteration reports MapIterationFailed instead, and a Fail state just fails.
 */
function branchAborted(execution: ExecutionRecord, state: State): EventDraft[] {
  if (execution.parent?.kind !== 'parallel' || state.Type === 'Fail') return [];
  return [events.stateAborted(state.Type)];
}

/** The run fails: the execution (ExecutionFailed), or a branch/iteration (reported to its parent). */
export function failRun(
  execution: ExecutionRecord,
  error: string,
  cause: string,
  done: EventDraft[],
): Transition {
  const { parent } = execution;
  const last =
    parent === undefined
      ? [events.executionFailed(error, cause)]
      : parent.kind === 'map'
        ? [events.mapIteration('Failed', mapStateName(execution), parent.index)]
        : [];
  return {
    events: [...done, ...last],
    cursor: null,
    variables: execution.variables,
    closing: { status: 'FAILED', error, cause },
    dueAt: null,
  };
}

/**
 * A child run whose parent moved on (a sibling failed, the execution stopped) ends; a Parallel
 * branch records its state as aborted (kept only while the execution still runs).
 */
export function abortRun(execution: ExecutionRecord, stateType: string | undefined): Transition {
  const aborted =
    execution.parent?.kind === 'parallel' && stateType ? [events.stateAborted(stateType)] : [];
  return {
    events: aborted,
    cursor: null,
    variables: execution.variables,
    closing: { status: 'ABORTED' },
    dueAt: null,
  };
}

function mapStateName(execution: ExecutionRecord): string {
  return execution.path?.at(-1)?.state ?? '';
}
