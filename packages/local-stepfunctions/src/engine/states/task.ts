import { randomUUID } from 'node:crypto';
import type { ArnScope } from '../../arns';
import { lambdaCallbackResource, lambdaInvokeResource, type TaskState } from '../../definition';
import { StatesError } from '../../errors';
import type { LambdaOutcome } from '../../lambda';
import { type TaskEventStyle, taskScheduled, taskStarted } from '../events';
import { type EvaluationScope, evaluateField } from '../jsonata';
import type { EventDraft, RunningTask } from '../model';

/** AWS's default task timeout (the state has no TimeoutSeconds). */
export const defaultTimeoutSeconds = 99_999_999;

/** What came of a task call: the Lambda's answer, a broken invoker, or the deadline passing. */
export type TaskOutcome =
  | LambdaOutcome
  | { kind: 'crashed'; message: string }
  | { kind: 'timed-out' }
  | { kind: 'heartbeat-timed-out' }
  /** SendTaskFailure: the error and cause as the caller gave them. */
  | { kind: 'callback-failed'; error: string; cause: string };

export function taskStyle(state: TaskState): TaskEventStyle {
  if (state.Resource === lambdaInvokeResource) return 'task';
  if (state.Resource === lambdaCallbackResource) return 'callback';
  return 'lambda-function';
}

/** Resolves a Task's Arguments and timeout into the call to make and its history events. */
export async function scheduleTask(
  state: TaskState,
  scope: EvaluationScope,
  arns: ArnScope,
  token?: string,
): Promise<{ task: RunningTask; events: EventDraft[] }> {
  const style = taskStyle(state);
  const parameters =
    state.Arguments === undefined
      ? style === 'lambda-function'
        ? scope.states.input
        : {}
      : await evaluateField(state.Arguments, scope, 'Arguments');
  const givenTimeout = await positiveSeconds(state.TimeoutSeconds, scope, 'TimeoutSeconds');
  const timeoutSeconds = givenTimeout ?? defaultTimeoutSeconds;
  const heartbeatSeconds = await positiveSeconds(state.HeartbeatSeconds, scope, 'HeartbeatSeconds');
  let functionArn = state.Resource;
  let payload = parameters;
  if (style !== 'lambda-function') {
    const args = parameters as { FunctionName?: unknown; Payload?: unknown };
    if (typeof args !== 'object' || args === null || typeof args.FunctionName !== 'string') {
      throw new StatesError(
        'States.Runtime',
        `The Arguments of state '${scope.stateName}' must name a FunctionName for lambda:invoke`,
      );
    }
    functionArn = functionArnOf(args.FunctionName, arns);
    payload = args.Payload ?? {};
  }
  const deadline = new Date(scope.now.getTime() + timeoutSeconds * 1000).toISOString();
  const task: RunningTask = { functionArn, payload, parameters, deadline, timeoutSeconds };
  if (token !== undefined) task.token = token;
  if (heartbeatSeconds !== undefined) task.heartbeatSeconds = heartbeatSeconds;
  return {
    task,
    events: [
      // AWS shows the timeouts in the event only when the state sets them.
      taskScheduled(style, {
        region: arns.region,
        functionArn,
        parameters,
        timeoutSeconds: givenTimeout,
        heartbeatSeconds,
      }),
      taskStarted(style),
    ],
  };
}

async function positiveSeconds(
  field: number | string | undefined,
  scope: EvaluationScope,
  name: string,
): Promise<number | undefined> {
  if (field === undefined) return undefined;
  const value = await evaluateField(field, scope, name);
  if (!(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `${name} of state '${scope.stateName}' must be a positive integer, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A function name, partial ARN or full ARN (with an optional qualifier) as a full ARN. */
export function functionArnOf(name: string, arns: ArnScope): string {
  if (name.startsWith('arn:')) return name;
  const prefix = `arn:aws:lambda:${arns.region}:${arns.accountId}:function:`;
  if (/^\d{12}:function:/.test(name)) return `arn:aws:lambda:${arns.region}:${name}`;
  return `${prefix}${name}`;
}

/** The result `arn:aws:states:::lambda:invoke` gives: the payload wrapped as AWS wraps it. */
export function lambdaInvokeResult(payload: unknown, now: Date): Record<string, unknown> {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Type': 'application/json',
    Date: now.toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}

/**
 * A failed call as Retry/Catch see it: the error name and AWS's JSON cause. A timeout has no
 * cause on AWS, and SendTaskFailure may leave out either ('' here: left out of the events).
 */
export function taskError(outcome: Exclude<TaskOutcome, { kind: 'returned' }>) {
  if (outcome.kind === 'failed') {
    const cause = JSON.stringify({
      errorMessage: outcome.errorMessage,
      errorType: outcome.errorType,
      trace: outcome.trace ?? [],
    });
    return { error: outcome.errorType, cause };
  }
  if (outcome.kind === 'crashed') {
    return { error: 'Lambda.ServiceException', cause: outcome.message };
  }
  if (outcome.kind === 'callback-failed') return { error: outcome.error, cause: outcome.cause };
  // The documented name for a missed heartbeat (CLARIFICATIONS #7 keeps it).
  if (outcome.kind === 'heartbeat-timed-out')
    return { error: 'States.HeartbeatTimeout', cause: '' };
  return { error: 'States.Timeout', cause: '' };
}
