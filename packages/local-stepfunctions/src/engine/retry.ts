import type { Catcher, Retrier } from '../definition';

/**
 * Whether an ErrorEquals list covers an error, with AWS's wildcards: `States.ALL` matches every
 * error but `States.Runtime` and `States.DataLimitExceeded`; `States.TaskFailed` matches what a
 * task itself raised (not a timeout nor an evaluation error).
 */
export function errorMatches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some((name) => {
    if (name === error) return true;
    if (name === 'States.ALL') {
      return error !== 'States.Runtime' && error !== 'States.DataLimitExceeded';
    }
    if (name === 'States.TaskFailed') return !error.startsWith('States.');
    return false;
  });
}

export interface RetryDecision {
  delayMs: number;
  retrierAttempts: number[];
}

/**
 * The first Retry rule matching the error decides: another attempt after its back-off, or none
 * when its MaxAttempts are used up (the next rules are not consulted, as on AWS).
 */
export function decideRetry(
  retriers: readonly Retrier[] | undefined,
  attempts: readonly number[],
  error: string,
  random: () => number = Math.random,
): RetryDecision | undefined {
  const index = (retriers ?? []).findIndex((retrier) => errorMatches(retrier.ErrorEquals, error));
  const retrier = retriers?.[index];
  if (!retrier) return undefined;
  const used = attempts[index] ?? 0;
  if (used >= (retrier.MaxAttempts ?? 3)) return undefined;
  let delaySeconds = (retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** used;
  if (retrier.MaxDelaySeconds !== undefined) {
    delaySeconds = Math.min(delaySeconds, retrier.MaxDelaySeconds);
  }
  if (retrier.JitterStrategy === 'FULL') delaySeconds *= random();
  const retrierAttempts = [...attempts];
  while (retrierAttempts.length <= index) retrierAttempts.push(0);
  retrierAttempts[index] = used + 1;
  return { delayMs: Math.round(delaySeconds * 1000), retrierAttempts };
}

export function findCatcher(
  catchers: readonly Catcher[] | undefined,
  error: string,
): Catcher | undefined {
  return catchers?.find((catcher) => errorMatches(catcher.ErrorEquals, error));
}
