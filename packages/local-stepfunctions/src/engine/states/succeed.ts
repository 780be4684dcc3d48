import type { SucceedState } from '../../definition';
import type { EvaluationScope } from '../jsonata';
import { outputAndAssign, type StateOutcome } from './flow';

/** Succeed: ends the execution successfully with its input, or its Output. */
export async function runSucceed(
  state: SucceedState,
  scope: EvaluationScope,
): Promise<StateOutcome> {
  const { output } = await outputAndAssign(state, scope, scope.states.input);
  return { kind: 'leave', output, assigned: undefined, next: undefined };
}
