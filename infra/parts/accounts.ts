import { type ManifestPart, staff } from '../declare';

/** Accounts: the account page with its contracts and money. */

/** An account's page is the customer work of its agent and supervisor, and finance's (money). */
const accountRead = staff('agent', 'supervisor', 'manager', 'finance');

export const accountsPart: ManifestPart = {
  functions: [
    {
      name: 'office-accounts',
      entry: 'functions/accounts/handlers/office-accounts.ts',
      description: 'Back office: an account with its contracts; sets and lifts its hold.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
      ],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
  ],
  routes: [
    {
      method: 'GET',
      path: '/office/accounts/{accountId}',
      function: 'office-accounts',
      access: accountRead,
    },
    // Who works an account may hold it (a dispute, a payment plan); the handler checks it is theirs.
    {
      method: 'POST',
      path: '/office/accounts/{accountId}/holds',
      function: 'office-accounts',
      access: accountRead,
    },
    {
      method: 'POST',
      path: '/office/accounts/{accountId}/holds/lift',
      function: 'office-accounts',
      access: accountRead,
    },
  ],
};
