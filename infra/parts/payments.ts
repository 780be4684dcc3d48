import { importChunkTimeoutSeconds } from '../../functions/payments/rules/bank-import';
import { type ManifestPart, staff, type Use } from '../declare';

/**
 * Payments received: recorded by finance and managers (API, back-office form, bank statement
 * import in the background), receipts; write-offs by managers; usage and miscellaneous charges
 * (back-office form, CSV import), billed on the next invoice.
 */

const table: Use = { resource: 'table', access: 'readWrite' };
const email: Use = { resource: 'email' };
/** Who records payments (DOMAIN.md: finance; managers may do everything). */
const recorders = staff('finance', 'manager');
/** The account's agent (the page checks it is theirs), finance and managers record charges. */
const chargeRecorders = staff('agent', 'finance', 'manager');
/** At the back office's payment form: also agents, for the cash and cheques they collect. */
const collectors = staff('agent', 'finance', 'manager');
/** Who writes off what cannot be collected (DOMAIN.md, "People and roles"). */
const writersOff = staff('finance', 'manager');
/** A payment's page is read like its account: the account's agent and supervisor too. */
const readers = staff('agent', 'supervisor', 'manager', 'finance');

export const paymentsPart: ManifestPart = {
  functions: [
    {
      name: 'record-payment',
      entry: 'functions/payments/handlers/record-payment.ts',
      description:
        'POST /payments: records a payment once per Idempotency-Key, pays the open invoices ' +
        'oldest first (or the one named), keeps the rest as credit, emails the receipt.',
      uses: [table, email],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'office-payments',
      entry: 'functions/payments/handlers/office-payments.ts',
      description:
        'Back office: record a payment on an account, a payment with its receipt, and the ' +
        'reversal of a mis-posted one (what it paid opens again).',
      uses: [table, email, { resource: 'signingKey' }, { resource: 'staffSignIn' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'office-payment-import',
      entry: 'functions/payments/handlers/office-payment-import.ts',
      description:
        'Back office: takes a CSV bank statement (kept in the documents bucket) and starts its ' +
        'import in the background; the import pages show its progress and the past imports.',
      uses: [
        table,
        { resource: 'documents', access: 'readWrite' },
        { resource: 'workflow', workflow: 'bank-statement-import', access: 'start' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 30,
      memoryMb: 512,
    },
    {
      name: 'run-bank-statement-import',
      entry: 'functions/payments/handlers/run-bank-statement-import.ts',
      description:
        'Steps of the bank-statement-import workflow: imports a statement chunk by chunk, each ' +
        'row matched to an account recorded once (a re-imported file adds nothing) with its receipt.',
      // Reads the uploaded file; each row is a payment and a receipt.
      uses: [table, email, { resource: 'documents', access: 'read' }],
      timeoutSeconds: importChunkTimeoutSeconds,
      memoryMb: 512,
    },
    {
      name: 'office-write-offs',
      entry: 'functions/payments/handlers/office-write-offs.ts',
      description:
        'Back office: a manager writes off what cannot be collected (the whole balance marks ' +
        'the account written off).',
      uses: [table, { resource: 'signingKey' }, { resource: 'staffSignIn' }],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'office-credit-notes',
      entry: 'functions/payments/handlers/office-credit-notes.ts',
      description:
        'Back office: a credit note (full or partial) for an invoice, in the CN series, with its ' +
        'PDF, emailed to the customer.',
      uses: [
        table,
        email,
        { resource: 'documents', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 30,
      memoryMb: 1024,
      bundlesFonts: true,
    },
    {
      name: 'office-charges',
      entry: 'functions/payments/handlers/office-charges.ts',
      description:
        'Back office: records usage and miscellaneous charges on an account (once per ' +
        'reference) and imports a CSV of charges (all rows or none).',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
  ],
  workflows: [
    {
      name: 'bank-statement-import',
      file: 'workflows/bank-statement-import.asl.json',
      description: 'A bank statement imported in the background, chunk by chunk, each row once.',
      invokes: { RunBankStatementImportFunctionArn: 'run-bank-statement-import' },
    },
  ],
  routes: [
    { method: 'POST', path: '/payments', function: 'record-payment', access: recorders },
    {
      method: 'GET',
      path: '/office/invoices/{number}/credit-notes/new',
      function: 'office-credit-notes',
      access: recorders,
    },
    {
      method: 'POST',
      path: '/office/invoices/{number}/credit-notes',
      function: 'office-credit-notes',
      access: recorders,
    },
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/write-offs/new',
      function: 'office-write-offs',
      access: writersOff,
    },
    {
      method: 'POST',
      path: '/office/accounts/{accountId}/write-offs',
      function: 'office-write-offs',
      access: writersOff,
    },
    {
      method: 'GET',
      path: '/office/payments/import',
      function: 'office-payment-import',
      access: recorders,
    },
    {
      method: 'POST',
      path: '/office/payments/import',
      function: 'office-payment-import',
      access: recorders,
    },
    {
      method: 'GET',
      path: '/office/payments/imports/{importId}',
      function: 'office-payment-import',
      access: recorders,
    },
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/payments/new',
      function: 'office-payments',
      access: collectors,
    },
    {
      method: 'POST',
      path: '/office/accounts/{accountId}/payments',
      function: 'office-payments',
      access: collectors,
    },
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/payments/{paymentId}',
      function: 'office-payments',
      access: readers,
    },
    // A mis-posted payment is reversed by finance or a manager, with a reason.
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/payments/{paymentId}/reversal',
      function: 'office-payments',
      access: recorders,
    },
    {
      method: 'POST',
      path: '/office/accounts/{accountId}/payments/{paymentId}/reversal',
      function: 'office-payments',
      access: recorders,
    },
    {
      method: 'GET',
      path: '/office/accounts/{accountId}/charges/new',
      function: 'office-charges',
      access: chargeRecorders,
    },
    {
      method: 'POST',
      path: '/office/accounts/{accountId}/charges',
      function: 'office-charges',
      access: chargeRecorders,
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
};
