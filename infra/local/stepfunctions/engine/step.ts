import type { ArnScope } from '../arns';
import type { Definition, State, TaskState } from '../definition';
import { StatesError } from '../errors';
import type { ExecutionRecord } from '../store/executions';
import * as events from './events';
import type { Cursor, EventDraft, RunningTask, Transition } from './model';
import { decideRetry, findCatcher } from './retry';
import { enterCursor, scopeFor } from './scope';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { outputAndAssign, type StateOutcome } from './states/flow';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import {
  lambdaInvokeResult,
  scheduleTask,
  type TaskOutcome,
  taskError,
  taskStyle,
} from './states/task';

/**
 * The interpreter: from an execution's stored position, compute the next transition. Nothing here
 * writes or calls out; the worker commits what it returns and makes the Lambda calls.
 */
export interface StepContext {
  execution: ExecutionRecord;
  definition: Definition;
  now: Date;
  arns: ArnScope;
}

/** The first events of an execution and its position at StartAt. */
export function startExecution(
  definition: Definition,
  input: string,
  roleArn: string,
  now: Date,
): { events: EventDraft[]; cursor: Cursor } {
  const first = definition.States[definition.StartAt] as State;
  const value = JSON.parse(input);
  return {
    events: [
      events.executionStarted(input, roleArn),
      events.stateEntered(first.Type, definition.StartAt, value),
    ],
    cursor: enterCursor(definition.StartAt, value, now),
  };
}

/** Runs the current state; a Task comes back with the call to make (`invoke`). */
export async function runState(
  context: StepContext,
): Promise<{ transition: Transition; invoke?: RunningTask }> {
  const { execution, now } = context;
  const cursor = current(execution);
  const state = stateOf(context, cursor);
  const scope = scopeFor(execution, cursor, now);
  try {
    if (state.Type === 'Task') {
      const scheduled = await scheduleTask(state, scope, context.arns);
      const running: Cursor = { ...cursor, phase: 'running', task: scheduled.task };
      return {
        transition: {
          events: scheduled.events,
          cursor: running,
          variables: execution.variables,
          dueAt: now,
        },
        invoke: scheduled.task,
      };
    }
    const outcome = await runSimpleState(state, scope);
    return { transition: afterOutcome(context, state, outcome, []) };
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    return { transition: await afterError(context, state, error, []) };
  }
}

function runSimpleState(state: Exclude<State, TaskState>, scope: ReturnType<typeof scopeFor>) {
  switch (state.Type) {
    case 'Pass':
      return runPass(state, scope);
    case 'Choice':
      return runChoice(state, scope);
    case 'Succeed':
      return runSucceed(state, scope);
    case 'Fail':
      return runFail(state, scope);
  }
}

/** Applies what came of the running task's call. */
export async function completeTask(
  context: StepContext,
  outcome: TaskOutcome,
): Promise<Transition> {
  const { execution, now } = context;
  const cursor = current(execution);
  const state = stateOf(context, cursor) as TaskState;
  const style = taskStyle(state);
  if (outcome.kind === 'returned') {
    const result = style === 'task' ? lambdaInvokeResult(outcome.payload, now) : outcome.payload;
    const done = [events.taskSucceeded(style, result)];
    try {
      const scope = scopeFor(execution, cursor, now, { result });
      const { output, assigned } = await outputAndAssign(state, scope, result);
      const next = state.End ? undefined : state.Next;
      return afterOutcome(context, state, { kind: 'leave', output, assigned, next }, done);
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      return await afterError(context, state, error, done);
    }
  }
  const { error, cause } = taskError(outcome);
  const failed =
    outcome.kind === 'timed-out'
      ? events.taskTimedOut(style, cause)
      : events.taskFailed(style, error, cause);
  return afterError(context, state, new StatesError(error, cause), [failed]);
}

function afterOutcome(
  context: StepContext,
  state: State,
  outcome: StateOutcome,
  done: EventDraft[],
): Transition {
  const { execution } = context;
  const name = current(execution).state;
  if (outcome.kind === 'fail') return failExecution(execution, outcome.error, outcome.cause, done);
  const variables = { ...execution.variables, ...outcome.assigned };
  const exited = events.stateExited(state.Type, name, outcome.output, outcome.assigned);
  return enterNext(context, [...done, exited], outcome.output, outcome.next, variables);
}

/** Moves to `next` with `output` as its input, or ends the execution when there is no next. */
function enterNext(
  context: StepContext,
  done: EventDraft[],
  output: unknown,
  next: string | undefined,
  variables: Record<string, unknown>,
): Transition {
  const { now } = context;
  if (next === undefined) {
    return {
      events: [...done, events.executionSucceeded(output)],
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

/** An error in a state: a Task's Retry, then its Catch; otherwise the execution fails. */
async function afterError(
  context: StepContext,
  state: State,
  error: StatesError,
  done: EventDraft[],
): Promise<Transition> {
  const { execution, now } = context;
  const cursor = current(execution);
  const emitted = [...done];
  if (error.error === 'States.QueryEvaluationError') {
    emitted.push(events.evaluationFailed(cursor.state, error.error, error.causeText));
  }
  if (state.Type !== 'Task') return failExecution(execution, error.error, error.causeText, emitted);
  const retry = decideRetry(state.Retry, cursor.retrierAttempts, error.error);
  if (retry) {
    const again: Cursor = {
      ...cursor,
      phase: 'ready',
      task: undefined,
      retryCount: cursor.retryCount + 1,
      retrierAttempts: retry.retrierAttempts,
    };
    return {
      events: emitted,
      cursor: again,
      variables: execution.variables,
      dueAt: new Date(now.getTime() + retry.delayMs),
    };
  }
  const catcher = findCatcher(state.Catch, error.error);
  if (!catcher) return failExecution(execution, error.error, error.causeText, emitted);
  const errorOutput = { Error: error.error, Cause: error.causeText };
  try {
    const scope = scopeFor(execution, cursor, now, { errorOutput });
    const { output, assigned } = await outputAndAssign(catcher, scope, errorOutput, 'Catch/');
    const variables = { ...execution.variables, ...assigned };
    const exited = events.stateExited(state.Type, cursor.state, output, assigned);
    return enterNext(context, [...emitted, exited], output, catcher.Next, variables);
  } catch (problem) {
    if (!(problem instanceof StatesError)) throw problem;
    return failExecution(execution, problem.error, problem.causeText, emitted);
  }
}

function failExecution(
  execution: ExecutionRecord,
  error: string,
  cause: string,
  done: EventDraft[],
): Transition {
  return {
    events: [...done, events.executionFailed(error, cause)],
    cursor: null,
    variables: execution.variables,
    closing: { status: 'FAILED', error, cause },
    dueAt: null,
  };
}

function current(execution: ExecutionRecord): Cursor {
  if (!execution.cursor) throw new Error(`Execution ${execution.executionArn} has no position`);
  return execution.cursor;
}

function stateOf(context: StepContext, cursor: Cursor): State {
  const state = context.definition.States[cursor.state];
  if (!state) throw new Error(`State '${cursor.state}' is not in the definition`);
  return state;
}
