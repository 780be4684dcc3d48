import { randomBytes } from 'node:crypto';
import type { Definition, MapState, ParallelState, State, TaskState } from '../definition';
import { StatesError } from '../errors';
import type { ChildSlot } from '../store/executions';
import * as events from './events';
import { afterError, afterOutcome, current, enterNext, type StepContext, stateOf } from './leave';
import type { Cursor, EventDraft, RunningTask, Transition } from './model';
import { enterCursor, scopeFor } from './scope';
import { judgeBlock, openBlock, startMore } from './states/blocks';
import { runChoice } from './states/choice';
import { runFail } from './states/fail';
import { outputAndAssign } from './states/flow';
import { runPass } from './states/pass';
import { runSucceed } from './states/succeed';
import {
  lambdaInvokeResult,
  scheduleTask,
  type TaskOutcome,
  taskError,
  taskStyle,
} from './states/task';
import { waitUntil } from './states/wait';

export type { StepContext } from './leave';

/**
 * The interpreter: from a run's stored position, compute the next transition. Nothing here
 * writes or calls out; the worker commits what it returns and makes the Lambda calls.
 */

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

/** Runs the current state from its start; a Task comes back with the call to make (`invoke`). */
export async function runState(
  context: StepContext,
): Promise<{ transition: Transition; invoke?: RunningTask }> {
  const { execution, now } = context;
  const cursor = { ...current(execution), wakeAt: undefined };
  const state = stateOf(context, cursor);
  const run = { ...execution, cursor };
  try {
    if (state.Type === 'Task') return await scheduleCall({ ...context, execution: run }, state);
    if (state.Type === 'Parallel' || state.Type === 'Map') {
      return { transition: await openState({ ...context, execution: run }, state) };
    }
    const scope = scopeFor(execution, cursor, now);
    if (state.Type === 'Wait') {
      const until = await waitUntil(state, scope, new Date(cursor.enteredAt));
      if (until > now) {
        const waiting: Cursor = { ...cursor, phase: 'waiting', wakeAt: until.toISOString() };
        return {
          transition: { events: [], cursor: waiting, variables: execution.variables, dueAt: until },
        };
      }
      return { transition: await finishWait(context) };
    }
    const outcome = await runSimpleState(state, scope);
    return { transition: afterOutcome(context, state, outcome, []) };
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    // A Parallel or Map whose inputs fail to evaluate fails as a block (MapStateFailed).
    const givingUp =
      state.Type === 'Parallel' || state.Type === 'Map'
        ? [events.blockFailed(state.Type === 'Map' ? 'map' : 'parallel')]
        : [];
    return { transition: await afterError(context, state, error, [], { givingUp }) };
  }
}

function runSimpleState(
  state: Exclude<State, TaskState | ParallelState | MapState | { Type: 'Wait' }>,
  scope: ReturnType<typeof scopeFor>,
) {
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

async function scheduleCall(context: StepContext, state: TaskState) {
  const { execution, now } = context;
  const cursor = current(execution);
  // A callback task's token: opaque, unguessable, and recorded with the step that issues it.
  const token = taskStyle(state) === 'callback' ? randomBytes(48).toString('base64url') : undefined;
  const scope = scopeFor(execution, cursor, now, { token });
  const scheduled = await scheduleTask(state, scope, context.arns, token);
  const running: Cursor = { ...cursor, phase: 'running', task: scheduled.task };
  return {
    transition: {
      events: scheduled.events,
      cursor: running,
      variables: execution.variables,
      dueAt: now,
      token,
    },
    invoke: scheduled.task,
  };
}

/** A Wait state whose moment came: leave it with its Output and Assign. */
export async function finishWait(context: StepContext): Promise<Transition> {
  const { execution, now } = context;
  const cursor = current(execution);
  const state = stateOf(context, cursor) as Extract<State, { Type: 'Wait' }>;
  try {
    const scope = scopeFor(execution, cursor, now);
    const { output, assigned } = await outputAndAssign(state, scope, scope.states.input);
    const next = state.End ? undefined : state.Next;
    return afterOutcome(context, state, { kind: 'leave', output, assigned, next }, []);
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    return afterError(context, state, error, []);
  }
}

/** A callback task's Lambda call returned: it now waits for SendTaskSuccess/Failure. */
export function submitTask(context: StepContext, payload: unknown): Transition {
  const { execution, now } = context;
  const cursor = current(execution);
  const task = cursor.task as RunningTask;
  const heartbeatDeadline =
    task.heartbeatSeconds === undefined
      ? undefined
      : new Date(now.getTime() + task.heartbeatSeconds * 1000).toISOString();
  const waiting: Cursor = { ...cursor, phase: 'callback', task: { ...task, heartbeatDeadline } };
  waiting.wakeAt = nextDeadline(waiting.task as RunningTask);
  return {
    events: [events.taskSubmitted(lambdaInvokeResult(payload, now))],
    cursor: waiting,
    variables: execution.variables,
    dueAt: new Date(waiting.wakeAt),
  };
}

/** SendTaskHeartbeat: the heartbeat deadline moves on. */
export function recordHeartbeat(context: StepContext): Transition {
  const { execution, now } = context;
  const cursor = current(execution);
  const task = cursor.task as RunningTask;
  if (task.heartbeatSeconds === undefined) {
    return { events: [], cursor, variables: execution.variables, dueAt: new Date(task.deadline) };
  }
  const heartbeatDeadline = new Date(now.getTime() + task.heartbeatSeconds * 1000).toISOString();
  const next: Cursor = { ...cursor, task: { ...task, heartbeatDeadline } };
  if (cursor.phase === 'callback') next.wakeAt = nextDeadline(next.task as RunningTask);
  const dueAt = cursor.phase === 'callback' ? new Date(next.wakeAt as string) : now;
  return { events: [], cursor: next, variables: execution.variables, dueAt };
}

function nextDeadline(task: RunningTask): string {
  const { deadline, heartbeatDeadline } = task;
  return heartbeatDeadline && heartbeatDeadline < deadline ? heartbeatDeadline : deadline;
}

/** Which deadline of a waiting callback task passed, if any. */
export function passedDeadline(task: RunningTask, now: Date): TaskOutcome | undefined {
  if (task.heartbeatDeadline && now >= new Date(task.heartbeatDeadline)) {
    return { kind: 'heartbeat-timed-out' };
  }
  if (now >= new Date(task.deadline)) return { kind: 'timed-out' };
  return undefined;
}

/** Applies what came of the running task: its call's answer, a callback, or a deadline. */
export async function completeTask(
  context: StepContext,
  outcome: TaskOutcome,
): Promise<Transition> {
  const { execution, now } = context;
  const cursor = current(execution);
  const state = stateOf(context, cursor) as TaskState;
  const style = taskStyle(state);
  if (outcome.kind === 'returned') {
    // A callback's result is what SendTaskSuccess sent, as sent.
    const result =
      style === 'task' && cursor.phase === 'running'
        ? lambdaInvokeResult(outcome.payload, now)
        : outcome.payload;
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
  const timedOut = outcome.kind === 'timed-out' || outcome.kind === 'heartbeat-timed-out';
  const failed = events.taskEnded(timedOut ? 'TimedOut' : 'Failed', style, error, cause);
  return afterError(context, state, new StatesError(error, cause), [failed]);
}

/** A Parallel or Map state begins: its block opens and its first children start. */
async function openState(context: StepContext, state: ParallelState | MapState) {
  const { execution, now } = context;
  const cursor = current(execution);
  const { block, events: opened } = await openBlock(state, scopeFor(execution, cursor, now));
  const waiting: Cursor = { ...cursor, phase: 'children', block };
  return joinBlock({ ...context, execution: { ...execution, cursor: waiting } }, [], opened);
}

/**
 * A block's children reported (or it just opened): start more, wait, or leave the state with
 * the results in order ($states.result) or with the failure.
 */
export async function joinBlock(
  context: StepContext,
  slots: ChildSlot[],
  opened: EventDraft[] = [],
): Promise<Transition> {
  const { execution, now } = context;
  const cursor = current(execution);
  const state = stateOf(context, cursor) as ParallelState | MapState;
  const block = cursor.block;
  if (!block) throw new Error(`State '${cursor.state}' waits for children it did not record`);
  try {
    const verdict = judgeBlock(block, slots);
    if (verdict.kind === 'failed') {
      const error = new StatesError(verdict.error, verdict.cause);
      const givingUp = [events.blockFailed(block.kind)];
      // The state failed when its child did: a Retry's back-off counts from that moment.
      const failedAt = verdict.failedAt ? new Date(verdict.failedAt) : now;
      const at = { ...context, now: failedAt < now ? failedAt : now };
      return await afterError(at, state, error, opened, { givingUp, fromChild: true });
    }
    if (verdict.kind === 'done') {
      const result = verdict.results;
      const done = [...opened, events.blockSucceeded(block.kind)];
      const scope = scopeFor(execution, cursor, now, { result });
      const { output, assigned } = await outputAndAssign(state, scope, result);
      const next = state.End ? undefined : state.Next;
      return afterOutcome(context, state, { kind: 'leave', output, assigned, next }, done);
    }
    const more = await startMore(execution, cursor, state, block, verdict.running, now);
    const started = block.started + more.children.length;
    const waiting: Cursor = { ...cursor, block: { ...block, started } };
    // More to start than one step takes, and room for them: go on at once.
    const again =
      more.children.length > 0 &&
      started < block.total &&
      verdict.running + more.children.length < (block.maxConcurrency || Number.POSITIVE_INFINITY);
    return {
      events: [...opened, ...more.events],
      cursor: waiting,
      variables: execution.variables,
      dueAt: again ? now : null,
      children: more.children,
    };
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    return afterError(context, state, error, opened);
  }
}

export { enterNext };
