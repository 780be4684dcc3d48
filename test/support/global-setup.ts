import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type LocalCloudProcess, startLocalCloudProcess } from './local-cloud-process';
import './local-cloud-context';

/**
 * One local cloud for the integration and e2e projects, on free ports and a fresh data folder.
 * Both projects name this setup; vitest runs them in one process, so the first starts the cloud,
 * the second shares it, and the last teardown stops it.
 */
interface Shared {
  users: number;
  started: Promise<{ cloud: LocalCloudProcess; dataDir: string }>;
}
const registry = globalThis as { deskLocalCloud?: Shared };

async function start(): Promise<{ cloud: LocalCloudProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-local-'));
  try {
    // The business's daily jobs reach every account in the table: tests run them for their own
    // dates (and job names) instead of letting clock moves fire them over everyone's data.
    const args = [
      '--hold-schedules',
      'first-contact-reminders,renewals,billing,arrears,statements',
    ];
    return { cloud: await startLocalCloudProcess({ dataDir, args }), dataDir };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export default async function setup(project: TestProject) {
  registry.deskLocalCloud ??= { users: 0, started: start() };
  const shared = registry.deskLocalCloud;
  shared.users++;
  let started: Awaited<Shared['started']>;
  try {
    started = await shared.started;
  } catch (error) {
    shared.users--;
    if (shared.users === 0) registry.deskLocalCloud = undefined;
    throw error;
  }
  project.provide('localCloud', started.cloud.endpoints);
  return async () => {
    shared.users--;
    if (shared.users > 0) return;
    registry.deskLocalCloud = undefined;
    await started.cloud.stop();
    rmSync(started.dataDir, { recursive: true, force: true });
  };
}
