import type { Outbox } from '../mail/outbox';
import type { SettingsStore } from '../store/settings-store';
import type { Table } from '../store/table';
import { arrears } from './arrears-job';
import { firstContacts } from './first-contacts-job';
import type { DailyJob } from './runner';

/** What every job is built from: the same on AWS, on the local cloud and in the CLI. */
export interface JobEnvironment {
  table: Table;
  settings: SettingsStore;
  outbox: Outbox;
  sender: string;
  zone: string;
}

export interface JobDefinition {
  /** The name `npm run job -- <name>` takes. */
  name: string;
  description: string;
  build(env: JobEnvironment): DailyJob<unknown>;
}

/** Every daily job. Registering one is one line here (arrears, renewals, statements, billing). */
export const jobs: readonly JobDefinition[] = [firstContacts, arrears];

export function findJob(name: string): JobDefinition | undefined {
  return jobs.find((job) => job.name === name);
}
