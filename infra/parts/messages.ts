import { type ManifestPart, staff } from '../declare';

/** Managers and finance look after the messages the desk could not be sure of. */
const outboxStaff = staff('manager', 'finance');

/** The outbox: every email is claimed, sent and marked once; what was not sent is retried. */
export const messagesPart: ManifestPart = {
  indexes: [
    {
      name: 'outbox-unsent',
      partitionKey: 'unsentPk',
      sortKey: 'unsentSk',
      accessPattern:
        'Outbox messages claimed (or being sent) but not yet sent, oldest first, and events ' +
        'recorded but not yet published (`EVENT#pending`). The retry job reads only these; the ' +
        'attribute is removed when a message is sent or an event published.',
    },
    {
      name: 'outbox-attention',
      partitionKey: 'attentionPk',
      sortKey: 'attentionSk',
      accessPattern:
        'Uncertain and failed outbox messages, oldest first: the back office lists them for ' +
        'staff to confirm or re-send; the attribute is removed when a message is sent.',
    },
  ],
  functions: [
    {
      name: 'retry-outbox',
      entry: 'functions/messages/handlers/retry-outbox.ts',
      description: 'Sends outbox messages that were claimed but never sent.',
      // Documents: a retried message sends its attachments, read from the bucket.
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'email' },
        { resource: 'documents', access: 'read' },
        // Events recorded with a business change but never published are published here.
        { resource: 'events' },
      ],
      timeoutSeconds: 300,
      memoryMb: 256,
    },
    {
      name: 'record-email-feedback',
      entry: 'functions/messages/handlers/record-email-feedback.ts',
      description:
        'SES bounces and complaints (SNS): marks the address, tells its agent once; the outbox ' +
        'then refuses to send to it.',
      // Email: the agent's notice goes through the outbox.
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      receivesEmailFeedback: true,
      timeoutSeconds: 30,
      memoryMb: 256,
    },
    {
      name: 'office-outbox',
      entry: 'functions/messages/handlers/office-outbox.ts',
      description: 'Back office: uncertain and failed outbox messages; confirm or re-send.',
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
        { resource: 'email' },
        { resource: 'documents', access: 'read' },
      ],
      timeoutSeconds: 30,
      memoryMb: 256,
    },
  ],
  routes: [
    { method: 'GET', path: '/office/outbox', function: 'office-outbox', access: outboxStaff },
    {
      method: 'POST',
      path: '/office/outbox/{messageRef}/confirm',
      function: 'office-outbox',
      access: outboxStaff,
    },
    {
      method: 'POST',
      path: '/office/outbox/{messageRef}/resend',
      function: 'office-outbox',
      access: outboxStaff,
    },
    {
      method: 'POST',
      path: '/office/outbox/{messageRef}/clear-address',
      function: 'office-outbox',
      access: outboxStaff,
    },
  ],
  schedules: [
    {
      name: 'outbox-retry',
      description: 'Every 10 minutes: send what the outbox claimed but did not send.',
      expression: 'cron(0/10 * * * ? *)',
      timeZone: 'company',
      target: { function: 'retry-outbox' },
    },
  ],
};
