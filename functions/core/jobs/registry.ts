import { arrears } from './arrears-job';
import { billing } from './billing-job';
import { firstContacts } from './first-contacts-job';
import type { JobDefinition } from './job-environment';
import { renewals } from './renewals-job';
import { statements } from './statements-job';

export type { JobDefinition, JobEnvironment } from './job-environment';

/** Every daily job. Registering one is one line here (arrears, renewals, statements, billing). */
export const jobs: readonly JobDefinition[] = [
  firstContacts,
  renewals,
  billing,
  arrears,
  statements,
];

export function findJob(name: string): JobDefinition | undefined {
  return jobs.find((job) => job.name === name);
}
