import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import type { StaffRef } from './rules/contract';
import type { ContractStepStore, StepRecord, WaitingStep } from './store/contract-steps';

/**
 * Resuming a contract's workflow where it waits for a person. The step is marked decided first
 * (one decision wins), then the workflow is told; a crash in between leaves a decision that is
 * handed out again on the next try (see `contract-steps.ts`), so it is never lost.
 */

export interface TaskCallback {
  /** `too-late`: the workflow no longer waits on this token (timed out, or told already). */
  succeed(taskToken: string, output: unknown): Promise<'delivered' | 'too-late'>;
}

/** No endpoint here: the SDK reads AWS_ENDPOINT_URL_SFN. */
export function taskCallback(client = new SFNClient({})): TaskCallback {
  return {
    async succeed(taskToken, output) {
      try {
        await client.send(
          new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }),
        );
        return 'delivered';
      } catch (error) {
        const name = error instanceof Error ? error.name : '';
        if (['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'].includes(name)) return 'too-late';
        throw error;
      }
    },
  };
}

export type ResumeResult = 'resumed' | 'decided-already' | 'not-waiting' | 'too-late';

/** Decides a waiting step and tells the workflow, with `output` as the step's result. */
export async function resumeStep(
  deps: { steps: ContractStepStore; callback: TaskCallback },
  step: { contractId: string; round: number; step: WaitingStep },
  decision: NonNullable<StepRecord['decision']>,
  output: unknown,
  now: Date,
  by?: StaffRef,
  /** What must be recorded once the step is decided, before the workflow hears of it. */
  record?: () => Promise<unknown>,
): Promise<ResumeResult> {
  const decided = await deps.steps.decide(
    step.contractId,
    step.round,
    step.step,
    decision,
    now,
    by,
  );
  if (decided.status !== 'decided') return decided.status;
  await record?.();
  const delivered = await deps.callback.succeed(decided.taskToken, output);
  await deps.steps.markDelivered(step.contractId, step.round, step.step, now);
  return delivered === 'delivered' ? 'resumed' : 'too-late';
}
