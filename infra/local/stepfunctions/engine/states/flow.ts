import { StatesError } from '../../errors';
import { type EvaluationScope, evaluateField } from '../jsonata';
import type { Variables } from '../model';

/** What running a state decided: leave it (to `next`, or end the execution), or fail. */
export type StateOutcome =
  | { kind: 'leave'; output: unknown; assigned: Variables | undefined; next: string | undefined }
  | { kind: 'fail'; error: string; cause: string };

/** Output (default: `fallback`) and Assign, both evaluated against the same scope, as on AWS. */
export async function outputAndAssign(
  fields: { Output?: unknown; Assign?: unknown },
  scope: EvaluationScope,
  fallback: unknown,
  fieldPrefix = '',
): Promise<{ output: unknown; assigned: Variables | undefined }> {
  const output =
    fields.Output === undefined
      ? fallback
      : await evaluateField(fields.Output, scope, `${fieldPrefix}Output`);
  let assigned: Variables | undefined;
  if (fields.Assign !== undefined) {
    const value = await evaluateField(fields.Assign, scope, `${fieldPrefix}Assign`);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The field '${fieldPrefix}Assign' of state '${scope.stateName}' must be an object`,
      );
    }
    assigned = value as Variables;
  }
  return { output, assigned };
}
