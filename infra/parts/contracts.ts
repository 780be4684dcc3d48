import {
  type FunctionDeclaration,
  type ManifestPart,
  signedLink,
  staff,
  type Use,
} from '../declare';

/**
 * Contracts and accounts: drafted from an accepted quote, documents, two approvals, the
 * customer's signature, activation (the account opens), the signed PDF and the welcome.
 */

const table: Use = { resource: 'table', access: 'readWrite' };
const email: Use = { resource: 'email' };
const signingKey: Use = { resource: 'signingKey' };
const documents: Use = { resource: 'documents', access: 'readWrite' };
const callback: Use = { resource: 'workflow', workflow: 'contract', access: 'callback' };
const start: Use = { resource: 'workflow', workflow: 'contract', access: 'start' };

const step = (
  name: string,
  description: string,
  uses: readonly Use[],
  extra: Partial<FunctionDeclaration> = {},
): FunctionDeclaration => ({
  name,
  entry: `functions/contracts/handlers/${name}.ts`,
  description,
  uses,
  timeoutSeconds: 30,
  memoryMb: 256,
  ...extra,
});

/** Contracts are customer work: agents (their own), supervisors (their team), managers. */
const office = staff('agent', 'supervisor', 'manager');

export const contractsPart: ManifestPart = {
  indexes: [
    {
      name: 'contracts-by-team',
      partitionKey: 'contractTeamPk',
      sortKey: 'contractListSk',
      accessPattern:
        "A team's contracts, newest first (contractTeamPk = CONTRACTS#<team>, contractListSk = " +
        "<draftedAt>#<contractId>): the back office's contract list (an agent's own are filtered " +
        'from their team; a manager reads every team).',
    },
  ],
  functions: [
    step('start-contract', "Drafts an accepted quote's contract once and starts its workflow.", [
      table,
      start,
    ]),
    step('check-contract-documents', "Says which of a contract's documents are missing.", [table]),
    step(
      'request-contract-documents',
      'Keeps the documents step token; tells the agent what is missing, emails the customer a link.',
      [table, email, signingKey, callback],
    ),
    step(
      'request-contract-approval',
      'Keeps an approval token; emails the supervisor or managers signed approve/reject links.',
      [table, email, signingKey, callback],
    ),
    step(
      'escalate-contract-approval',
      'Tells the managers once that a contract approval was not given in 3 business days.',
      [table, email],
    ),
    step('return-contract', 'Marks a rejected contract returned and tells its agent.', [
      table,
      email,
    ]),
    step(
      'request-contract-signature',
      'Keeps the signature token; emails the customer a signing link in their language.',
      [table, email, signingKey],
    ),
    step('activate-contract', 'Opens the account and makes the signed contract active.', [table]),
    step(
      'archive-signed-contract',
      'Archives the signed contract PDF and emails the customer a welcome with it attached.',
      [table, email, documents],
      { timeoutSeconds: 60, memoryMb: 1024, bundlesFonts: true },
    ),
    step(
      'contract-documents-link',
      "The customer's upload page for a contract's documents (signed link).",
      [table, signingKey, documents, callback],
      { memoryMb: 512 },
    ),
    step(
      'contract-approval-link',
      "An approver's approve/reject page for a contract (signed link).",
      [table, signingKey, callback],
    ),
    step('contract-signature-link', "The customer's signing page for a contract (signed link).", [
      table,
      signingKey,
      callback,
    ]),
    step(
      'office-contracts',
      'Back office: contracts, their documents (upload, download), approvals, resubmission.',
      [table, signingKey, documents, callback, start, { resource: 'staffSignIn' }],
      { memoryMb: 512 },
    ),
  ],
  routes: [
    {
      method: 'GET',
      path: '/contracts/documents/{token}',
      function: 'contract-documents-link',
      access: signedLink,
    },
    {
      method: 'POST',
      path: '/contracts/documents/{token}',
      function: 'contract-documents-link',
      access: signedLink,
    },
    {
      method: 'GET',
      path: '/contracts/approval/{token}',
      function: 'contract-approval-link',
      access: signedLink,
    },
    {
      method: 'POST',
      path: '/contracts/approval/{token}',
      function: 'contract-approval-link',
      access: signedLink,
    },
    {
      method: 'GET',
      path: '/contracts/sign/{token}',
      function: 'contract-signature-link',
      access: signedLink,
    },
    {
      method: 'POST',
      path: '/contracts/sign/{token}',
      function: 'contract-signature-link',
      access: signedLink,
    },
    { method: 'GET', path: '/office/contracts', function: 'office-contracts', access: office },
    {
      method: 'GET',
      path: '/office/contracts/{contractId}',
      function: 'office-contracts',
      access: office,
    },
    {
      method: 'GET',
      path: '/office/contracts/{contractId}/documents/{fileId}',
      function: 'office-contracts',
      access: office,
    },
    {
      method: 'POST',
      path: '/office/contracts/{contractId}/documents',
      function: 'office-contracts',
      access: office,
    },
    {
      method: 'POST',
      path: '/office/contracts/{contractId}/approval',
      function: 'office-contracts',
      access: staff('supervisor', 'manager'),
    },
    {
      method: 'POST',
      path: '/office/contracts/{contractId}/resubmit',
      function: 'office-contracts',
      access: office,
    },
    {
      method: 'GET',
      path: '/office/contracts/{contractId}/edit',
      function: 'office-contracts',
      access: office,
    },
    {
      method: 'POST',
      path: '/office/contracts/{contractId}/edit',
      function: 'office-contracts',
      access: office,
    },
  ],
  workflows: [
    {
      name: 'contract',
      file: 'workflows/contract.asl.json',
      description:
        'A contract from its accepted quote: documents, supervisor and manager approval, the ' +
        "customer's signature, activation, the signed PDF with a welcome, the first invoice.",
      invokes: {
        CheckContractDocumentsFunctionArn: 'check-contract-documents',
        RequestContractDocumentsFunctionArn: 'request-contract-documents',
        RequestContractApprovalFunctionArn: 'request-contract-approval',
        EscalateContractApprovalFunctionArn: 'escalate-contract-approval',
        ReturnContractFunctionArn: 'return-contract',
        RequestContractSignatureFunctionArn: 'request-contract-signature',
        ActivateContractFunctionArn: 'activate-contract',
        ArchiveSignedContractFunctionArn: 'archive-signed-contract',
        IssueFirstInvoiceFunctionArn: 'issue-first-invoice',
      },
    },
  ],
};
