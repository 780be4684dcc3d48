import {
  type Fields,
  invalid,
  isObject,
  lambdaCallbackResource,
  lambdaInvokeResource,
} from './definition';

/** Creation checks of a Task's own fields and of Retry/Catch (Task, Parallel, Map). */

const lambdaFunctionArn =
  /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;

export function checkTask(state: Fields, where: string): void {
  const resource = state.Resource;
  if (typeof resource !== 'string') throw invalid(`SCHEMA_VALIDATION_FAILED: Resource ${where}`);
  if (
    resource !== lambdaInvokeResource &&
    resource !== lambdaCallbackResource &&
    !lambdaFunctionArn.test(resource)
  ) {
    throw invalid(`Task resource '${resource}' is not supported by the local service ${where}`);
  }
  if ('Credentials' in state) throw invalid(`Credentials are not supported locally ${where}`);
  for (const field of ['TimeoutSeconds', 'HeartbeatSeconds']) {
    const value = state[field];
    if (
      value !== undefined &&
      typeof value !== 'string' &&
      !(Number.isInteger(value) && (value as number) > 0)
    ) {
      throw invalid(`SCHEMA_VALIDATION_FAILED: ${field} must be a positive integer ${where}`);
    }
  }
  const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = state;
  if (typeof timeout === 'number' && typeof heartbeat === 'number' && heartbeat >= timeout) {
    throw invalid(
      `SCHEMA_VALIDATION_FAILED: HeartbeatSeconds must be smaller than TimeoutSeconds ${where}`,
    );
  }
}

export function checkRecovery(
  state: Fields,
  where: string,
  target: (next: unknown, field: string) => void,
): void {
  for (const retrier of asList(state.Retry, 'Retry', where)) {
    checkErrorEquals(retrier, where);
    const numbers: [string, number][] = [
      ['IntervalSeconds', 1],
      ['MaxAttempts', 0],
      ['BackoffRate', 1],
      ['MaxDelaySeconds', 1],
    ];
    for (const [field, min] of numbers) {
      const value = retrier[field];
      if (value !== undefined && !(typeof value === 'number' && value >= min)) {
        throw invalid(
          `SCHEMA_VALIDATION_FAILED: Retry ${field} must be a number >= ${min} ${where}`,
        );
      }
    }
    const jitter = retrier.JitterStrategy;
    if (jitter !== undefined && jitter !== 'FULL' && jitter !== 'NONE') {
      throw invalid(`SCHEMA_VALIDATION_FAILED: JitterStrategy must be FULL or NONE ${where}`);
    }
  }
  for (const catcher of asList(state.Catch, 'Catch', where)) {
    checkErrorEquals(catcher, where);
    target(catcher.Next, 'Catch Next');
  }
}

function asList(value: unknown, field: string, where: string): Fields[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw invalid(`SCHEMA_VALIDATION_FAILED: ${field} must be an array of objects ${where}`);
  }
  return value;
}

function checkErrorEquals(rule: Fields, where: string): void {
  const errors = rule.ErrorEquals;
  if (
    !Array.isArray(errors) ||
    errors.length === 0 ||
    !errors.every((e) => typeof e === 'string')
  ) {
    throw invalid(
      `SCHEMA_VALIDATION_FAILED: ErrorEquals must be a non-empty string array ${where}`,
    );
  }
  if (errors.includes('States.ALL') && errors.length > 1) {
    throw invalid(`SCHEMA_VALIDATION_FAILED: States.ALL must appear alone in ErrorEquals ${where}`);
  }
}
