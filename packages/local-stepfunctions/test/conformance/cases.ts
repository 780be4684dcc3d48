import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The conformance cases: Step Functions behaviour recorded against AWS (LocalStack's snapshots) or
 * shown in the AWS documentation, kept as data in `cases/*.json` (one file per group).
 */

export type CaseSource =
  | { kind: 'aws-docs'; url: string; section: string }
  | { kind: 'localstack-snapshot'; repo: 'localstack/localstack'; path: string; test: string };

/** How a fake Lambda answers; mirrors the small functions the sources used. */
export type FunctionBehaviour =
  | { echo: true }
  | { return: unknown }
  | { fail: { errorType: string; errorMessage: string } }
  | { failTimes: { n: number; errorType: string; errorMessage: string; then: FunctionBehaviour } }
  /** Answers only once the service clock has moved `seconds` past the call. */
  | { sleep: number; then: FunctionBehaviour }
  /** Keeps the task token found at `tokenField` of the payload for `callbacks`, returns `{}`. */
  | { captureToken: string };

export type Callback =
  | { send: 'success'; output: unknown }
  | { send: 'failure'; error?: string; cause?: string }
  | { send: 'heartbeat' };

export interface ClockStep {
  /**
   * Waits until the history holds an event of this type before moving the clock; without it the
   * clock moves straight after the previous move.
   */
  afterEvent?: string;
  /** How many events of that type to wait for (default 1). */
  count?: number;
  advanceSeconds: number;
}

export interface RunExpectation {
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  output?: unknown;
  /** `null`: the execution has no error (or cause) at all. */
  error?: string | null;
  cause?: unknown;
  historyTypes?: string[];
  /** Patterns that must each match at least one history event. */
  historyIncludes?: unknown[];
}

/** A definition AWS refuses: CreateStateMachine's error, and what ValidateStateMachineDefinition says. */
export interface CreateExpectation {
  createError: string;
  /** The error's message (matchers allowed). */
  createMessage?: unknown;
  /** ValidateStateMachineDefinition's answer: `{result, diagnostics, truncated}` as recorded. */
  validation?: unknown;
}

export interface ConformanceCase {
  id: string;
  title: string;
  covers: string[];
  source: CaseSource & Record<string, unknown>;
  definition?: unknown;
  /** The definition as text, when it is not JSON (a blank definition): sent as written. */
  definitionText?: string;
  input?: unknown;
  stateMachineName?: string;
  executionName?: string;
  functions?: Record<string, FunctionBehaviour>;
  callbacks?: Callback[];
  clock?: ClockStep[];
  expected: RunExpectation | CreateExpectation;
  file: string;
}

const casesDir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

export function loadCases(dir = casesDir): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const group = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
    if (!Array.isArray(group)) throw new Error(`${file}: a case file holds an array of cases`);
    for (const entry of group) cases.push(checkCase({ ...entry, file }));
  }
  const seen = new Set<string>();
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`Case id '${c.id}' is used twice`);
    seen.add(c.id);
  }
  return cases;
}

/** A case without its source or expectation is not a conformance case: refuse it loudly. */
function checkCase(entry: ConformanceCase): ConformanceCase {
  const where = `${entry.file}: case '${entry.id ?? '?'}'`;
  if (typeof entry.id !== 'string' || entry.id === '') throw new Error(`${where}: id is required`);
  if (typeof entry.title !== 'string') throw new Error(`${where}: title is required`);
  if (!Array.isArray(entry.covers) || entry.covers.length === 0) {
    throw new Error(`${where}: covers must list what the case exercises`);
  }
  const source = entry.source;
  if (source?.kind === 'aws-docs') {
    if (!String(source.url).startsWith('https://docs.aws.amazon.com/')) {
      throw new Error(`${where}: source.url must be an AWS documentation page`);
    }
  } else if (source?.kind === 'localstack-snapshot') {
    if (!/^tests\/aws\/services\/stepfunctions\/.+\.snapshot\.json$/.test(source.path)) {
      throw new Error(`${where}: source.path must name a LocalStack snapshot file`);
    }
    if (typeof source.test !== 'string') throw new Error(`${where}: source.test is required`);
  } else {
    throw new Error(`${where}: source.kind must be aws-docs or localstack-snapshot`);
  }
  if (entry.definition === undefined && typeof entry.definitionText !== 'string') {
    throw new Error(`${where}: definition (or definitionText) is required`);
  }
  if (typeof entry.expected !== 'object' || entry.expected === null) {
    throw new Error(`${where}: expected is required`);
  }
  return entry;
}
