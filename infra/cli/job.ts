/**
 * `npm run job -- <name> --as-of YYYY-MM-DD [--dry-run [--verbose]]`: runs a daily job for a
 * business date (and any date it missed before), then tries again what earlier runs left open,
 * with a progress bar on stderr and a summary on stdout that names each item failed and why.
 * `--dry-run --verbose` lists what it would do, item by item.
 *
 * Where it runs: against a running local cloud when `DESK_LOCAL_READY` holds the endpoints that
 * `npm start` printed (the JSON after `DESK_LOCAL_READY`); otherwise against whatever the standard
 * AWS variables point at (AWS itself, or the local endpoints from the banner's exports), with
 * TABLE_NAME, SENDER_ADDRESS and COMPANY_TIME_ZONE as the stack gives its functions.
 *
 * Exit codes: 0 done, 1 some items failed, 2 bad arguments or environment.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { attemptsPerItem } from '../../functions/daily-job/job-environment';
import { jobEnvironmentFromProcess } from '../../functions/daily-job/job-function';
import { findJob, jobs } from '../../functions/daily-job/registry';
import { jobStore } from '../../functions/shared/jobs/job-store';
import { type ItemPlan, type JobSummary, runDailyJob } from '../../functions/shared/jobs/runner';
import { parseBusinessDate } from '../../functions/shared/rules/job-dates';
import type { LocalCloudEndpoints } from '../../test/support/local-cloud-context';
import { localCredentials } from '../local/aws-clients';
import { localArn, localNames } from '../local/names';
import { hideNodeVersionWarning } from '../local/quiet-warnings';
import { progressBar } from './progress';

class UsageError extends Error {
  override name = 'UsageError';
}

const usage = `Usage: npm run job -- <name> --as-of YYYY-MM-DD [--dry-run [--verbose]]
Jobs: ${jobs.map((j) => `${j.name} (${j.description})`).join('; ')}`;

interface Arguments {
  name: string;
  asOf: string;
  dryRun: boolean;
  verbose: boolean;
}

export function parseJobArguments(argv: string[]): Arguments {
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        'as-of': { type: 'string' },
        'dry-run': { type: 'boolean' },
        verbose: { type: 'boolean' },
      },
    });
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [name, ...extra] = parsed.positionals;
  if (!name) throw new UsageError('name: give the job to run');
  if (extra.length > 0)
    throw new UsageError(`name: one job at a time (also got ${extra.join(' ')})`);
  if (!findJob(name)) {
    throw new UsageError(
      `name: there is no job "${name}"; the jobs are ${jobs.map((j) => j.name).join(', ')}`,
    );
  }
  const asOf = parsed.values['as-of'];
  if (asOf === undefined) throw new UsageError('--as-of: give the business date, YYYY-MM-DD');
  try {
    parseBusinessDate(asOf, '--as-of');
  } catch {
    throw new UsageError(`--as-of: ${asOf} is not a date (YYYY-MM-DD)`);
  }
  const dryRun = parsed.values['dry-run'] ?? false;
  const verbose = parsed.values.verbose ?? false;
  if (verbose && !dryRun) throw new UsageError('--verbose: lists what a --dry-run would do');
  return { name, asOf, dryRun, verbose };
}

/** Points the SDK at the local cloud when its endpoints are given; answers the job's settings. */
function environment(): { tableName: string; sender: string; zone: string } {
  const ready = process.env.DESK_LOCAL_READY;
  if (ready) {
    let endpoints: LocalCloudEndpoints;
    try {
      endpoints = JSON.parse(ready) as LocalCloudEndpoints;
    } catch {
      throw new UsageError('DESK_LOCAL_READY: must be the JSON that npm start printed after it');
    }
    Object.assign(process.env, {
      AWS_REGION: endpoints.region,
      AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodbEndpoint,
      AWS_ENDPOINT_URL_SESV2: endpoints.sesEndpoint,
      AWS_ENDPOINT_URL_S3: endpoints.s3Endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventsEndpoint,
      DOCUMENTS_BUCKET: process.env.DOCUMENTS_BUCKET ?? localNames.documentsBucket,
      EVENT_BUS_NAME: process.env.EVENT_BUS_NAME ?? localNames.eventBus,
      // Renewal reminders carry signed links to the desk's pages.
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManagerEndpoint,
      SIGNING_KEY_SECRET_ID:
        process.env.SIGNING_KEY_SECRET_ID ?? localArn.secret(localNames.signingKeySecret),
      PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? endpoints.gatewayUrl,
    });
    // The local cloud's deploy settings default to the CDK context, as `npm start` does.
    const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
    const context = JSON.parse(readFileSync(resolve(root, 'cdk.json'), 'utf8')).context;
    return {
      tableName: endpoints.tableName,
      sender: process.env.SENDER_ADDRESS ?? context.senderAddress,
      zone: process.env.COMPANY_TIME_ZONE ?? context.companyTimeZone,
    };
  }
  const need = (name: string) => {
    const value = process.env[name];
    if (!value) {
      throw new UsageError(
        `${name}: not set. Run against the local cloud with DESK_LOCAL_READY='<JSON from npm start>', ` +
          'or give the values of the deployed stack (TABLE_NAME, SENDER_ADDRESS, COMPANY_TIME_ZONE, ' +
          'DOCUMENTS_BUCKET, EVENT_BUS_NAME, SIGNING_KEY_SECRET_ID, PUBLIC_BASE_URL)',
      );
    }
    return value;
  };
  return {
    tableName: need('TABLE_NAME'),
    sender: need('SENDER_ADDRESS'),
    zone: need('COMPANY_TIME_ZONE'),
  };
}

export function summaryText(summary: JobSummary): string {
  const dates = summary.dates.length
    ? `${summary.dates[0]}${summary.dates.length > 1 ? ` to ${summary.dates.at(-1)}` : ''}`
    : 'nothing to do (already completed)';
  const more = [
    [summary.waiting, 'waiting for the company’s details'],
    [summary.leftForPerson, 'failed before and left for a person'],
    [summary.busy, 'left to another run'],
  ] as const;
  const lines = [
    `${summary.job}${summary.dryRun ? ' (dry run: nothing sent or recorded)' : ''}: ${dates}`,
    `${summary.dryRun ? 'would send' : 'sent'} ${summary.sent}, skipped ${summary.skipped}, failed ${summary.failed}` +
      more.map(([count, what]) => (count ? `, ${what} ${count}` : '')).join(''),
  ];
  if (!summary.dryRun && summary.dates.length) {
    lines.push(
      summary.completed.length
        ? `completed through ${summary.completed.at(-1)}`
        : 'no date completed: run again to finish',
    );
  }
  for (const f of summary.failures) {
    lines.push(`failed: ${f.itemId} (${f.date}, attempt ${f.attempts}): ${f.reason}`);
  }
  if (summary.failed + summary.leftForPerson > 0) {
    lines.push('Failed items are listed in the back office at /office/job-items.');
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  hideNodeVersionWarning();
  let args: Arguments;
  let env: ReturnType<typeof environment>;
  try {
    args = parseJobArguments(process.argv.slice(2));
    env = environment();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  const definition = findJob(args.name);
  if (!definition) return 2;
  Object.assign(process.env, {
    TABLE_NAME: env.tableName,
    SENDER_ADDRESS: env.sender,
    COMPANY_TIME_ZONE: env.zone,
  });
  const jobEnv = jobEnvironmentFromProcess();
  const table = jobEnv.table;
  const job = definition.build(jobEnv);
  // The run is for the end of the business date given: everything due that day.
  const asOf = DateTime.fromISO(args.asOf, { zone: env.zone }).endOf('day').toJSDate();
  const bar = progressBar(process.stderr, args.name);
  const plans: string[] = [];
  const summary = await runDailyJob(job, jobStore(table), {
    asOf,
    zone: env.zone,
    now: () => new Date(),
    dryRun: args.dryRun,
    attemptsPerItem: await attemptsPerItem(jobEnv.settings),
    onProgress: bar.update,
    ...(args.verbose
      ? { onPlan: (p: ItemPlan) => plans.push(`${p.date} ${p.itemId}: ${p.plan}`) }
      : {}),
  });
  bar.finish();
  table.client.destroy();
  if (plans.length) process.stdout.write(`${plans.join('\n')}\n`);
  process.stdout.write(`${summaryText(summary)}\n`);
  return summary.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      `The job could not run: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    );
    process.exit(1);
  },
);
