import { type Definition, type Fields, invalid, isObject } from './definition';
import { checkExpressions } from './definition-check-jsonata';
import { checkRecovery, checkTask } from './definition-check-task';

/**
 * The checks AWS makes when a state machine is created (InvalidDefinition, with AWS's codes in the
 * message), plus a refusal of anything this service would not run as AWS does.
 */

/** Parses and checks a definition; anything this service cannot run faithfully is refused now. */
export function parseDefinition(text: unknown): Definition {
  if (typeof text !== 'string') throw invalid('definition must be a JSON string');
  // AWS's words for a blank definition (and for JSON that is no object).
  const notAnObject = () =>
    invalid('SCHEMA_VALIDATION_FAILED: Definition must be a valid JSON object');
  if (text.trim() === '') throw notAnObject();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(
      `INVALID_JSON_DESCRIPTION: definition is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (!isObject(parsed)) throw notAnObject();
  checkMachine(parsed);
  return parsed as unknown as Definition;
}

const common = ['Type', 'Comment', 'QueryLanguage'];
const leaving = ['Next', 'End', 'Output', 'Assign'];
const recovering = [...leaving, 'Retry', 'Catch'];
const fieldsOf: Record<string, string[]> = {
  Pass: leaving,
  Task: [...recovering, 'Resource', 'Arguments', 'TimeoutSeconds', 'HeartbeatSeconds'],
  Choice: ['Choices', 'Default', 'Output', 'Assign'],
  Wait: [...leaving, 'Seconds', 'Timestamp'],
  Succeed: ['Output'],
  Fail: ['Error', 'Cause'],
  Parallel: [...recovering, 'Branches', 'Arguments'],
  Map: [
    ...recovering,
    'Items',
    'ItemSelector',
    'ItemProcessor',
    'Iterator',
    'MaxConcurrency',
    'ToleratedFailureCount',
    'ToleratedFailurePercentage',
    'Label',
  ],
};
/** Fields of JSONPath states, refused in JSONata states as AWS refuses them. */
const jsonPathFields = [
  'InputPath',
  'Parameters',
  'ResultSelector',
  'ResultPath',
  'OutputPath',
  'Result',
  'ItemsPath',
  'SecondsPath',
  'TimestampPath',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
];
const distributedOnly = ['ItemReader', 'ItemBatcher', 'ResultWriter'];

export function checkMachine(machine: Fields): void {
  const { QueryLanguage } = machine;
  if (QueryLanguage !== undefined && QueryLanguage !== 'JSONata' && QueryLanguage !== 'JSONPath') {
    throw invalid(`SCHEMA_VALIDATION_FAILED: unknown QueryLanguage '${String(QueryLanguage)}'`);
  }
  for (const field of Object.keys(machine)) {
    if (
      !['StartAt', 'States', 'Comment', 'Version', 'TimeoutSeconds', 'QueryLanguage'].includes(
        field,
      )
    ) {
      throw invalid(`SCHEMA_VALIDATION_FAILED: Field "${field}" is not supported at /`);
    }
  }
  const { TimeoutSeconds } = machine;
  if (
    TimeoutSeconds !== undefined &&
    !(Number.isInteger(TimeoutSeconds) && (TimeoutSeconds as number) > 0)
  ) {
    throw invalid('SCHEMA_VALIDATION_FAILED: TimeoutSeconds must be a positive integer at /');
  }
  const names = new Set<string>();
  checkBranch(machine, '', (QueryLanguage as string | undefined) ?? 'JSONPath', names);
}

function checkBranch(branch: Fields, at: string, language: string, names: Set<string>): void {
  const { StartAt, States } = branch;
  // AWS lists the missing required fields together, States first.
  const missing = [States === undefined && 'States', StartAt === undefined && 'StartAt'];
  if (missing.some(Boolean)) {
    const fields = missing.filter(Boolean).join(', ');
    throw invalid(
      `SCHEMA_VALIDATION_FAILED: These fields are required: [${fields}] at ${at || '/'}`,
    );
  }
  if (typeof StartAt !== 'string') {
    throw invalid(`SCHEMA_VALIDATION_FAILED: StartAt must be a string at ${at || '/'}`);
  }
  if (!isObject(States) || Object.keys(States).length === 0) {
    throw invalid(`SCHEMA_VALIDATION_FAILED: States must be a non-empty object at ${at}/`);
  }
  if (!(StartAt in States))
    throw invalid(`MISSING_TRANSITION_TARGET: StartAt '${StartAt}' at ${at}/`);
  for (const [name, state] of Object.entries(States)) {
    if (names.has(name)) throw invalid(`DUPLICATE_STATE_NAME: '${name}' at ${at}/States`);
    names.add(name);
    checkState(name, state, States, `${at}/States/${name}`, language, names);
  }
  checkReachable(StartAt, States, at);
}

function checkState(
  name: string,
  state: unknown,
  states: Fields,
  at: string,
  topLanguage: string,
  names: Set<string>,
): void {
  const where = `at ${at}`;
  if (name.length > 80) throw invalid(`SCHEMA_VALIDATION_FAILED: state name too long ${where}`);
  if (!isObject(state)) throw invalid(`SCHEMA_VALIDATION_FAILED: state must be an object ${where}`);
  const type = String(state.Type);
  const allowed = fieldsOf[type];
  if (!allowed) throw invalid(`SCHEMA_VALIDATION_FAILED: unknown state Type '${type}' ${where}`);
  const language = state.QueryLanguage ?? topLanguage;
  if (language !== 'JSONata') {
    throw invalid(
      `JSONPath states are not supported by the local service; set "QueryLanguage": "JSONata" ${where}`,
    );
  }
  for (const field of Object.keys(state)) {
    if (jsonPathFields.includes(field)) {
      throw invalid(
        `SCHEMA_VALIDATION_FAILED: The field "${field}" is not supported for the JSONata query language ${where}`,
      );
    }
    if (distributedOnly.includes(field)) {
      throw invalid(`A distributed Map (${field}) is not supported by the local service ${where}`);
    }
    if (!common.includes(field) && !allowed.includes(field)) {
      throw invalid(
        `SCHEMA_VALIDATION_FAILED: Field "${field}" is not supported for state type ${type} ${where}`,
      );
    }
  }
  checkExpressions(state, where);
  const target = (next: unknown, field: string) => {
    if (typeof next !== 'string' || !(next in states)) {
      throw invalid(`MISSING_TRANSITION_TARGET: ${field} '${String(next)}' ${where}`);
    }
  };
  if (type !== 'Choice' && type !== 'Succeed' && type !== 'Fail') {
    if ((state.Next === undefined) === (state.End !== true)) {
      throw invalid(`SCHEMA_VALIDATION_FAILED: exactly one of Next or End is required ${where}`);
    }
    if (state.Next !== undefined) target(state.Next, 'Next');
  }
  if (type === 'Task') checkTask(state, where);
  if (type === 'Task' || type === 'Parallel' || type === 'Map') checkRecovery(state, where, target);
  if (type === 'Wait' && (state.Seconds === undefined) === (state.Timestamp === undefined)) {
    throw invalid(
      `SCHEMA_VALIDATION_FAILED: exactly one of Seconds or Timestamp is required ${where}`,
    );
  }
  if (type === 'Choice') {
    if (!Array.isArray(state.Choices) || state.Choices.length === 0) {
      throw invalid(`SCHEMA_VALIDATION_FAILED: Choices must be a non-empty array ${where}`);
    }
    for (const rule of state.Choices) {
      if (!isObject(rule) || rule.Condition === undefined) {
        throw invalid(`SCHEMA_VALIDATION_FAILED: every choice needs a Condition ${where}`);
      }
      for (const field of Object.keys(rule)) {
        if (!['Condition', 'Next', 'Output', 'Assign', 'Comment'].includes(field)) {
          throw invalid(
            `SCHEMA_VALIDATION_FAILED: Field "${field}" is not supported in a choice rule ${where}`,
          );
        }
      }
      target(rule.Next, 'Next');
    }
    if (state.Default !== undefined) target(state.Default, 'Default');
  }
  if (type === 'Parallel') {
    if (!Array.isArray(state.Branches) || state.Branches.length === 0) {
      throw invalid(`SCHEMA_VALIDATION_FAILED: Branches must be a non-empty array ${where}`);
    }
    for (const [index, branch] of state.Branches.entries()) {
      if (!isObject(branch))
        throw invalid(`SCHEMA_VALIDATION_FAILED: a branch must be an object ${where}`);
      checkBranch(branch, `${at}/Branches[${index}]`, language, names);
    }
  }
  if (type === 'Map') checkMap(state, at, language, names);
}

function checkMap(state: Fields, at: string, language: string, names: Set<string>): void {
  const where = `at ${at}`;
  const processor = state.ItemProcessor ?? state.Iterator;
  if (!isObject(processor)) {
    throw invalid(`SCHEMA_VALIDATION_FAILED: ItemProcessor is required ${where}`);
  }
  const config = processor.ProcessorConfig;
  if (isObject(config) && config.Mode === 'DISTRIBUTED') {
    throw invalid(`A distributed Map is not supported by the local service ${where}`);
  }
  const { ProcessorConfig: _config, ...branch } = processor;
  checkBranch(branch, `${at}/ItemProcessor`, String(processor.QueryLanguage ?? language), names);
  const number = (field: string, max?: number) => {
    const value = state[field];
    if (value === undefined || typeof value === 'string') return;
    if (!(typeof value === 'number' && value >= 0 && (max === undefined || value <= max))) {
      throw invalid(`SCHEMA_VALIDATION_FAILED: ${field} must be a number >= 0 ${where}`);
    }
  };
  number('MaxConcurrency');
  number('ToleratedFailureCount');
  number('ToleratedFailurePercentage', 100);
}

/** AWS refuses states that no path from StartAt reaches. */
function checkReachable(startAt: string, states: Fields, at: string): void {
  const seen = new Set<string>([startAt]);
  const queue = [startAt];
  while (queue.length > 0) {
    const state = states[queue.shift() as string] as Fields;
    const nexts: unknown[] = [state.Next, state.Default];
    for (const list of [state.Choices, state.Catch]) {
      if (Array.isArray(list)) for (const rule of list) nexts.push((rule as Fields).Next);
    }
    for (const next of nexts) {
      if (typeof next === 'string' && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  for (const name of Object.keys(states)) {
    if (!seen.has(name)) throw invalid(`UNREACHABLE_STATE: '${name}' at ${at}/States`);
  }
}
