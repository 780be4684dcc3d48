import type { ManifestPart } from '../declare';

/** Collections: the daily arrears (dunning) ladder over the open invoices. */
export const collectionsPart: ManifestPart = {
  schedules: [
    {
      name: 'arrears',
      description:
        'Daily at 07:00: reminders (3 days late), second notices (14), final notices (30), ' +
        'suspensions (45).',
      expression: 'cron(0 7 * * ? *)',
      timeZone: 'company',
      // Through the daily-job workflow: large runs fan out in shards (infra/parts/daily-job.ts).
      target: { workflow: 'daily-job', input: { job: 'arrears' } },
    },
  ],
};
