/**
 * Where the daily jobs' figures are found in CloudWatch: written by `job-metrics.ts`, watched by
 * the stack's alarm (`infra/constructs/job-alarms.ts`). Kept apart so the stack needs no more.
 */
export const jobMetricNames = {
  namespace: 'CustomerDesk',
  service: 'daily-jobs',
  itemFailed: 'JobItemFailed',
} as const;
