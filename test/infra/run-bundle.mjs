// Runs one Lambda bundle as Lambda would, in a process of its own: import `index.mjs`, call
// `handler(event, context)`, and print what happened after a marker line (the handler logs too).
// Usage: node run-bundle.mjs <bundle dir> <event json file>
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const [bundleDir, eventFile] = process.argv.slice(2);
const event = JSON.parse(await readFile(eventFile, 'utf8'));
const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bundle';
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: `/aws/lambda/${functionName}`,
  logStreamName: '2025/03/14/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 30_000,
  done() {},
  fail() {},
  succeed() {},
};

/** An error and its causes, as plain data. */
function describe(error) {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  return {
    name: error.name,
    message: error.message,
    code: error.code,
    stack: error.stack,
    cause: error.cause === undefined ? undefined : describe(error.cause),
    errors: Array.isArray(error.errors) ? error.errors.map(describe) : undefined,
  };
}

let outcome;
let module;
try {
  module = await import(pathToFileURL(path.join(bundleDir, 'index.mjs')).href);
} catch (error) {
  outcome = { kind: 'import-failed', error: describe(error) };
}
if (module && typeof module.handler !== 'function') {
  outcome = { kind: 'no-handler', exports: Object.keys(module) };
} else if (module) {
  try {
    outcome = { kind: 'returned', result: await module.handler(event, context) };
  } catch (error) {
    outcome = { kind: 'threw', error: describe(error) };
  }
}
process.stdout.write(`\n@@outcome@@${JSON.stringify(outcome)}\n`);
// Open sockets or timers of the SDK must not keep the process alive.
process.exit(0);
