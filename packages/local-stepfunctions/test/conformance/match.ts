/**
 * Compares a value with an expectation from a case. Expectations are plain JSON, plus matchers for
 * what AWS makes up at run time (uuids, dates, ARNs), as the snapshots' transformers do:
 * `{"$type": "string"}`, `{"$match": "regex"}`, `{"$subset": {...}}` (at least these keys),
 * `{"$json": ...}` (JSON text holding that), `{"$any": true}`. Returns the differences, empty when the value matches.
 */
export function mismatches(actual: unknown, expected: unknown, path = '$'): string[] {
  if (isMatcher(expected, '$any')) return [];
  if (isMatcher(expected, '$type')) {
    return typeOf(actual) === expected.$type
      ? []
      : [`${path}: expected a ${String(expected.$type)}, got ${show(actual)}`];
  }
  if (isMatcher(expected, '$match')) {
    return typeof actual === 'string' && new RegExp(String(expected.$match)).test(actual)
      ? []
      : [`${path}: expected a string matching /${String(expected.$match)}/, got ${show(actual)}`];
  }
  if (isMatcher(expected, '$json')) {
    // History details carry JSON as text (e.g. TaskScheduled parameters): compare what it holds.
    if (typeof actual !== 'string') return [`${path}: expected JSON text, got ${show(actual)}`];
    return mismatches(JSON.parse(actual), expected.$json, path);
  }
  if (isMatcher(expected, '$subset')) {
    if (typeOf(actual) !== 'object') return [`${path}: expected an object, got ${show(actual)}`];
    return Object.entries(expected.$subset as Record<string, unknown>).flatMap(([key, value]) =>
      key in (actual as object)
        ? mismatches((actual as Record<string, unknown>)[key], value, `${path}.${key}`)
        : [`${path}.${key}: missing`],
    );
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array, got ${show(actual)}`];
    if (actual.length !== expected.length) {
      return [`${path}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`];
    }
    return expected.flatMap((item, index) => mismatches(actual[index], item, `${path}[${index}]`));
  }
  if (typeOf(expected) === 'object') {
    if (typeOf(actual) !== 'object') return [`${path}: expected an object, got ${show(actual)}`];
    const want = expected as Record<string, unknown>;
    const got = actual as Record<string, unknown>;
    const extra = Object.keys(got).filter((key) => !(key in want));
    return [
      ...extra.map((key) => `${path}.${key}: not expected (${show(got[key])})`),
      ...Object.entries(want).flatMap(([key, value]) =>
        key in got ? mismatches(got[key], value, `${path}.${key}`) : [`${path}.${key}: missing`],
      ),
    ];
  }
  return Object.is(actual, expected) || (actual === 0 && expected === 0)
    ? []
    : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

function isMatcher(value: unknown, key: string): value is Record<string, unknown> {
  return (
    typeOf(value) === 'object' &&
    Object.keys(value as object).length === 1 &&
    key in (value as object)
  );
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
