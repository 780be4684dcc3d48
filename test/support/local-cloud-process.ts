import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalCloudEndpoints } from './local-cloud-context';

export const repositoryRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface LocalCloudProcess {
  endpoints: LocalCloudEndpoints;
  child: ChildProcess;
  /** Everything the process printed so far (for failure messages). */
  output(): string;
  /** SIGTERM to the whole process group, then SIGKILL to whatever is left. */
  stop(): Promise<void>;
  /** SIGKILL to the whole process group at once: a crash, Java included. */
  kill(): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  env?: Record<string, string>;
  /** More `npm start` flags. */
  args?: string[];
  timeoutMs?: number;
}

const readyPrefix = 'DESK_LOCAL_READY ';

/**
 * Runs `npm start`'s program as its own process group (`detached`), so that stopping it also
 * stops DynamoDB Local's Java process and every worker, whatever happens to the parent.
 */
export function startLocalCloudProcess(options: StartOptions): Promise<LocalCloudProcess> {
  const child = spawn(
    'npx',
    [
      'tsx',
      'infra/local/start.ts',
      '--ports',
      'auto',
      '--data-dir',
      options.dataDir,
      ...(options.args ?? []),
    ],
    {
      cwd: repositoryRoot,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...options.env },
    },
  );
  let output = '';
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch (error) {
      // ESRCH: the whole group is gone already.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  };
  const groupAlive = () => {
    try {
      if (child.pid) process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const waitForGroupGone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (groupAlive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  };

  const stop = async () => {
    signalGroup('SIGTERM');
    await waitForGroupGone(15_000);
    signalGroup('SIGKILL');
    await waitForGroupGone(5_000);
  };
  const kill = async () => {
    signalGroup('SIGKILL');
    await waitForGroupGone(10_000);
  };

  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      void stop().then(() =>
        rejectStart(
          new Error(`The local cloud did not get ready in time:\n${output.slice(-4000)}`),
        ),
      );
    }, options.timeoutMs ?? 170_000);
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      if (process.env.DESK_LOCAL_VERBOSE) process.stdout.write(text);
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith(readyPrefix)) continue;
        clearTimeout(timer);
        const endpoints = JSON.parse(line.slice(readyPrefix.length)) as LocalCloudEndpoints;
        resolveStart({ endpoints, child, output: () => output, stop, kill });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.DESK_LOCAL_VERBOSE) process.stderr.write(chunk);
    });
    void exit.then(() => {
      clearTimeout(timer);
      void stop();
      rejectStart(new Error(`The local cloud exited before it was ready:\n${output.slice(-4000)}`));
    });
  });
}
