import { ApiError } from './errors';

/** Amazon States Language, as far as this service runs it (JSONata states). */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  Output?: unknown;
  Assign?: unknown;
}

interface Transition {
  Next?: string;
  End?: boolean;
}

export interface PassState extends Transition {
  Type: 'Pass';
  Output?: unknown;
  Assign?: unknown;
}

export interface TaskState extends Transition {
  Type: 'Task';
  Resource: string;
  Arguments?: unknown;
  Output?: unknown;
  Assign?: unknown;
  TimeoutSeconds?: number | string;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface ChoiceRule {
  Condition: unknown;
  Next: string;
  Output?: unknown;
  Assign?: unknown;
}

export interface ChoiceState {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
  Output?: unknown;
  Assign?: unknown;
}

export interface SucceedState {
  Type: 'Succeed';
  Output?: unknown;
}

export interface FailState {
  Type: 'Fail';
  Error?: string;
  Cause?: string;
}

export type State = PassState | TaskState | ChoiceState | SucceedState | FailState;

export interface Definition {
  StartAt: string;
  States: Record<string, State>;
}

export const lambdaInvokeResource = 'arn:aws:states:::lambda:invoke';
const lambdaFunctionArn =
  /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/;
const notYet = new Set(['Wait', 'Parallel', 'Map']);
const jsonPathFields = ['InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath'];

function invalid(message: string): ApiError {
  return new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${message}'`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and checks a definition; anything this service cannot run faithfully is refused now. */
export function parseDefinition(text: unknown): Definition {
  if (typeof text !== 'string') throw invalid('definition must be a JSON string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`definition is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed)) throw invalid('definition must be a JSON object');
  const { StartAt, States, QueryLanguage } = parsed;
  if (typeof StartAt !== 'string') throw invalid('MISSING_START_AT: StartAt is required');
  if (!isObject(States) || Object.keys(States).length === 0) {
    throw invalid('SCHEMA_VALIDATION_FAILED: States must be a non-empty object');
  }
  if (!(StartAt in States)) throw invalid(`MISSING_TRANSITION_TARGET: StartAt '${StartAt}'`);
  if (QueryLanguage !== undefined && QueryLanguage !== 'JSONata' && QueryLanguage !== 'JSONPath') {
    throw invalid(`SCHEMA_VALIDATION_FAILED: unknown QueryLanguage '${String(QueryLanguage)}'`);
  }
  for (const [name, state] of Object.entries(States)) {
    checkState(name, state, States, (QueryLanguage as string | undefined) ?? 'JSONPath');
  }
  return parsed as unknown as Definition;
}

function checkState(
  name: string,
  state: unknown,
  states: Record<string, unknown>,
  topLanguage: string,
): void {
  const at = `at /States/${name}`;
  if (name.length > 80) throw invalid(`SCHEMA_VALIDATION_FAILED: state name too long ${at}`);
  if (!isObject(state)) throw invalid(`SCHEMA_VALIDATION_FAILED: state must be an object ${at}`);
  const type = state.Type;
  if (typeof type === 'string' && notYet.has(type)) {
    throw invalid(`${type} states are not supported yet by the local Step Functions service ${at}`);
  }
  if (!['Pass', 'Task', 'Choice', 'Succeed', 'Fail'].includes(String(type))) {
    throw invalid(`SCHEMA_VALIDATION_FAILED: unknown state Type '${String(type)}' ${at}`);
  }
  const language = state.QueryLanguage ?? topLanguage;
  if (language !== 'JSONata') {
    throw invalid(`JSONPath states are not supported yet; set "QueryLanguage": "JSONata" ${at}`);
  }
  for (const field of jsonPathFields) {
    if (field in state) throw invalid(`SCHEMA_VALIDATION_FAILED: ${field} is JSONPath-only ${at}`);
  }
  const target = (next: unknown, field: string) => {
    if (typeof next !== 'string' || !(next in states)) {
      throw invalid(`MISSING_TRANSITION_TARGET: ${field} '${String(next)}' ${at}`);
    }
  };
  if (type === 'Pass' || type === 'Task') {
    if ((state.Next === undefined) === (state.End !== true)) {
      throw invalid(`SCHEMA_VALIDATION_FAILED: exactly one of Next or End is required ${at}`);
    }
    if (state.Next !== undefined) target(state.Next, 'Next');
  }
  if (type === 'Task') checkTask(state, at, target);
  if (type === 'Choice') {
    if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
      throw invalid(`SCHEMA_VALIDATION_FAILED: Choices must be a non-empty array ${at}`);
    }
    for (const rule of state.Choices) {
      if (!isObject(rule) || rule.Condition === undefined) {
        throw invalid(`SCHEMA_VALIDATION_FAILED: every choice needs a Condition ${at}`);
      }
      target(rule.Next, 'Next');
    }
    if (state.Default !== undefined) target(state.Default, 'Default');
  }
}

function checkTask(
  state: Record<string, unknown>,
  at: string,
  target: (next: unknown, field: string) => void,
): void {
  const resource = state.Resource;
  if (typeof resource !== 'string') throw invalid(`SCHEMA_VALIDATION_FAILED: Resource ${at}`);
  if (resource !== lambdaInvokeResource && !lambdaFunctionArn.test(resource)) {
    throw invalid(`Task resource '${resource}' is not supported yet by the local service ${at}`);
  }
  for (const field of ['HeartbeatSeconds', 'Credentials', 'TimeoutSecondsPath']) {
    if (field in state) throw invalid(`${field} is not supported yet ${at}`);
  }
  const timeout = state.TimeoutSeconds;
  if (
    timeout !== undefined &&
    typeof timeout !== 'string' &&
    !(Number.isInteger(timeout) && (timeout as number) > 0)
  ) {
    throw invalid(`SCHEMA_VALIDATION_FAILED: TimeoutSeconds must be a positive integer ${at}`);
  }
  for (const retrier of asList(state.Retry, 'Retry', at)) {
    checkErrorEquals(retrier, at);
    const numbers: [string, number][] = [
      ['IntervalSeconds', 1],
      ['MaxAttempts', 0],
      ['BackoffRate', 1],
      ['MaxDelaySeconds', 1],
    ];
    for (const [field, min] of numbers) {
      const value = retrier[field];
      if (value !== undefined && !(typeof value === 'number' && value >= min)) {
        throw invalid(`SCHEMA_VALIDATION_FAILED: Retry ${field} must be a number >= ${min} ${at}`);
      }
    }
    const jitter = retrier.JitterStrategy;
    if (jitter !== undefined && jitter !== 'FULL' && jitter !== 'NONE') {
      throw invalid(`SCHEMA_VALIDATION_FAILED: JitterStrategy must be FULL or NONE ${at}`);
    }
  }
  for (const catcher of asList(state.Catch, 'Catch', at)) {
    checkErrorEquals(catcher, at);
    target(catcher.Next, 'Catch Next');
  }
}

function asList(value: unknown, field: string, at: string): Record<string, unknown>[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isObject)) {
    throw invalid(`SCHEMA_VALIDATION_FAILED: ${field} must be an array of objects ${at}`);
  }
  return value;
}

function checkErrorEquals(rule: Record<string, unknown>, at: string): void {
  const errors = rule.ErrorEquals;
  if (
    !Array.isArray(errors) ||
    errors.length === 0 ||
    !errors.every((e) => typeof e === 'string')
  ) {
    throw invalid(`SCHEMA_VALIDATION_FAILED: ErrorEquals must be a non-empty string array ${at}`);
  }
}
