import { arrears } from './core/jobs/arrears-job';
import { scheduledJobFunction } from './core/jobs/job-function';

/**
 * Scheduled daily (`{scheduledTime}`): moves unpaid invoices up the arrears ladder (reminder,
 * second notice and call task, final notice and supervisor, suspension and manager), each step
 * once, through the outbox; publishes `AccountSuspended`. Reads only the `invoices-open-by-due`
 * index. Runs through the job runner: a missed day is caught up, a killed run resumed.
 */
export const handler = scheduledJobFunction(arrears, 'Arrears');
