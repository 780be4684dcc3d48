import type { ManifestPart } from '../declare';

/** The outbox: every email is claimed, sent and marked once; what was not sent is retried. */
export const outboxPart: ManifestPart = {
  indexes: [
    {
      name: 'outbox-unsent',
      partitionKey: 'unsentPk',
      sortKey: 'unsentSk',
      accessPattern:
        'Outbox messages claimed but not yet sent, oldest claim first. The outbox retry job ' +
        'reads only these; the attribute is removed when a message is sent.',
    },
  ],
  functions: [
    {
      name: 'retry-outbox',
      entry: 'functions/retry-outbox.ts',
      description: 'Sends outbox messages that were claimed but never sent.',
      uses: [{ resource: 'table', access: 'readWrite' }, { resource: 'email' }],
      timeoutSeconds: 300,
      memoryMb: 256,
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
