import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { InvalidPayload } from '../../shared/errors';
import { completeDate, planDates, retryShard, runShard } from '../../shared/jobs/fan-out';
import type { ItemCounts } from '../../shared/jobs/item-attempts';
import { countFailedItem } from '../../shared/jobs/job-metrics';
import { jobStore } from '../../shared/jobs/job-store';
import { businessDateOf } from '../../shared/rules/job-dates';
import { attemptsPerItem } from '../job-environment';
import { jobEnvironmentFromProcess } from '../job-function';
import { findJob, jobs } from '../registry';

/**
 * The steps of the `daily-job` workflow, for any registered job:
 * `{step: 'plan', job, scheduledTime, shards?, retriesOnly?}` answers the dates to run (none when
 * only open items are to be tried again) and the shard numbers;
 * `{step: 'shard', job, date, asOf, shard, shards}` acts on that shard's items of the date;
 * `{step: 'complete', job, date, shards, results}` records the date completed when every shard
 * has settled its items (failed ones are listed, not blocking), else throws `JobDateIncomplete`
 * (an item held by another run: the next run runs the date again);
 * `{step: 'retry', job, scheduledTime, runStartedAt, shard, shards}` tries again the shard's items
 * that earlier runs left failed or waiting, as of the run's business date.
 * `progressName` keeps the run's progress under another name than the job's (a rehearsal).
 */

const logger = new Logger();
const env = jobEnvironmentFromProcess();
const progress = jobStore(env.table);
const built = new Map(jobs.map((definition) => [definition.name, definition.build(env)]));

const name = z.string().regex(/^[a-z0-9-]{1,80}$/, { error: 'must be a job name' });
const date = z.string().regex(/^\d{4}-\d\d-\d\d$/, { error: 'must be a date (YYYY-MM-DD)' });
const shardCount = z.number().int().min(1).max(64);
const common = {
  job: z.string().refine((job) => findJob(job) !== undefined, {
    error: `must be one of ${jobs.map((j) => j.name).join(', ')}`,
  }),
  progressName: name.optional(),
};
const payload = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('plan'),
    ...common,
    scheduledTime: z.iso.datetime({ offset: true }),
    shards: shardCount.default(4),
    retriesOnly: z.boolean().default(false),
  }),
  z.object({
    step: z.literal('shard'),
    ...common,
    date,
    asOf: z.iso.datetime({ offset: true }),
    shard: z.number().int().min(0),
    shards: shardCount,
  }),
  z.object({
    step: z.literal('complete'),
    ...common,
    date,
    shards: shardCount,
    results: z.array(z.object({ shard: z.number().int().min(0), allDone: z.boolean() })),
  }),
  z.object({
    step: z.literal('retry'),
    ...common,
    scheduledTime: z.iso.datetime({ offset: true }),
    /** The execution's start: what its dates tried is not tried again. */
    runStartedAt: z.iso.datetime({ offset: true }),
    shard: z.number().int().min(0),
    shards: shardCount,
  }),
]);

/** A step's counts for the workflow: each failure is logged here, not carried in its state. */
const countsOnly = <T extends ItemCounts>({ failures, ...counts }: T) => counts;

export const handler = middy<unknown, unknown>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const parsed = payload.safeParse(event);
    if (!parsed.success) {
      throw new InvalidPayload(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; '),
      );
    }
    const input = parsed.data;
    const definition = built.get(input.job);
    if (!definition) throw new InvalidPayload(`job: ${input.job} is not registered`);
    const job = { ...definition, name: input.progressName ?? definition.name };
    switch (input.step) {
      case 'plan': {
        const dates = input.retriesOnly
          ? []
          : await planDates(job, progress, new Date(input.scheduledTime), env.zone);
        logger.info('Job run planned', { job: job.name, dates: dates.map((d) => d.date) });
        return { dates, shards: [...Array(input.shards).keys()] };
      }
      case 'shard':
      case 'retry': {
        if (input.shard >= input.shards) {
          throw new InvalidPayload(`shard: must be below shards (${input.shards})`);
        }
        const asOf = new Date(input.step === 'shard' ? input.asOf : input.scheduledTime);
        const options = {
          date: input.step === 'shard' ? input.date : businessDateOf(asOf, env.zone),
          asOf,
          shard: input.shard,
          shards: input.shards,
          now: () => new Date(),
          attemptsPerItem: await attemptsPerItem(env.settings),
          onFailure: (failure: object, error: unknown) => {
            logger.warn('Job item failed', { job: job.name, ...failure, error });
            countFailedItem(job.name);
          },
        };
        const summary =
          input.step === 'shard'
            ? await runShard(job, progress, options)
            : await retryShard(job, progress, {
                ...options,
                runStartedAt: new Date(input.runStartedAt),
              });
        const counts = countsOnly(summary);
        logger.info(input.step === 'shard' ? 'Job shard run' : 'Job items retried', {
          job: job.name,
          date: options.date,
          ...counts,
        });
        return counts;
      }
      case 'complete':
        return completeDate(job, progress, input.date, input.results, input.shards, new Date());
    }
  });
