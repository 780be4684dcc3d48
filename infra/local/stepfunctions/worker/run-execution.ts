import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../clock';
import type { ArnScope } from '../arns';
import { type Definition, parseDefinition } from '../definition';
import type { RunningTask, Transition } from '../engine/model';
import type { TaskOutcome } from '../engine/states/task';
import { completeTask, runState } from '../engine/step';
import type { LambdaInvoker } from '../index';
import type { ExecutionRecord, ExecutionStore } from '../store/executions';
import type { WorkStore } from '../store/work';
import type { ClockWaits } from './clock-waits';

export interface RunnerDeps {
  executions: ExecutionStore;
  work: WorkStore;
  arns: ArnScope;
  clock: Clock;
  invokeLambda: LambdaInvoker;
  owner: string;
  waits: ClockWaits;
  /** Resolves when the service stops: a step in progress is abandoned, never committed. */
  stopped: Promise<void>;
  isStopped: () => boolean;
}

const definitions = new Map<string, Definition>();

function definitionOf(text: string): Definition {
  let definition = definitions.get(text);
  if (!definition) {
    definition = parseDefinition(text);
    definitions.set(text, definition);
  }
  return definition;
}

/**
 * Moves one execution on while its work item is leased to us and due: one step at a time, each
 * committed before the next begins. Returns when the next work lies in the future (a retry
 * back-off), the execution closed, someone else moved it (StopExecution), or the service stopped.
 */
export async function runExecution(deps: RunnerDeps, executionArn: string): Promise<void> {
  for (;;) {
    if (deps.isStopped()) return;
    const execution = await deps.executions.get(executionArn);
    if (execution?.status !== 'RUNNING' || !execution.cursor) {
      // Nothing to do; the item outlived its execution (cannot happen through commits, but a
      // stray item must not be leased for ever).
      await deps.work.remove(executionArn, deps.owner);
      return;
    }
    const definition = definitionOf(execution.definition);
    let current = execution;
    let transition: Transition | undefined;
    if (execution.cursor.phase === 'ready') {
      const context = { execution, definition, now: deps.clock.now(), arns: deps.arns };
      const step = await runState(context);
      const committed = await commit(deps, execution, step.transition, context.now);
      if (!committed) return;
      if (!step.invoke) {
        if (isDueNow(step.transition, context.now)) continue;
        return;
      }
      current = committed;
      transition = await callTask(deps, committed, definition, step.invoke);
    } else {
      const task = execution.cursor.task;
      if (!task) throw new Error(`Execution ${executionArn} is running a task it did not record`);
      // After a restart the call's fate is unknown: call again (at-least-once, like AWS).
      transition = await callTask(deps, execution, definition, task);
    }
    if (!transition) return;
    const now = deps.clock.now();
    if (!(await commit(deps, current, transition, now))) return;
    if (!isDueNow(transition, now)) return;
  }
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
  // Someone else moved first (StopExecution): hand the item back, if it still exists, so the
  // next poll looks at the execution afresh.
  if (!committed) await deps.work.release(execution.executionArn, deps.owner);
  return committed;
}

/** Calls the task's Lambda, racing its deadline on the service's clock; undefined if stopped. */
async function callTask(
  deps: RunnerDeps,
  execution: ExecutionRecord,
  definition: Definition,
  task: RunningTask,
): Promise<Transition | undefined> {
  const context = () => ({ execution, definition, now: deps.clock.now(), arns: deps.arns });
  // Resumed after its deadline passed (the service was down): it timed out, no call.
  if (deps.clock.now() >= new Date(task.deadline)) {
    return completeTask(context(), { kind: 'timed-out' });
  }
  const deadline = deps.waits.until(new Date(task.deadline));
  try {
    const delayMs = Number(process.env.DESK_LOCAL_TASK_DELAY_MS ?? 0);
    if (delayMs > 0) {
      // Test hook: a window in which the process can be killed "while the task is running".
      await Promise.race([sleep(delayMs, undefined, { ref: false }), deps.stopped]);
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
    return await completeTask(context(), outcome);
  } finally {
    deadline.cancel();
  }
}
