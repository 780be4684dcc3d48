import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { InvalidPayload } from './core/errors';
import { completeDate, planDates, runShard } from './core/jobs/fan-out';
import { jobEnvironmentFromProcess } from './core/jobs/job-function';
import { jobStore } from './core/jobs/job-store';
import { findJob, jobs } from './core/jobs/registry';

/**
 * The steps of the `daily-job` workflow, for any registered job:
 * `{step: 'plan', job, scheduledTime, shards?}` answers the dates to run and the shard numbers;
 * `{step: 'shard', job, date, asOf, shard, shards}` acts on that shard's items of the date;
 * `{step: 'complete', job, date, shards, results}` records the date completed when every shard
 * has all its items done, else throws `JobDateIncomplete` (the next run runs the date again).
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
]);

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
        const dates = await planDates(job, progress, new Date(input.scheduledTime), env.zone);
        logger.info('Job run planned', { job: job.name, dates: dates.map((d) => d.date) });
        return { dates, shards: [...Array(input.shards).keys()] };
      }
      case 'shard': {
        if (input.shard >= input.shards) {
          throw new InvalidPayload(`shard: must be below shards (${input.shards})`);
        }
        const summary = await runShard(job, progress, {
          date: input.date,
          asOf: new Date(input.asOf),
          shard: input.shard,
          shards: input.shards,
          now: () => new Date(),
          onFailure: (itemId, itemDate, error) =>
            logger.warn('Job item failed', { job: job.name, itemId, date: itemDate, error }),
        });
        logger.info('Job shard run', { job: job.name, date: input.date, ...summary });
        return summary;
      }
      case 'complete':
        return completeDate(job, progress, input.date, input.results, input.shards, new Date());
    }
  });
