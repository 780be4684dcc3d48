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

export function executionSucceeded(output: unknown): EventDraft {
  return {
    type: 'ExecutionSucceeded',
    detailsKey: 'executionSucceededEventDetails',
    details: { output: json(output), outputDetails: included },
  };
}

export function executionFailed(error: string, cause: string): EventDraft {
  return {
    type: 'ExecutionFailed',
    detailsKey: 'executionFailedEventDetails',
    details: { error, cause },
  };
}

export function executionAborted(error?: string, cause?: string): EventDraft {
  const details: Record<string, unknown> = {};
  if (error !== undefined) details.error = error;
  if (cause !== undefined) details.cause = cause;
  return { type: 'ExecutionAborted', detailsKey: 'executionAbortedEventDetails', details };
}

export function evaluationFailed(state: string, error: string, cause: string): EventDraft {
  return {
    type: 'EvaluationFailed',
    detailsKey: 'evaluationFailedEventDetails',
    details: { state, error, cause },
  };
}

/**
 * Task events come in two families: `arn:aws:states:::lambda:invoke` gives Task* events, a plain
 * function ARN as Resource gives LambdaFunction* events (as on AWS).
 */
export type TaskEventStyle = 'task' | 'lambda-function';

export function taskScheduled(
  style: TaskEventStyle,
  options: { region: string; functionArn: string; parameters: unknown; timeoutSeconds: number },
): EventDraft {
  if (style === 'lambda-function') {
    return {
      type: 'LambdaFunctionScheduled',
      detailsKey: 'lambdaFunctionScheduledEventDetails',
      details: {
        resource: options.functionArn,
        input: json(options.parameters),
        inputDetails: included,
        timeoutInSeconds: options.timeoutSeconds,
      },
    };
  }
  return {
    type: 'TaskScheduled',
    detailsKey: 'taskScheduledEventDetails',
    details: {
      resourceType: 'lambda',
      resource: 'invoke',
      region: options.region,
      parameters: json(options.parameters),
      timeoutInSeconds: options.timeoutSeconds,
    },
  };
}

export function taskStarted(style: TaskEventStyle): EventDraft {
  if (style === 'lambda-function') return { type: 'LambdaFunctionStarted' };
  return {
    type: 'TaskStarted',
    detailsKey: 'taskStartedEventDetails',
    details: { resourceType: 'lambda', resource: 'invoke' },
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
    details: { resourceType: 'lambda', resource: 'invoke', ...details },
  };
}

export function taskFailed(style: TaskEventStyle, error: string, cause: string): EventDraft {
  if (style === 'lambda-function') {
    return {
      type: 'LambdaFunctionFailed',
      detailsKey: 'lambdaFunctionFailedEventDetails',
      details: { error, cause },
    };
  }
  return {
    type: 'TaskFailed',
    detailsKey: 'taskFailedEventDetails',
    details: { resourceType: 'lambda', resource: 'invoke', error, cause },
  };
}

export function taskTimedOut(style: TaskEventStyle, cause: string): EventDraft {
  const error = 'States.Timeout';
  if (style === 'lambda-function') {
    return {
      type: 'LambdaFunctionTimedOut',
      detailsKey: 'lambdaFunctionTimedOutEventDetails',
      details: { error, cause },
    };
  }
  return {
    type: 'TaskTimedOut',
    detailsKey: 'taskTimedOutEventDetails',
    details: { resourceType: 'lambda', resource: 'invoke', error, cause },
  };
}
