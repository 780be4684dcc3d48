import type { ManifestPart } from '../declare';

/** Arrears: the daily dunning ladder over the open invoices. */
export const arrearsPart: ManifestPart = {
  functions: [
    {
      name: 'run-arrears',
      entry: 'functions/run-arrears.ts',
      description:
        'Daily: moves unpaid invoices up the arrears ladder, each step once, through the outbox.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'email' },
        // AccountSuspended is published when the ladder suspends an account.
        { resource: 'events' },
      ],
      timeoutSeconds: 900,
      memoryMb: 512,
    },
  ],
  schedules: [
    {
      name: 'arrears',
      description:
        'Daily at 07:00: reminders (3 days late), second notices (14), final notices (30), ' +
        'suspensions (45).',
      expression: 'cron(0 7 * * ? *)',
      timeZone: 'company',
      target: { function: 'run-arrears' },
    },
  ],
};
