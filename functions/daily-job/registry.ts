import { arrears } from '../collections/arrears-job';
import { billing } from '../invoicing/billing-job';
import { firstContacts } from '../leads/first-contacts-job';
import { renewals } from '../renewals/renewals-job';
import { statements } from '../statements/statements-job';
import type { JobDefinition } from './job-environment';

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
