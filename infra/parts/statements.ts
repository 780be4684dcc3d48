import { type ManifestPart, staff } from '../declare';

/** Read like the account: agents their own, supervisors their team's, managers and finance all. */
const accountRead = staff('agent', 'supervisor', 'manager', 'finance');

/** Statements: last month's statement for every account with activity or a balance. */
export const statementsPart: ManifestPart = {
  indexes: [
    {
      name: 'accounts-active-by-month',
      partitionKey: 'activePk',
      sortKey: 'activeSk',
      accessPattern:
        'Accounts with money activity in a month, or a balance carried into it (activePk = ' +
        'ACCOUNTS-ACTIVE#<yyyy-mm>, activeSk = <accountId>): the statement run on the 1st.',
    },
  ],
  functions: [
    {
      name: 'office-statements',
      entry: 'functions/statements/handlers/office-statements.ts',
      description: "Back office: an account's monthly statements and their PDFs.",
      uses: [
        { resource: 'table', access: 'read' },
        { resource: 'documents', access: 'read' },
        { resource: 'signingKey' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
  ],
  routes: [
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/statements',
      function: 'office-statements',
      access: accountRead,
    },
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/statements/{month}/pdf',
      function: 'office-statements',
      access: accountRead,
    },
  ],
  schedules: [
    {
      name: 'statements',
      description:
        "Daily at 08:00: on the statement day (the 1st by default), last month's statements.",
      expression: 'cron(0 8 * * ? *)',
      timeZone: 'company',
      // Through the daily-job workflow: large runs fan out in shards (infra/parts/daily-job.ts).
      target: { workflow: 'daily-job', input: { job: 'statements' } },
    },
  ],
};
