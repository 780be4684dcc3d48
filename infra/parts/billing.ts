import { type ManifestPart, staff, type Use } from '../declare';

/**
 * Billing: usage and miscellaneous charges (back-office form, CSV import) and the daily billing
 * run (recurring fees of contract terms; last month's charges on the 13th), the `billing` job of
 * the registry run by the daily-job workflow.
 */

const table: Use = { resource: 'table', access: 'readWrite' };
const office: Use[] = [table, { resource: 'signingKey' }, { resource: 'staffSignIn' }];
/** The account's agent (the page checks it is theirs), finance and managers record charges. */
const recorders = staff('agent', 'finance', 'manager');

export const billingPart: ManifestPart = {
  indexes: [
    {
      name: 'billing-terms-due',
      partitionKey: 'billingDuePk',
      sortKey: 'billingDueSk',
      accessPattern:
        'Contract terms with a period still to invoice, by next billing day (billingDuePk = ' +
        'BILLING-DUE#<yyyy>, billingDueSk = <day>#<contractId>#<termStart>): the billing run ' +
        'reads this year and last up to its date. Removed when the term is billed through.',
    },
    {
      name: 'charges-unbilled',
      partitionKey: 'chargesUnbilledPk',
      sortKey: 'chargesUnbilledSk',
      accessPattern:
        'Charges not yet invoiced, one partition per month (chargesUnbilledPk = ' +
        'CHARGES-UNBILLED#<yyyy-mm>, chargesUnbilledSk = <accountId>#<currency>#<date>#<id>): ' +
        'the billing run on the 13th. Removed once billed and emailed.',
    },
  ],
  functions: [
    {
      name: 'office-charges',
      entry: 'functions/payments/handlers/office-charges.ts',
      description:
        'Back office: records usage and miscellaneous charges on an account (once per ' +
        'reference) and imports a CSV of charges (all rows or none).',
      uses: office,
      timeoutSeconds: 30,
      memoryMb: 256,
    },
  ],
  routes: [
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/charges/new',
      function: 'office-charges',
      access: recorders,
    },
    {
      method: 'POST',
      path: '/office/accounts/{accountId}/charges',
      function: 'office-charges',
      access: recorders,
    },
    {
      method: 'GET',
      path: '/office/charges/import',
      function: 'office-charges',
      access: staff('finance', 'manager'),
    },
    {
      method: 'POST',
      path: '/office/charges/import',
      function: 'office-charges',
      access: staff('finance', 'manager'),
    },
    // A charge not yet billed is voided by finance or a manager, with a reason.
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/charges/{chargeId}/void',
      function: 'office-charges',
      access: staff('finance', 'manager'),
    },
    {
      method: 'POST',
      path: '/office/accounts/{accountId}/charges/{chargeId}/void',
      function: 'office-charges',
      access: staff('finance', 'manager'),
    },
  ],
  schedules: [
    {
      name: 'billing',
      description:
        'Daily at 06:30: recurring fees at month end (prepaid before the period, net in ' +
        'arrears), quarterly and annual on their dates, last month’s charges on the 13th.',
      expression: 'cron(30 6 * * ? *)',
      timeZone: 'company',
      // Through the daily-job workflow: large runs fan out in shards (infra/parts/daily-job.ts).
      target: { workflow: 'daily-job', input: { job: 'billing' } },
    },
  ],
};
