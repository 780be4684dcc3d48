import { type ManifestPart, signedLink } from '../declare';

/** Renewals: the daily run over contracts near their end, and the customer's renew link. */
export const renewalsPart: ManifestPart = {
  indexes: [
    {
      name: 'contracts-by-end',
      partitionKey: 'contractEndPk',
      sortKey: 'contractEndSk',
      accessPattern:
        'Active contracts by the end of their current term (contractEndPk = ' +
        'CONTRACT-ENDS#<yyyy-mm>, contractEndSk = <endDate>#<contractId>; only active contracts, ' +
        'removed when lapsed): the renewals run reads the months from 62 days back to 30 ahead.',
    },
  ],
  functions: [
    {
      name: 'renew-contract',
      entry: 'functions/renewals/handlers/renew-contract.ts',
      description:
        'The customer renews a contract on the same terms, or asks for a new quote, through the signed link.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'email' },
        { resource: 'signingKey' },
        { resource: 'events' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
  ],
  routes: [
    { method: 'GET', path: '/renewals/{token}', function: 'renew-contract', access: signedLink },
    { method: 'POST', path: '/renewals/{token}', function: 'renew-contract', access: signedLink },
  ],
  schedules: [
    {
      name: 'renewals',
      description:
        'Daily at 06:00: renewal reminders (30/7 days; 15/3 for advertising and placement), ' +
        'auto-renewal notices and agents told (30), lapse or renewal at the end.',
      expression: 'cron(0 6 * * ? *)',
      timeZone: 'company',
      // Through the daily-job workflow: large runs fan out in shards (infra/parts/daily-job.ts).
      target: { workflow: 'daily-job', input: { job: 'renewals' } },
    },
  ],
};
