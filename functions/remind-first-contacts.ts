import { firstContacts } from './core/jobs/first-contacts-job';
import { scheduledJobFunction } from './core/jobs/job-function';

/**
 * Scheduled daily (`{scheduledTime}`): reminds agents of first contacts coming due and tells
 * supervisors of overdue ones, through the outbox. Reads only the `leads-first-contact-due` index.
 * Runs through the job runner: a missed day is caught up, a killed run resumed.
 */
export const handler = scheduledJobFunction(firstContacts, 'First-contact reminders');
