import { type ManifestPart, staff } from '../declare';

/**
 * Invoicing: invoices and the account ledger (the first invoice of a contract, the invoice
 * pages), and the daily billing
 * run (recurring fees of contract terms; last month's charges on the 13th), the `billing` job of
 * the registry run by the daily-job workflow.
 */

export const invoicingPart: ManifestPart = {
  indexes: [
    {
      name: 'invoices-open-by-due',
      partitionKey: 'openPk',
      sortKey: 'openSk',
      accessPattern:
        'Unpaid invoices by due date, one partition per due month (openPk = ' +
        'OPEN-INVOICES#<yyyy-mm>, openSk = <dueDate>#<number>): dunning, ageing and statements ' +
        'read the months up to today and only the invoices still open. Removed when paid.',
    },
    {
      name: 'invoices-by-dunning-date',
      partitionKey: 'dunningPk',
      sortKey: 'dunningSk',
      accessPattern:
        'Unpaid invoices by the day the arrears ladder next acts on them, one partition per ' +
        'month: not chased yet by due date (dunningPk = DUNNING-DUE#<yyyy-mm>), chased by the ' +
        'date of their next step (DUNNING-NEXT#<yyyy-mm>); dunningSk = <date>#<number>. The daily ' +
        'arrears run reads only the invoices with a step due. Removed when paid or the ladder is done.',
    },
    {
      name: 'invoices-by-account',
      partitionKey: 'invoiceAccountPk',
      sortKey: 'invoiceAccountSk',
      accessPattern:
        "An account's invoices and credit notes, newest first (invoiceAccountPk = " +
        'ACCOUNT#<accountId>, invoiceAccountSk = <issueDate>#<number>): the account page and ' +
        'statements.',
    },
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
      name: 'issue-first-invoice',
      entry: 'functions/invoicing/handlers/issue-first-invoice.ts',
      description:
        "Issues a signed contract's first invoice once (when it is due now), stores its PDF and " +
        'emails it to the customer through the outbox.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'documents', access: 'readWrite' },
        { resource: 'email' },
      ],
      timeoutSeconds: 60,
      memoryMb: 1024,
      bundlesFonts: true,
    },
    {
      name: 'office-invoices',
      entry: 'functions/invoicing/handlers/office-invoices.ts',
      description:
        'Back office: an invoice and its PDF, and the arrears list (finance, managers, the ' +
        'account’s staff).',
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
    // Agents and supervisors pass the gate; the page then shows only their accounts' invoices.
    {
      method: 'GET',
      path: '/office/invoices',
      function: 'office-invoices',
      access: staff('agent', 'supervisor', 'manager', 'finance'),
    },
    {
      method: 'GET',
      path: '/office/invoices/{number}',
      function: 'office-invoices',
      access: staff('agent', 'supervisor', 'manager', 'finance'),
    },
    {
      method: 'GET',
      path: '/office/invoices/{number}/pdf',
      function: 'office-invoices',
      access: staff('agent', 'supervisor', 'manager', 'finance'),
    },
    {
      method: 'GET',
      path: '/office/arrears',
      function: 'office-invoices',
      access: staff('agent', 'supervisor', 'manager', 'finance'),
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
