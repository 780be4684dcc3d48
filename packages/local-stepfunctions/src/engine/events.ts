import type { EventDraft, Variables } from './model';

/** History events in AWS's shapes (`<type>EventDetails` objects, JSON text for data). */

const included = { truncated: false };

function json(value: unknown): string {
  return JSON.stringify(value);
}

export function executionStarted(input: string, roleArn: string): EventDraft {
  return {
    type: 'ExecutionStarted',
    detailsKey: 'executionStartedEventDetails',
    details: { input, inputDetails: included, roleArn },
  };
}

export function stateEntered(stateType: string, name: string, input: unknown): EventDraft {
  return {
    type: `${stateType}StateEntered`,
    detailsKey: 'stateEnteredEventDetails',
    details: { name, input: json(input), inputDetails: included },
  };
}

export function stateExited(
  stateType: string,
  name: string,
  output: unknown,
  assigned: Variables | undefined,
): EventDraft {
  const details: Record<string, unknown> = { name, output: json(output), outputDetails: included };
  if (assigned && Object.keys(assigned).length > 0) {
    details.assignedVariables = Object.fromEntries(
      Object.entries(assigned).map(([key, value]) => [key, json(value)]),
    );
    details.assignedVariablesDetails = included;
  }
  return { type: `${stateType}StateExited`, detailsKey: 'stateExitedEventDetails', details };
}

/** A state left unfinished (its Parallel branch failed or was cancelled). */
export function stateAborted(stateType: string): EventDraft {
  return { type: `${stateType}StateAborted` };
}

export function executionSucceeded(output: unknown): EventDraft {
  return {
    type: 'ExecutionSucceeded',
    detailsKey: 'executionSucceededEventDetails',
    details: { output: json(output), outputDetails: included },
  };
}

/** What AWS records of an error: only what there is (a Fail state or SendTaskFailure may give none). */
function errorDetails(error: string, cause: string): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  if (error !== '') details.error = error;
  if (cause !== '') details.cause = cause;
  return details;
}

export function executionFailed(error: string, cause: string): EventDraft {
  return {
    type: 'ExecutionFailed',
    detailsKey: 'executionFailedEventDetails',
    details: errorDetails(error, cause),
  };
}

/** A machine-level TimeoutSeconds ran out: States.Timeout, and no cause (as AWS records it). */
export function executionTimedOut(): EventDraft {
  return {
    type: 'ExecutionTimedOut',
    detailsKey: 'executionTimedOutEventDetails',
    details: { error: 'States.Timeout' },
  };
}

export function executionAborted(error?: string, cause?: string): EventDraft {
  const details: Record<string, unknown> = {};
  if (error !== undefined) details.error = error;
  if (cause !== undefined) details.cause = cause;
  return { type: 'ExecutionAborted', detailsKey: 'executionAbortedEventDetails', details };
}

export function evaluationFailed(
  state: string,
  error: string,
  cause: string,
  location?: string,
): EventDraft {
  const details: Record<string, unknown> = { error, cause, state };
  if (location !== undefined) details.location = location;
  return { type: 'EvaluationFailed', detailsKey: 'evaluationFailedEventDetails', details };
}

/**
 * Task events come in two families: `arn:aws:states:::lambda:invoke` gives Task* events, a plain
 * function ARN as Resource gives LambdaFunction* events (as on AWS).
 */
export type TaskEventStyle = 'task' | 'callback' | 'lambda-function';

/** `resource` of Task* events: the part of the Resource ARN after `lambda:`. */
function resourceOf(style: TaskEventStyle): string {
  return style === 'callback' ? 'invoke.waitForTaskToken' : 'invoke';
}

export function taskScheduled(
  style: TaskEventStyle,
  options: {
    region: string;
    functionArn: string;
    parameters: unknown;
    timeoutSeconds?: number;
    heartbeatSeconds?: number;
  },
): EventDraft {
  const timeouts: Record<string, number> = {};
  if (options.timeoutSeconds !== undefined) timeouts.timeoutInSeconds = options.timeoutSeconds;
  if (options.heartbeatSeconds !== undefined) {
    timeouts.heartbeatInSeconds = options.heartbeatSeconds;
  }
  if (style === 'lambda-function') {
    return {
      type: 'LambdaFunctionScheduled',
      detailsKey: 'lambdaFunctionScheduledEventDetails',
      details: {
        resource: options.functionArn,
        input: json(options.parameters),
        inputDetails: included,
        ...timeouts,
      },
    };
  }
  return {
    type: 'TaskScheduled',
    detailsKey: 'taskScheduledEventDetails',
    details: {
      resourceType: 'lambda',
      resource: resourceOf(style),
      region: options.region,
      parameters: json(options.parameters),
      ...timeouts,
    },
  };
}

export function taskStarted(style: TaskEventStyle): EventDraft {
  if (style === 'lambda-function') return { type: 'LambdaFunctionStarted' };
  return {
    type: 'TaskStarted',
    detailsKey: 'taskStartedEventDetails',
    details: { resourceType: 'lambda', resource: resourceOf(style) },
  };
}

/** A callback task's Lambda call returned: the task now waits for its token. */
export function taskSubmitted(output: unknown): EventDraft {
  return {
    type: 'TaskSubmitted',
    detailsKey: 'taskSubmittedEventDetails',
    details: {
      resourceType: 'lambda',
      resource: resourceOf('callback'),
      output: json(output),
      outputDetails: included,
    },
  };
}

export function taskSucceeded(style: TaskEventStyle, output: unknown): EventDraft {
  const details = { output: json(output), outputDetails: included };
  if (style === 'lambda-function') {
    return {
      type: 'LambdaFunctionSucceeded',
      detailsKey: 'lambdaFunctionSucceededEventDetails',
      details,
    };
  }
  return {
    type: 'TaskSucceeded',
    detailsKey: 'taskSucceededEventDetails',
    details: { resourceType: 'lambda', resource: resourceOf(style), ...details },
  };
}

/** A task failed (`failed`) or timed out (`timedOut`): AWS records only the error and cause it has. */
export function taskEnded(
  outcome: 'Failed' | 'TimedOut',
  style: TaskEventStyle,
  error: string,
  cause: string,
): EventDraft {
  const details = errorDetails(error, cause);
  if (style === 'lambda-function') {
    const type = `LambdaFunction${outcome}`;
    return { type, detailsKey: `lambdaFunction${outcome}EventDetails`, details };
  }
  return {
    type: `Task${outcome}`,
    detailsKey: `task${outcome}EventDetails`,
    details: { resourceType: 'lambda', resource: resourceOf(style), ...details },
  };
}

/** `ParallelStateStarted`, `MapStateStarted` (with the item count), and how blocks end. */
export function blockStarted(kind: 'parallel' | 'map', length: number): EventDraft {
  if (kind === 'parallel') return { type: 'ParallelStateStarted' };
  return {
    type: 'MapStateStarted',
    detailsKey: 'mapStateStartedEventDetails',
    details: { length },
  };
}

export function blockSucceeded(kind: 'parallel' | 'map'): EventDraft {
  return { type: kind === 'parallel' ? 'ParallelStateSucceeded' : 'MapStateSucceeded' };
}

/** AWS's HistoryEvent has no details for these: the error shows in the events that follow. */
export function blockFailed(kind: 'parallel' | 'map'): EventDraft {
  return { type: kind === 'parallel' ? 'ParallelStateFailed' : 'MapStateFailed' };
}

export function mapIteration(
  outcome: 'Started' | 'Succeeded' | 'Failed' | 'Aborted',
  name: string,
  index: number,
): EventDraft {
  const key = `mapIteration${outcome}EventDetails`;
  return { type: `MapIteration${outcome}`, detailsKey: key, details: { name, index } };
}
