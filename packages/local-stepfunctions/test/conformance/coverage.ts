/**
 * Issue 3, point 7: every state type, field, variable, function and error name must keep at least
 * one conformance case (the `covers` tags of the cases).
 */
export const requiredCoverage = [
  ...['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'].map(
    (s) => `state:${s}`,
  ),
  'map:inline',
  ...['ItemSelector', 'MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage'].map(
    (f) => `field:${f}`,
  ),
  ...['Arguments', 'Output', 'Assign', 'Condition', 'Items', 'Seconds', 'Timestamp'].map(
    (f) => `field:${f}`,
  ),
  'assign:scope-parallel',
  'assign:scope-map',
  '$states.input',
  '$states.result',
  '$states.errorOutput',
  ...['Execution', 'State', 'StateMachine', 'Task.Token', 'Map.Item'].map((c) => `context:${c}`),
  ...['$partition', '$range', '$hash', '$random', '$uuid', '$parse'].map((f) => `fn:${f}`),
  ...['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds'].map(
    (f) => `retry:${f}`,
  ),
  'retry:JitterStrategy',
  'field:Catch',
  ...[
    'States.ALL',
    'States.TaskFailed',
    'States.Timeout',
    'States.HeartbeatTimeout',
    'States.QueryEvaluationError',
    'States.Runtime',
    'States.BranchFailed',
    'States.ExceedToleratedFailureThreshold',
    'States.NoChoiceMatched',
  ].map((e) => `error:${e}`),
  'lambda:error-to-error-cause',
  'lambda:invoke-result',
  'lambda:plain-arn',
  'waitForTaskToken',
  ...['jsonata-parse', 'bare-reference', 'unknown-field', 'jsonpath-field'].map(
    (d) => `invalid:${d}`,
  ),
];
