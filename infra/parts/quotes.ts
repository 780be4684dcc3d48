import { type FunctionDeclaration, type ManifestPart, signedLink, staff } from '../declare';

/** Quotes: drawn up in the back office, approved when special, emailed, accepted or declined. */

const stepUses = [
  { resource: 'table', access: 'readWrite' },
  { resource: 'email' },
] as const satisfies FunctionDeclaration['uses'];

const step = (
  name: string,
  description: string,
  uses: FunctionDeclaration['uses'] = stepUses,
): FunctionDeclaration => ({
  name,
  entry: `functions/quotes/handlers/${name}.ts`,
  description,
  uses,
  timeoutSeconds: 30,
  memoryMb: 256,
});

const office = staff('agent', 'supervisor', 'manager');

export const quotesPart: ManifestPart = {
  functions: [
    {
      name: 'office-quotes',
      entry: 'functions/quotes/handlers/office-quotes.ts',
      description:
        'Back office: a new quote for a lead (starts its workflow), a quote with its timeline, ' +
        'the supervisor decision on special terms.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
        { resource: 'workflow', workflow: 'quote', access: 'start' },
        { resource: 'workflow', workflow: 'quote', access: 'callback' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    // readWrite: the first read of the business rules on a new desk seeds them.
    step('check-quote', 'Tells the quote workflow whether a quote waits for a supervisor.', [
      { resource: 'table', access: 'readWrite' },
    ]),
    step(
      'request-quote-approval',
      "Keeps a quote's approval token and emails the team's supervisor signed links.",
      [
        ...stepUses,
        { resource: 'signingKey' },
        { resource: 'workflow', workflow: 'quote', access: 'callback' },
      ],
    ),
    step(
      'escalate-quote-approval',
      'Tells the managers that special terms were not decided in 3 business days.',
    ),
    step(
      'send-quote',
      'Emails the customer the quote in their language with a signed link to answer it.',
      [...stepUses, { resource: 'signingKey' }],
    ),
    step(
      'close-quote',
      'Records how a quote ended (rejected, expired, declined, accepted) and tells its agent.',
    ),
    {
      name: 'answer-quote',
      entry: 'functions/quotes/handlers/answer-quote.ts',
      description: 'The customer accepts or declines a quote through its signed link.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'workflow', workflow: 'quote', access: 'callback' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
    {
      name: 'decide-quote-approval',
      entry: 'functions/quotes/handlers/decide-quote-approval.ts',
      description: 'A supervisor approves or rejects special terms through the emailed link.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'workflow', workflow: 'quote', access: 'callback' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
  ],
  routes: [
    {
      method: 'GET',
      path: '/office/leads/{leadId}/quotes/new',
      function: 'office-quotes',
      access: office,
    },
    {
      method: 'POST',
      path: '/office/leads/{leadId}/quotes/new',
      function: 'office-quotes',
      access: office,
    },
    { method: 'GET', path: '/office/quotes/{quoteId}', function: 'office-quotes', access: office },
    {
      method: 'POST',
      path: '/office/quotes/{quoteId}/decision',
      function: 'office-quotes',
      access: staff('supervisor', 'manager'),
    },
    { method: 'GET', path: '/quotes/answer/{token}', function: 'answer-quote', access: signedLink },
    {
      method: 'POST',
      path: '/quotes/answer/{token}',
      function: 'answer-quote',
      access: signedLink,
    },
    {
      method: 'GET',
      path: '/quotes/approval/{token}',
      function: 'decide-quote-approval',
      access: signedLink,
    },
    {
      method: 'POST',
      path: '/quotes/approval/{token}',
      function: 'decide-quote-approval',
      access: signedLink,
    },
  ],
  workflows: [
    {
      name: 'quote',
      file: 'workflows/quote.asl.json',
      description:
        'A quote: special terms wait for a supervisor (escalated after 3 business days), then ' +
        'the customer gets it by email and accepts or declines it until it expires; accepted, ' +
        'its contract is drafted.',
      invokes: {
        CheckQuoteFunctionArn: 'check-quote',
        RequestQuoteApprovalFunctionArn: 'request-quote-approval',
        EscalateQuoteApprovalFunctionArn: 'escalate-quote-approval',
        SendQuoteFunctionArn: 'send-quote',
        CloseQuoteFunctionArn: 'close-quote',
        // CONTRACTS' function: drafts the contract of the accepted quote.
        StartContractFunctionArn: 'start-contract',
      },
    },
  ],
};
