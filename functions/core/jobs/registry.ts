import { arrears } from './arrears-job';
import { firstContacts } from './first-contacts-job';
import type { JobDefinition } from './job-environment';

export type { JobDefinition, JobEnvironment } from './job-environment';

/** Every daily job. Registering one is one line here (arrears, renewals, statements, billing). */
export const jobs: readonly JobDefinition[] = [firstContacts, arrears];

export function findJob(name: string): JobDefinition | undefined {
  return jobs.find((job) => job.name === name);
}
