import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalCloudProcess } from '../support/local-cloud-process';
import './local-cloud-context';

/** One local cloud for the integration tests, on free ports and a fresh data folder. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-local-'));
  let cloud: Awaited<ReturnType<typeof startLocalCloudProcess>>;
  try {
    cloud = await startLocalCloudProcess({ dataDir });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  project.provide('localCloud', cloud.endpoints);
  return async () => {
    await cloud.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
