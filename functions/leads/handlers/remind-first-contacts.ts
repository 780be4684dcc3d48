import { scheduledJobFunction } from '../../daily-job/job-function';
import { firstContacts } from '../first-contacts-job';

/**
 * Scheduled daily (`{scheduledTime}`): reminds agents of first contacts coming due and tells
 * supervisors of overdue ones, through the outbox. Reads only the `leads-first-contact-due` index.
 * Runs through the job runner: a missed day is caught up, a killed run resumed.
 */
export const handler = scheduledJobFunction(firstContacts, 'First-contact reminders');
