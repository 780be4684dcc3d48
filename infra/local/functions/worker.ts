/**
 * Runs inside a worker thread: one Lambda execution environment. Imports the function's bundle
 * once (like a cold start) and handles one invocation at a time, sent by the runtime.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hideNodeVersionWarning } from '../quiet-warnings';

export interface InvocationRequest {
  requestId: string;
  payload: unknown;
  deadlineMs: number;
  /** How far the local cloud's clock runs ahead of real time. */
  clockOffsetMs: number;
}

export type InvocationResult =
  | { requestId: string; kind: 'returned'; payload: unknown }
  | {
      requestId: string;
      kind: 'failed';
      errorType: string;
      errorMessage: string;
      trace?: string[];
    };

export interface WorkerData {
  handlerUrl: string;
  functionName: string;
  functionArn: string;
  memoryMb: number;
}

type Handler = (event: unknown, context: unknown) => unknown;

const data = workerData as WorkerData;
let handlerPromise: Promise<Handler> | undefined;

process.setSourceMapsEnabled(true);
hideNodeVersionWarning();

/**
 * A handler that reads the time (`new Date()`, `Date.now()`) reads the local cloud's clock, as a
 * deployed one reads the real time, so a clock moved forward by days is the same time everywhere:
 * in the scheduler's `scheduledTime`, in Step Functions waits and in what handlers store.
 */
let clockOffsetMs = 0;
const RealDate = Date;
const localNow = () => RealDate.now() + clockOffsetMs;
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args, newTarget) =>
    Reflect.construct(target, args.length === 0 ? [localNow()] : args, newTarget),
  apply: () => new RealDate(localNow()).toString(),
  get: (target, property, receiver) =>
    property === 'now' ? localNow : Reflect.get(target, property, receiver),
});

function loadHandler(): Promise<Handler> {
  handlerPromise ??= import(data.handlerUrl).then((module) => {
    if (typeof module.handler !== 'function') {
      throw Object.assign(new Error(`${data.functionName}: the module does not export handler`), {
        name: 'Runtime.HandlerNotFound',
      });
    }
    return module.handler as Handler;
  });
  return handlerPromise;
}

function failure(requestId: string, error: unknown): InvocationResult {
  const err = error instanceof Error ? error : new Error(String(error));
  return {
    requestId,
    kind: 'failed',
    errorType: err.name || 'Error',
    errorMessage: err.message,
    trace: (err.stack ?? '').split('\n'),
  };
}

parentPort?.on('message', async (request: InvocationRequest) => {
  let result: InvocationResult;
  clockOffsetMs = request.clockOffsetMs;
  try {
    const handler = await loadHandler();
    const context = {
      functionName: data.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: data.functionArn,
      memoryLimitInMB: String(data.memoryMb),
      awsRequestId: request.requestId,
      logGroupName: `/aws/lambda/${data.functionName}`,
      logStreamName: `local/${process.pid}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, request.deadlineMs - RealDate.now()),
    };
    const returned = await handler(request.payload, context);
    // Lambda hands back JSON: what cannot be serialized is lost there too.
    const payload = returned === undefined ? null : JSON.parse(JSON.stringify(returned));
    result = { requestId: request.requestId, kind: 'returned', payload };
  } catch (error) {
    result = failure(request.requestId, error);
  }
  parentPort?.postMessage(result);
});
