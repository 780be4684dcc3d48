import { ApiError } from './errors';

/** ARNs in AWS's shape; the region and account are the service's own. */
export interface ArnScope {
  region: string;
  accountId: string;
}

export function stateMachineArn(scope: ArnScope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

export function executionArn(scope: ArnScope, machineName: string, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:execution:${machineName}:${name}`;
}

const machinePattern = /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:([^:\s]+)$/;
const executionPattern = /^arn:aws:states:[a-z0-9-]+:\d{12}:execution:([^:\s]+):([^:\s]+)$/;

/** The state machine's name, or InvalidArn when the text is not a state machine ARN. */
export function parseStateMachineArn(arn: unknown): { arn: string; name: string } {
  const match = typeof arn === 'string' ? machinePattern.exec(arn) : null;
  if (!match?.[1]) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  return { arn: arn as string, name: match[1] };
}

export function parseExecutionArn(arn: unknown): {
  arn: string;
  machineName: string;
  name: string;
} {
  const match = typeof arn === 'string' ? executionPattern.exec(arn) : null;
  if (!match?.[1] || !match[2]) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  return { arn: arn as string, machineName: match[1], name: match[2] };
}

/** The state machine an execution belongs to (same region and account). */
export function machineArnOfExecution(arn: string): string {
  const parts = arn.split(':');
  return [...parts.slice(0, 5), 'stateMachine', parts[6]].join(':');
}

/** Names as AWS allows them: 1–80 characters, no whitespace, brackets, wildcards or controls. */
export function assertValidName(name: unknown, field: string): string {
  if (typeof name !== 'string' || name.length < 1 || name.length > 80) {
    throw new ApiError('InvalidName', `Invalid ${field}: must be 1 to 80 characters`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
  if (/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw new ApiError('InvalidName', `Invalid ${field}: '${name}'`);
  }
  return name;
}
