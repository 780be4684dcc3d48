import { createHash, randomUUID } from 'node:crypto';
import jsonata from 'jsonata';
import { StatesError } from '../errors';
import type { Variables } from './model';

/** `$states` as AWS defines it for JSONata states. */
export interface StatesBinding {
  input: unknown;
  result?: unknown;
  errorOutput?: unknown;
  context: unknown;
}

/** Everything an expression can see: `$states`, the execution's variables, and the clock. */
export interface EvaluationScope {
  stateName: string;
  /** Id of the event that entered the state, when known (named in evaluation errors). */
  enteredEventId?: number;
  states: StatesBinding;
  variables: Variables;
  now: Date;
}

const template = /^\{%([\s\S]*)%\}$/;

/**
 * States.QueryEvaluationError in AWS's words: "An error occurred while executing the state 'X'
 * (entered at the event id #N). <problem>", with the field it happened in.
 */
export function queryEvaluationError(
  scope: Pick<EvaluationScope, 'stateName' | 'enteredEventId'>,
  problem: string,
  location?: string,
): StatesError {
  const entered =
    scope.enteredEventId === undefined ? '' : ` (entered at the event id #${scope.enteredEventId})`;
  return new StatesError(
    'States.QueryEvaluationError',
    `An error occurred while executing the state '${scope.stateName}'${entered}. ${problem}`,
    location,
  );
}

/** The expression text of a `{% … %}` field (trimmed), or undefined for a literal value. */
export function expressionText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return template.exec(value)?.[1]?.trim();
}
const compiled = new Map<string, jsonata.Expression>();

export function isExpression(value: unknown): value is string {
  return typeof value === 'string' && template.test(value);
}

/**
 * Evaluates a field of a state: every `"{% expr %}"` string inside it (at any depth) is replaced
 * by the expression's value; anything else is kept as written. `field` names the place for the
 * error message (e.g. `Arguments/Payload/leadId`).
 */
export async function evaluateField(value: unknown, scope: EvaluationScope, field: string) {
  if (typeof value === 'string') {
    const match = template.exec(value);
    return match ? evaluateExpression(match[1] ?? '', scope, field) : value;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const [index, item] of value.entries()) {
      items.push(await evaluateField(item, scope, `${field}[${index}]`));
    }
    return items;
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      result[key] = await evaluateField(item, scope, `${field}/${key}`);
    }
    return result;
  }
  return value;
}

async function evaluateExpression(text: string, scope: EvaluationScope, field: string) {
  const fail = (problem: string) =>
    queryEvaluationError(
      scope,
      `The JSONata expression '${text.trim()}' specified for the field '${field}' ${problem}`,
      field,
    );
  let value: unknown;
  try {
    let expression = compiled.get(text);
    if (!expression) {
      expression = jsonata(text);
      compiled.set(text, expression);
    }
    value = await expression.evaluate(scope.states.input, bindings(scope));
  } catch (error) {
    throw fail(`threw an error during evaluation${thrownTail(error)}`);
  }
  if (value === undefined) throw fail('returned nothing (undefined).');
  // A function, lambda or regular expression has no JSON form: never hand on JSONata's insides.
  if (!isJsonValue(value)) throw fail('returned an unsupported result type.');
  // JSONata marks sequences with extra properties; a JSON round trip leaves plain data.
  return JSON.parse(JSON.stringify(value));
}

/** AWS's ending of a thrown error: `. T1006: Attempted to …` for JSONata's coded errors. */
function thrownTail(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' ? `. ${code}: ${text}` : `: ${text}`;
}

/** Whether a JSONata result is plain JSON all the way down (no function, lambda or regex). */
function isJsonValue(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === 'function') return false;
  if (Array.isArray(value)) return value.every((item) => item === undefined || isJsonValue(item));
  if (typeof value === 'object') {
    if ('_jsonata_function' in value || '_jsonata_lambda' in value) return false;
    return Object.values(value).every((item) => item === undefined || isJsonValue(item));
  }
  return true;
}

function bindings(scope: EvaluationScope): Record<string, unknown> {
  return {
    ...scope.variables,
    states: scope.states,
    // Time comes from the service's clock (tests move it), not from the machine's.
    now: () => scope.now.toISOString(),
    millis: () => scope.now.getTime(),
    // The functions Step Functions adds to JSONata.
    uuid: () => randomUUID(),
    random: (seed?: unknown) => (seed === undefined ? Math.random() : seededRandom(seed)),
    // AWS leaves $eval out ($parse reads JSON text instead): calling it is T1006, as there.
    eval: undefined,
    parse: (text: string) => JSON.parse(text),
    hash: (data: string, algorithm: string) =>
      createHash(algorithmName(algorithm)).update(String(data)).digest('hex'),
    partition: (items: unknown[], size: number) => {
      const chunks: unknown[][] = [];
      for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
      return chunks;
    },
    range: (start: number, end: number, step: number) => {
      if (!step) throw new Error('$range: the step must not be 0');
      const values: number[] = [];
      for (let n = start; step > 0 ? n <= end : n >= end; n += step) values.push(n);
      // AWS returns a one-number range as that number (a JSONata singleton sequence).
      return values.length === 1 ? values[0] : values;
    },
  };
}

function algorithmName(algorithm: string): string {
  const names: Record<string, string> = {
    MD5: 'md5',
    'SHA-1': 'sha1',
    'SHA-256': 'sha256',
    'SHA-384': 'sha384',
    'SHA-512': 'sha512',
  };
  const name = names[algorithm];
  if (!name) throw new Error(`$hash: unsupported algorithm '${algorithm}'`);
  return name;
}

/** A repeatable number in [0, 1) for a seed (mulberry32 over the seed's text). */
function seededRandom(seed: unknown): number {
  let state = 0;
  for (const char of JSON.stringify(seed)) state = (Math.imul(state, 31) + char.charCodeAt(0)) | 0;
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
