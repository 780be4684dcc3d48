import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { InvalidPayload } from '../errors';
import { countFailedItem } from './job-metrics';
import type { JobStore } from './job-store';
import { type DailyJob, type JobSummary, runDailyJob } from './runner';

/**
 * The Lambda handler of a scheduled daily job: EventBridge Scheduler passes `{scheduledTime}`,
 * the job runner catches up every business date since the last completed one.
 */
export function scheduledJobHandler(options: {
  logger: Logger;
  job: DailyJob<unknown>;
  progress: JobStore;
  zone: string;
  /** Names the job in the log: "Arrears run", "Arrears step failed". */
  label: string;
  /** How many times a failed item is tried in all (`jobs.attemptsPerItem`), read per run. */
  attemptsPerItem: () => Promise<number>;
}) {
  const { logger, job, progress, zone, label } = options;
  return middy<{ scheduledTime?: unknown }, JobSummary>()
    .use(injectLambdaContext(logger))
    .handler(async (event) => {
      const asOf = scheduledTime(event?.scheduledTime);
      const run = await runDailyJob(job, progress, {
        asOf,
        zone,
        now: () => new Date(),
        attemptsPerItem: await options.attemptsPerItem(),
        onFailure: (failure, error) => {
          logger.warn(`${label} step failed`, { ...failure, error });
          countFailedItem(job.name);
        },
      });
      logger.info(`${label} run`, { scheduledTime: asOf.toISOString(), ...run });
      return run;
    });
}

function scheduledTime(value: unknown): Date {
  // Invoked by hand without a time, the run is for now.
  if (value === undefined) return new Date();
  const time = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(time.getTime())) {
    throw new InvalidPayload('scheduledTime must be an ISO 8601 date-time');
  }
  return time;
}
