import type { PassState } from '../../definition';
import type { EvaluationScope } from '../jsonata';
import { outputAndAssign, type StateOutcome } from './flow';

/** Pass: hands on its input, or its Output, and assigns variables. */
export async function runPass(state: PassState, scope: EvaluationScope): Promise<StateOutcome> {
  const { output, assigned } = await outputAndAssign(state, scope, scope.states.input);
  return { kind: 'leave', output, assigned, next: state.End ? undefined : state.Next };
}
