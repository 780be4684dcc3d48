import type { ChoiceState } from '../../definition';
import { StatesError } from '../../errors';
import { type EvaluationScope, evaluateField } from '../jsonata';
import { outputAndAssign, type StateOutcome } from './flow';

/**
 * Choice: the first rule whose Condition is true gives the next state (its Output/Assign, else
 * the state's); no match goes to Default, or fails with States.NoChoiceMatched.
 */
export async function runChoice(state: ChoiceState, scope: EvaluationScope): Promise<StateOutcome> {
  for (const [index, rule] of state.Choices.entries()) {
    const field = `Choices[${index}]/`;
    const condition = await evaluateField(rule.Condition, scope, `${field}Condition`);
    if (typeof condition !== 'boolean') {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The Condition of rule ${index} in state '${scope.stateName}' must be a boolean, got ${JSON.stringify(condition)}`,
      );
    }
    if (!condition) continue;
    const fields = {
      Output: rule.Output ?? state.Output,
      Assign: rule.Assign ?? state.Assign,
    };
    // A rule's own Output and Assign are named under the rule, as AWS names them.
    const names = {
      output: rule.Output === undefined ? 'Output' : `${field}Output`,
      assign: rule.Assign === undefined ? 'Assign' : `${field}Assign`,
    };
    const { output, assigned } = await outputAndAssign(fields, scope, scope.states.input, names);
    return { kind: 'leave', output, assigned, next: rule.Next };
  }
  if (state.Default === undefined) {
    throw new StatesError(
      'States.NoChoiceMatched',
      `No Matches! No choice rule matched in state '${scope.stateName}' and it has no Default.`,
    );
  }
  const { output, assigned } = await outputAndAssign(state, scope, scope.states.input);
  return { kind: 'leave', output, assigned, next: state.Default };
}
