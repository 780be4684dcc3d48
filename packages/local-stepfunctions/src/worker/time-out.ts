import { executionTimedOut } from '../engine/events';
import type { Transition } from '../engine/model';
import type { ExecutionStore } from '../store/executions';
import { timeoutSortKey } from '../store/keys';
import type { WorkItem, WorkStore } from '../store/work';
import { wakeClosedBlock } from './run-execution';

export interface TimeOutDeps {
  executions: ExecutionStore;
  work: WorkStore;
  clock: { now(): Date };
  owner: string;
  isStopped: () => boolean;
}

/**
 * A machine-level TimeoutSeconds ran out (its timer item fell due and is leased to us): the
 * execution ends TIMED_OUT with an ExecutionTimedOut event, in one step conditioned on the
 * version read, as StopExecution ends it. A step under way elsewhere then finds it moved; its
 * branches and iterations end when they next look at it. An execution that closed first just
 * drops the timer.
 */
export async function timeOutExecution(deps: TimeOutDeps, item: WorkItem): Promise<void> {
  const arn = item.executionArn;
  for (let attempt = 0; attempt < 20; attempt++) {
    if (deps.isStopped()) return;
    const execution = await deps.executions.get(arn);
    if (execution?.status !== 'RUNNING' || !execution.timeoutAt) {
      await deps.work.remove(arn, deps.owner, timeoutSortKey);
      return;
    }
    const now = deps.clock.now();
    if (now < new Date(execution.timeoutAt)) {
      await deps.work.release(arn, deps.owner, new Date(execution.timeoutAt), timeoutSortKey);
      return;
    }
    const timedOut: Transition = {
      events: [executionTimedOut()],
      cursor: null,
      variables: execution.variables,
      // AWS's DescribeExecution of a timed-out execution has neither error nor cause.
      closing: { status: 'TIMED_OUT' },
      dueAt: null,
    };
    // The same transaction deletes the timer (and the execution's pending work).
    const closed = await deps.executions.commit(execution, timedOut, now);
    if (closed) {
      await wakeClosedBlock(deps, execution, closed, now);
      return;
    }
  }
  throw new Error(`Execution ${arn} kept moving while it timed out`);
}
