import { type ManifestPart, staff } from '../declare';

/** Managers and finance look after the daily jobs' failed items. */
const jobItemsStaff = staff('manager', 'finance');

/**
 * Large job runs fanned out: the `daily-job` workflow plans a job's dates and runs each date's
 * items in shards, at most `maxConcurrency` at once (its input, 2 by default), so the sending
 * rate stays under SES's quota. Start it with `{job, scheduledTime, shards?, maxConcurrency?}`.
 */
export const dailyJobPart: ManifestPart = {
  functions: [
    {
      name: 'run-job-shard',
      entry: 'functions/daily-job/handlers/run-job-shard.ts',
      description:
        'Steps of the daily-job workflow: plans a job’s dates, runs one shard of a date’s items ' +
        '(each claimed once), records the date completed when every shard is done.',
      // What any registered job may need: its notices, PDFs (statements, invoices), events and
      // the key that signs renew links.
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'email' },
        { resource: 'documents', access: 'readWrite' },
        { resource: 'events' },
        { resource: 'signingKey' },
      ],
      timeoutSeconds: 900,
      // Statement PDFs are rendered here, with their fonts.
      memoryMb: 1024,
      bundlesFonts: true,
    },
    {
      name: 'office-job-items',
      entry: 'functions/daily-job/handlers/office-job-items.ts',
      description:
        'Back office: the daily jobs’ failed items (retry now, dismiss with a note) and those ' +
        'waiting for the company’s details.',
      // A retry starts a run of the job's retries (`daily-job`, retriesOnly).
      uses: [
        { resource: 'table', access: 'readWrite' },
        { resource: 'signingKey' },
        { resource: 'staffSignIn' },
        { resource: 'workflow', workflow: 'daily-job', access: 'start' },
      ],
      timeoutSeconds: 10,
      memoryMb: 256,
    },
  ],
  routes: [
    {
      method: 'GET',
      path: '/office/job-items',
      function: 'office-job-items',
      access: jobItemsStaff,
    },
    {
      method: 'POST',
      path: '/office/job-items/{itemRef}/retry',
      function: 'office-job-items',
      access: jobItemsStaff,
    },
    {
      method: 'POST',
      path: '/office/job-items/{itemRef}/dismiss',
      function: 'office-job-items',
      access: jobItemsStaff,
    },
  ],
  workflows: [
    {
      name: 'daily-job',
      file: 'workflows/daily-job.asl.json',
      description: 'A daily job’s run for its dates, each date’s items in parallel shards.',
      invokes: { RunJobShardFunctionArn: 'run-job-shard' },
    },
  ],
};
