import type { TaskOutcome } from '../engine/states/task';
import { completeTask, recordHeartbeat } from '../engine/step';
import { ApiError } from '../errors';
import type { ExecutionRecord } from '../store/executions';
import { branchOf } from '../worker/run-execution';
import type { ExecutionDeps } from './executions';
import { optionalString, type Request, requiredString } from './input';

const maxOutputBytes = 256 * 1024;

const timedOut = () =>
  new ApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");

/**
 * The callbacks of `.waitForTaskToken` tasks. A token is an item pointing at its run; the call
 * completes the task with a write conditioned on the run's version, so of two calls one wins and
 * the other gets TaskTimedOut, as on AWS.
 */
export function taskOperations(deps: ExecutionDeps) {
  /** The run waiting on `token` (its task still open), or the error AWS answers. */
  async function waitingRun(token: string): Promise<ExecutionRecord> {
    const issued = await deps.executions.token(token);
    if (!issued) throw new ApiError('InvalidToken', "Invalid Token: 'Invalid token'");
    const run = await deps.executions.get(issued.runId);
    const open =
      run?.status === 'RUNNING' &&
      run.cursor?.task?.token === token &&
      (run.cursor.phase === 'running' || run.cursor.phase === 'callback');
    if (!open) throw timedOut();
    if (run.rootArn && (await deps.executions.get(run.rootArn))?.status !== 'RUNNING') {
      throw timedOut();
    }
    return run;
  }

  async function complete(token: string, outcome: TaskOutcome | 'heartbeat'): Promise<void> {
    // A step of the run (or a sibling's event) may commit between our read and write: again.
    for (let attempt = 0; attempt < 20; attempt++) {
      const run = await waitingRun(token);
      const now = deps.clock.now();
      const context = { execution: run, definition: branchOf(run), now, arns: deps.arns };
      const transition =
        outcome === 'heartbeat' ? recordHeartbeat(context) : await completeTask(context, outcome);
      if (await deps.executions.commit(run, transition, now)) {
        deps.onExecutionStarted();
        return;
      }
    }
    throw new ApiError('ServiceException', 'The task kept changing; try again');
  }

  return {
    async SendTaskSuccess(request: Request) {
      const token = requiredString(request, 'taskToken');
      const output = requiredString(request, 'output');
      if (Buffer.byteLength(output) > maxOutputBytes) {
        throw new ApiError('InvalidOutput', 'The output exceeds the 256 KiB limit');
      }
      let payload: unknown;
      try {
        payload = JSON.parse(output);
      } catch (error) {
        throw new ApiError('InvalidOutput', `Invalid Output: '${(error as Error).message}'`);
      }
      await complete(token, { kind: 'returned', payload });
      return {};
    },

    async SendTaskFailure(request: Request) {
      const token = requiredString(request, 'taskToken');
      const error = optionalString(request, 'error') ?? '';
      const cause = optionalString(request, 'cause') ?? '';
      if (error.length > 256 || cause.length > 32768) {
        throw new ApiError('ValidationException', "'error' or 'cause' is too long");
      }
      await complete(token, { kind: 'callback-failed', error, cause });
      return {};
    },

    async SendTaskHeartbeat(request: Request) {
      await complete(requiredString(request, 'taskToken'), 'heartbeat');
      return {};
    },
  };
}
