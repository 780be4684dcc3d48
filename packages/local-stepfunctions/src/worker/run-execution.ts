import { setTimeout as sleep } from 'node:timers/promises';
import type { ArnScope } from '../arns';
import type { Clock } from '../clock';
import { type Branch, branchAt, type Definition } from '../definition';
import { parseDefinition } from '../definition-check';
import { abortRun } from '../engine/leave';
import type { RunningTask, Transition } from '../engine/model';
import type { TaskOutcome } from '../engine/states/task';
import {
  completeTask,
  finishWait,
  joinBlock,
  passedDeadline,
  runState,
  type StepContext,
  submitTask,
} from '../engine/step';
import type { LambdaInvoker } from '../lambda';
import type { ExecutionRecord, ExecutionStore } from '../store/executions';
import type { WorkStore } from '../store/work';
import type { ClockWaits } from './clock-waits';

export interface RunnerDeps {
  executions: ExecutionStore;
  work: WorkStore;
  arns: ArnScope;
  clock: Clock;
  invokeLambda: LambdaInvoker;
  taskDelayMs: number;
  owner: string;
  waits: ClockWaits;
  /** Resolves when the service stops: a step in progress is abandoned, never committed. */
  stopped: Promise<void>;
  isStopped: () => boolean;
}

const definitions = new Map<string, Definition>();

/** The states a run executes: the definition, or the branch its path leads to. */
export function branchOf(run: ExecutionRecord): Branch {
  let definition = definitions.get(run.definition);
  if (!definition) {
    definition = parseDefinition(run.definition);
    definitions.set(run.definition, definition);
  }
  return branchAt(definition, run.path ?? []);
}

/**
 * Moves one run (an execution, or a branch or iteration of one) on while its work item is leased
 * to us and due: one step at a time, each committed before the next begins. Returns when the next
 * work lies in the future, the run closed or waits for others, someone else moved it, or the
 * service stopped.
 */
export async function runExecution(deps: RunnerDeps, runId: string): Promise<void> {
  for (;;) {
    if (deps.isStopped()) return;
    const execution = await deps.executions.get(runId);
    const cursor = execution?.cursor;
    if (execution?.status !== 'RUNNING' || !cursor) {
      // Nothing to do: a late wake-up of a closed run.
      await deps.work.remove(runId, deps.owner);
      return;
    }
    const now = deps.clock.now();
    const context: StepContext = {
      execution,
      definition: branchOf(execution),
      now,
      arns: deps.arns,
    };
    if (execution.parent && !(await parentWaits(deps, execution))) {
      const stateType = context.definition.States[cursor.state]?.Type;
      await commit(deps, execution, abortRun(execution, stateType), now);
      return;
    }
    // Woken before its time (a late report from a child run): sleep on until then.
    if (cursor.wakeAt && cursor.phase !== 'running' && now < new Date(cursor.wakeAt)) {
      await deps.work.release(runId, deps.owner, new Date(cursor.wakeAt));
      return;
    }
    let current = execution;
    let transition: Transition | undefined;
    switch (cursor.phase) {
      case 'ready': {
        const step = await runState(context);
        const committed = await commit(deps, execution, step.transition, now);
        if (!committed) return;
        if (!step.invoke) {
          if (isDueNow(step.transition, now)) continue;
          return;
        }
        current = committed;
        transition = await callTask(deps, committed, step.invoke);
        break;
      }
      case 'running':
        // After a restart the call's fate is unknown: call again (at-least-once, like AWS).
        transition = await callTask(deps, execution, cursor.task as RunningTask);
        break;
      case 'callback': {
        const outcome = passedDeadline(cursor.task as RunningTask, now);
        if (!outcome) {
          await deps.work.release(runId, deps.owner, new Date(cursor.task?.deadline as string));
          return;
        }
        transition = await completeTask(context, outcome);
        break;
      }
      case 'waiting':
        transition = await finishWait(context);
        break;
      case 'children': {
        const slots = await deps.executions.children(runId, cursor.block?.id as string);
        transition = await joinBlock(context, slots);
        break;
      }
    }
    if (!transition) return;
    const at = deps.clock.now();
    if (!(await commit(deps, current, transition, at))) return;
    if (!isDueNow(transition, at)) return;
  }
}

/** A child run goes on only while its parent waits for its block and the execution runs. */
async function parentWaits(deps: RunnerDeps, run: ExecutionRecord): Promise<boolean> {
  const parent = run.parent;
  if (!parent) return true;
  const record = await deps.executions.get(parent.runId);
  const waits =
    record?.status === 'RUNNING' &&
    record.cursor?.phase === 'children' &&
    record.cursor.block?.id === parent.blockId;
  if (!waits) return false;
  if (!run.rootArn || run.rootArn === parent.runId) return true;
  return (await deps.executions.get(run.rootArn))?.status === 'RUNNING';
}

function isDueNow(transition: Transition, now: Date): boolean {
  return transition.dueAt !== null && transition.dueAt <= now;
}

async function commit(
  deps: RunnerDeps,
  execution: ExecutionRecord,
  transition: Transition,
  now: Date,
): Promise<ExecutionRecord | undefined> {
  // A stopped instance is as good as dead: it must not write half-finished work.
  if (deps.isStopped()) return undefined;
  const committed = await deps.executions.commit(execution, transition, now, deps.owner);
  if (!committed) {
    // Someone else moved first (StopExecution, a callback, a child's report): hand the item
    // back, if it is still ours, so the next poll looks at the run afresh.
    await deps.work.release(execution.executionArn, deps.owner);
    return undefined;
  }
  await wakeClosedBlock(deps, execution, committed, now);
  return committed;
}

/** When a Parallel/Map left its block early (a failure), its running children must end. */
export async function wakeClosedBlock(
  deps: { executions: ExecutionStore; work: WorkStore },
  before: ExecutionRecord,
  after: ExecutionRecord,
  now: Date,
): Promise<void> {
  const block = before.cursor?.phase === 'children' ? before.cursor.block : undefined;
  if (!block || after.cursor?.block?.id === block.id) return;
  const slots = await deps.executions.children(before.executionArn, block.id);
  for (const slot of slots) {
    if (slot.status === 'RUNNING') await deps.work.wake(slot.runId, now);
  }
}

/** Calls the task's Lambda, racing its deadline on the service's clock; undefined if stopped. */
async function callTask(
  deps: RunnerDeps,
  execution: ExecutionRecord,
  task: RunningTask,
): Promise<Transition | undefined> {
  const context = (): StepContext => ({
    execution,
    definition: branchOf(execution),
    now: deps.clock.now(),
    arns: deps.arns,
  });
  // Resumed after its deadline passed (the service was down): it timed out, no call.
  const late = passedDeadline(task, deps.clock.now());
  if (late) return completeTask(context(), late);
  const deadline = deps.waits.until(new Date(task.deadline));
  try {
    if (deps.taskDelayMs > 0) {
      // Test hook: a window in which the process can be killed "while the task is running".
      await Promise.race([sleep(deps.taskDelayMs, undefined, { ref: false }), deps.stopped]);
    }
    if (deps.isStopped()) return undefined;
    const call: Promise<TaskOutcome> = deps
      .invokeLambda(task.functionArn, task.payload)
      .catch((error: unknown) => ({
        kind: 'crashed' as const,
        message: error instanceof Error ? error.message : String(error),
      }));
    const outcome = await Promise.race<TaskOutcome | undefined>([
      call,
      deadline.reached.then(() => ({ kind: 'timed-out' as const })),
      deps.stopped.then(() => undefined),
    ]);
    if (!outcome || deps.isStopped()) return undefined;
    // A callback task's call only hands out the token: now it waits for the callback.
    if (task.token !== undefined && outcome.kind === 'returned') {
      return submitTask(context(), outcome.payload);
    }
    return await completeTask(context(), outcome);
  } finally {
    deadline.cancel();
  }
}
