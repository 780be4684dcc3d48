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

/** Fields every state that may leave with data has. */
interface Leaving extends Transition {
  Output?: unknown;
  Assign?: unknown;
}

interface Recovering extends Leaving {
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface PassState extends Leaving {
  Type: 'Pass';
}

export interface TaskState extends Recovering {
  Type: 'Task';
  Resource: string;
  Arguments?: unknown;
  TimeoutSeconds?: number | string;
  HeartbeatSeconds?: number | string;
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

export interface WaitState extends Leaving {
  Type: 'Wait';
  Seconds?: number | string;
  Timestamp?: string;
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

/** A Parallel branch or a Map's item processor: a state machine of its own. */
export interface Branch {
  StartAt: string;
  States: Record<string, State>;
}

export interface ParallelState extends Recovering {
  Type: 'Parallel';
  Branches: Branch[];
  Arguments?: unknown;
}

export interface MapState extends Recovering {
  Type: 'Map';
  Items?: unknown;
  ItemSelector?: unknown;
  ItemProcessor?: Branch;
  /** The older name of ItemProcessor. */
  Iterator?: Branch;
  MaxConcurrency?: number | string;
  ToleratedFailureCount?: number | string;
  ToleratedFailurePercentage?: number | string;
}

export type State =
  | PassState
  | TaskState
  | ChoiceState
  | WaitState
  | SucceedState
  | FailState
  | ParallelState
  | MapState;

export interface Definition extends Branch {
  QueryLanguage?: string;
  TimeoutSeconds?: number;
}

/** Where a child run's states are: the Parallel/Map states (and branch) leading to them. */
export type DefinitionPath = { state: string; branch: number }[];

export const lambdaInvokeResource = 'arn:aws:states:::lambda:invoke';
export const lambdaCallbackResource = 'arn:aws:states:::lambda:invoke.waitForTaskToken';

export function invalid(message: string): ApiError {
  return new ApiError('InvalidDefinition', `Invalid State Machine Definition: '${message}'`);
}

/** A state, or any object of a definition, before it is checked. */
export type Fields = Record<string, unknown>;

export function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The branch a child run executes: `path` followed from the top of the definition. */
export function branchAt(definition: Definition, path: DefinitionPath): Branch {
  let branch: Branch = definition;
  for (const step of path) {
    const state = branch.States[step.state];
    if (state?.Type === 'Parallel') branch = state.Branches[step.branch] as Branch;
    else if (state?.Type === 'Map') branch = (state.ItemProcessor ?? state.Iterator) as Branch;
    else throw new Error(`No branch at ${JSON.stringify(path)}`);
    if (!branch) throw new Error(`No branch at ${JSON.stringify(path)}`);
  }
  return branch;
}
