import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../support/local-cloud-process';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm start`'s program directly (node + tsx), with the given PATH and arguments. */
function runStart(args: string[], path = process.env.PATH ?? ''): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs'), 'infra/local/start.ts', ...args],
      { cwd: repositoryRoot, env: { ...process.env, PATH: path }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });
}

describe('npm start refuses to start, clearly', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'desk-refusals-'));
  const dataDir = join(scratch, 'data');
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('without Java: says how to install it, exit 1, no stack trace', async () => {
    const bin = join(scratch, 'bin-without-java');
    rmSync(bin, { recursive: true, force: true });
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    const run = await runStart(['--ports', 'auto', '--data-dir', dataDir], bin);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Java was not found');
    expect(run.stderr).toContain('sudo apt-get install default-jre-headless');
    expect(run.stderr).toContain('brew install openjdk@17');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('with Java older than 17: names the version it found', async () => {
    const bin = join(scratch, 'bin-old-java');
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, join(bin, 'node'));
    writeFileSync(
      join(bin, 'java'),
      '#!/bin/sh\necho \'openjdk version "11.0.20" 2023-07-18\' >&2\n',
    );
    chmodSync(join(bin, 'java'), 0o755);
    const run = await runStart(['--ports', 'auto', '--data-dir', dataDir], bin);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Java 11 was found');
  });

  it('with a port in use: names the port and the flag that changes it', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runStart(['--gateway-port', String(port), '--data-dir', dataDir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`Port ${port}`);
      expect(run.stderr).toContain('--gateway-port');
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('with a bad setting: names it', async () => {
    const run = await runStart([
      '--ports',
      'auto',
      '--time-zone',
      'Mars/Olympus',
      '--data-dir',
      dataDir,
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('companyTimeZone');
  });
});
