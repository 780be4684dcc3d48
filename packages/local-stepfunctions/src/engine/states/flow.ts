import { StatesError } from '../../errors';
import { type EvaluationScope, evaluateField } from '../jsonata';
import type { Variables } from '../model';

/** What running a state decided: leave it (to `next`, or end the execution), or fail. */
export type StateOutcome =
  | { kind: 'leave'; output: unknown; assigned: Variables | undefined; next: string | undefined }
  | { kind: 'fail'; error: string; cause: string };

/**
 * Output (default: `fallback`) and Assign, both evaluated against the same scope, as on AWS.
 * `names` are the fields as AWS names them in errors: a catcher's are `Catch[n]/Output`, a Choice
 * rule's own `Choices[n]/Output`.
 */
export async function outputAndAssign(
  fields: { Output?: unknown; Assign?: unknown },
  scope: EvaluationScope,
  fallback: unknown,
  names: { output?: string; assign?: string } = {},
): Promise<{ output: unknown; assigned: Variables | undefined }> {
  const { output: outputName = 'Output', assign: assignName = 'Assign' } = names;
  const output =
    fields.Output === undefined ? fallback : await evaluateField(fields.Output, scope, outputName);
  let assigned: Variables | undefined;
  if (fields.Assign !== undefined) {
    const value = await evaluateField(fields.Assign, scope, assignName);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new StatesError(
        'States.QueryEvaluationError',
        `The field '${assignName}' of state '${scope.stateName}' must be an object`,
      );
    }
    assigned = value as Variables;
  }
  return { output, assigned };
}
