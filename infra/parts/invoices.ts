import { type ManifestPart, staff } from '../declare';

/** Invoices and the account ledger: the first invoice of a contract, the invoice pages. */
export const invoicesPart: ManifestPart = {
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
};
