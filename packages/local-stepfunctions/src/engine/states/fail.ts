import type { FailState } from '../../definition';
import { type EvaluationScope, evaluateField } from '../jsonata';
import type { StateOutcome } from './flow';

/** Fail: ends the execution as failed; Error and Cause may be expressions. */
export async function runFail(state: FailState, scope: EvaluationScope): Promise<StateOutcome> {
  const error = state.Error === undefined ? '' : await evaluateField(state.Error, scope, 'Error');
  const cause = state.Cause === undefined ? '' : await evaluateField(state.Cause, scope, 'Cause');
  return { kind: 'fail', error: text(error), cause: text(cause) };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
