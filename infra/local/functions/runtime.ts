import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LambdaInvoker, LambdaOutcome } from '@customer-desk/local-stepfunctions';
import type { FunctionBundle } from './bundle';
import type { InvocationRequest, InvocationResult, WorkerData } from './worker';

// The local Step Functions service and the gateway call functions the same way.
export type { LambdaInvoker, LambdaOutcome } from '@customer-desk/local-stepfunctions';

export interface FunctionsRuntimeOptions {
  bundles: FunctionBundle[];
  workerFile: string;
  /** The environment each function runs with: exactly this, nothing from our own process. */
  environment: (bundle: FunctionBundle) => Record<string, string>;
  functionArn: (name: string) => string;
  /** How far the local clock runs ahead of real time; handlers see that time. */
  clockOffsetMs?: () => number;
  /** Execution environments per function, like Lambda's concurrent instances. */
  concurrency?: number;
  log: (line: string) => void;
}

export interface FunctionsRuntime {
  invoke: LambdaInvoker;
  stop(): Promise<void>;
}

interface Environment {
  worker: Worker;
  /** Taken by an invocation, from the moment it is chosen until its outcome is known. */
  reserved: boolean;
  busy?: { request: InvocationRequest; finish: (outcome: LambdaOutcome) => void };
}

/** Lambda's own name for a function that ran past its timeout. */
const timedOut = (seconds: number): LambdaOutcome => ({
  kind: 'failed',
  errorType: 'Sandbox.Timedout',
  errorMessage: `Task timed out after ${seconds.toFixed(2)} seconds`,
});

/**
 * Runs each declared function in worker threads, one invocation per worker at a time, each worker
 * with only the function's declared environment, and the declared timeout enforced by ending it.
 */
export function startFunctionsRuntime(options: FunctionsRuntimeOptions): FunctionsRuntime {
  const concurrency = options.concurrency ?? 4;
  const pools = new Map(
    options.bundles.map((bundle) => [
      bundle.declaration.name,
      { bundle, environments: [] as Environment[], waiting: [] as (() => void)[] },
    ]),
  );
  let stopped = false;

  function startEnvironment(bundle: FunctionBundle): Environment {
    const { declaration } = bundle;
    const data: WorkerData = {
      handlerUrl: pathToFileURL(bundle.file).href,
      functionName: declaration.name,
      functionArn: options.functionArn(declaration.name),
      memoryMb: declaration.memoryMb,
    };
    const worker = new Worker(options.workerFile, {
      workerData: data,
      env: options.environment(bundle),
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(declaration.memoryMb, 128) },
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      createInterface({ input: stream }).on('line', (line) =>
        options.log(`[${declaration.name}] ${line}`),
      );
    }
    const environment: Environment = { worker, reserved: false };
    worker.on('message', (result: InvocationResult) => {
      const busy = environment.busy;
      if (!busy || busy.request.requestId !== result.requestId) return;
      const { requestId: _, ...outcome } = result;
      busy.finish(outcome);
    });
    // An uncaught error or an exit ends the environment; the invocation in it fails.
    worker.on('error', (error) => {
      environment.busy?.finish({
        kind: 'failed',
        errorType: error.name === 'Error' ? 'Runtime.UnhandledError' : error.name,
        errorMessage: error.message,
        trace: (error.stack ?? '').split('\n'),
      });
      discard(declaration.name, environment);
    });
    worker.on('exit', (code) => {
      environment.busy?.finish({
        kind: 'failed',
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${environment.busy.request.requestId} Error: Runtime exited with error: exit status ${code}`,
      });
      discard(declaration.name, environment);
    });
    return environment;
  }

  function discard(name: string, environment: Environment): void {
    const pool = pools.get(name);
    if (!pool) return;
    pool.environments = pool.environments.filter((e) => e !== environment);
    pool.waiting.shift()?.();
  }

  async function acquire(name: string): Promise<Environment> {
    const pool = pools.get(name);
    if (!pool) throw new Error(`No function named ${name}`);
    for (;;) {
      if (stopped) throw new Error('The local cloud is stopping');
      const idle = pool.environments.find((e) => !e.reserved);
      if (idle) {
        idle.reserved = true;
        return idle;
      }
      if (pool.environments.length < concurrency) {
        const environment = startEnvironment(pool.bundle);
        environment.reserved = true;
        pool.environments.push(environment);
        return environment;
      }
      await new Promise<void>((resolve) => pool.waiting.push(resolve));
    }
  }

  const invoke: LambdaInvoker = async (functionArn, payload) => {
    const name = functionArn.startsWith('arn:') ? (functionArn.split(':')[6] ?? '') : functionArn;
    const pool = pools.get(name);
    if (!pool) {
      return {
        kind: 'failed',
        errorType: 'Lambda.ResourceNotFoundException',
        errorMessage: `Function not found: ${functionArn}`,
      };
    }
    const environment = await acquire(name);
    const timeoutSeconds = pool.bundle.declaration.timeoutSeconds;
    const request: InvocationRequest = {
      requestId: randomUUID(),
      payload,
      deadlineMs: Date.now() + timeoutSeconds * 1000,
      clockOffsetMs: options.clockOffsetMs?.() ?? 0,
    };
    return new Promise<LambdaOutcome>((resolve) => {
      const timer = setTimeout(() => {
        finish(timedOut(timeoutSeconds));
        // Lambda freezes and discards an environment that timed out.
        discard(name, environment);
        void environment.worker.terminate();
      }, timeoutSeconds * 1000);
      const finish = (outcome: LambdaOutcome) => {
        if (environment.busy?.request !== request) return;
        clearTimeout(timer);
        environment.busy = undefined;
        environment.reserved = false;
        pool.waiting.shift()?.();
        resolve(outcome);
      };
      environment.busy = { request, finish };
      environment.worker.postMessage(request);
    });
  };

  return {
    invoke,
    async stop() {
      stopped = true;
      const all = [...pools.values()].flatMap((p) => p.environments);
      for (const pool of pools.values()) for (const wake of pool.waiting.splice(0)) wake();
      await Promise.all(all.map((e) => e.worker.terminate()));
    },
  };
}

export const bundleDirectory = (bundle: FunctionBundle) => dirname(bundle.file);
