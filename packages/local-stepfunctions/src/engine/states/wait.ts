import type { WaitState } from '../../definition';
import { type EvaluationScope, evaluateField, queryEvaluationError } from '../jsonata';

/** AWS's limit for Seconds: 99,999,999 (about three years). */
const maxSeconds = 99_999_999;

/**
 * When a Wait state's wait ends: Seconds after the state was entered (`enteredAt`, not when the
 * worker got to it), or Timestamp (both may be expressions).
 */
export async function waitUntil(
  state: WaitState,
  scope: EvaluationScope,
  enteredAt: Date,
): Promise<Date> {
  if (state.Seconds !== undefined) {
    const seconds = await evaluateField(state.Seconds, scope, 'Seconds');
    if (
      !(Number.isInteger(seconds) && (seconds as number) >= 0 && (seconds as number) <= maxSeconds)
    ) {
      throw queryEvaluationError(
        scope,
        `The Seconds field must be an integer between 0 and ${maxSeconds}, got ${JSON.stringify(seconds)}`,
        'Seconds',
      );
    }
    return new Date(enteredAt.getTime() + (seconds as number) * 1000);
  }
  const timestamp = await evaluateField(state.Timestamp, scope, 'Timestamp');
  // AWS takes ISO 8601 with a time zone (RFC 3339), e.g. 2030-01-01T00:00:00Z.
  const valid =
    typeof timestamp === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(timestamp) &&
    !Number.isNaN(Date.parse(timestamp));
  if (!valid) {
    const text = typeof timestamp === 'string' ? timestamp : JSON.stringify(timestamp);
    throw queryEvaluationError(
      scope,
      `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${text}`,
      'Timestamp',
    );
  }
  return new Date(timestamp as string);
}
