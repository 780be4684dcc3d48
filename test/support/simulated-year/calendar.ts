import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Email } from 'aws-ses-v2-local/dist/store.js';
import { DateTime } from 'luxon';
import { findJob } from '../../../functions/daily-job/registry';
import { jobStore } from '../../../functions/shared/jobs/job-store';
import { type DailyJob, type JobSummary, runDailyJob } from '../../../functions/shared/jobs/runner';
import { addDays } from '../../../functions/shared/rules/job-dates';
import { at, type SimulatedDesk } from './desk';

/**
 * The simulated year's clock. Each business date the daily jobs run in their schedule's order
 * (renewals, billing, arrears, statements), built from the registry on the desk's environment,
 * at 23:30 in the company's zone by default (the last half hour of the day: in Los Angeles it is
 * the next day in UTC, so a zone mistake moves everything a day). The mailbox file is marked when a date begins, so each email is dated by the simulated
 * day it was sent on, whatever the wall clock did.
 */

export const jobsInOrder = ['renewals', 'billing', 'arrears', 'statements'] as const;
export type JobName = (typeof jobsInOrder)[number];

export interface DatedEmail {
  /** The simulated business date the desk sent it on. */
  date: string;
  to: string[];
  subject: string;
  text: string;
  attachments: string[];
}

export interface RunChoice {
  /**
   * Two runs of the job for the date: at once (Promise.all), each item must act once; or in turn,
   * the second finding everything done. Two runs at once share a date's items between them, so
   * the order of what they issue is theirs (two invoices of one day may swap numbers).
   */
  twice?: 'at once' | 'in turn';
  /** The run's moment (default: 23:30 of the date in the company's zone). */
  asOf?: Date;
  /** The job to run instead of the registry's (a wrapped one). */
  job?: DailyJob<unknown>;
  /** The moment the run happens (default: `asOf`). */
  now?: Date;
}

export interface CalendarOptions {
  /** Names the jobs' runs are kept under (default: the registry's names). */
  suffix?: string;
  /** When each job runs on its date, company time (default: 23:30 for all). */
  timeOf?: (name: JobName) => string;
}

export function simulatedCalendar(desk: SimulatedDesk, options: CalendarOptions = {}) {
  const timeOf = options.timeOf ?? (() => '23:30');
  const runs = jobStore(desk.table);
  const built = new Map<JobName, DailyJob<unknown>>();
  const marks: { date: string; offset: number }[] = [];
  const summaries: JobSummary[] = [];
  /** Wall-clock milliseconds spent per job, and in the day's actions. */
  const timings: Record<string, number> = {};
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[what] = (timings[what] ?? 0) + performance.now() - started;
    }
  };
  const size = () => (existsSync(desk.mailboxFile) ? statSync(desk.mailboxFile).size : 0);

  const registered = () => jobsInOrder.filter((name) => findJob(name) !== undefined);

  function jobOf(name: JobName): DailyJob<unknown> {
    let job = built.get(name);
    if (!job) {
      const definition = findJob(name);
      if (!definition) throw new Error(`The ${name} job is not registered`);
      job = definition.build(desk.env);
      if (options.suffix) job = { ...job, name: `${name}${options.suffix}` };
      built.set(name, job);
    }
    return job;
  }

  /** Runs a job for a date (nothing when it is not registered: its expectations fail). */
  async function run(name: JobName, date: string, choice: RunChoice = {}): Promise<JobSummary[]> {
    if (!choice.job && !findJob(name)) return [];
    const asOf = choice.asOf ?? at(date, timeOf(name), desk.zone);
    const now = choice.now ?? asOf;
    const job = choice.job ?? jobOf(name);
    const failures: string[] = [];
    const once = () =>
      runDailyJob(job, runs, {
        asOf,
        zone: desk.zone,
        now: () => now,
        onFailure: (failure, error) =>
          failures.push(
            `${failure.date} ${failure.itemId}: ${error instanceof Error ? error.stack : String(error)}`,
          ),
      });
    const done = await timed(name, () =>
      choice.twice === 'at once'
        ? Promise.all([once(), once()])
        : choice.twice === 'in turn'
          ? once().then(async (first) => [first, await once()])
          : once().then((summary) => [summary]),
    );
    for (const summary of done) {
      if (summary.failed > 0) {
        throw new Error(`${name} failed on ${summary.dates.join(', ')}:\n${failures.join('\n')}`);
      }
    }
    summaries.push(...done);
    return done;
  }

  /**
   * The days before `date` the job has not done yet (quiet days the year skips, or days the desk
   * was off), done by one run at `date`'s time as the runner catches up: every date in order.
   */
  async function catchUp(name: JobName, date: string) {
    if (!findJob(name)) return;
    const last = await runs.lastCompleted(jobOf(name).name);
    const dayBefore = addDays(date, -1);
    if (last === undefined || last >= dayBefore) return;
    const endOfDayBefore = DateTime.fromISO(dayBefore, { zone: desk.zone }).endOf('day');
    await run(name, dayBefore, {
      asOf: endOfDayBefore.toJSDate(),
      now: at(date, timeOf(name), desk.zone),
    });
  }

  return {
    zone: desk.zone,
    registered,
    catchUp,
    jobOf,
    run,
    summaries,
    timings,
    timed,
    /** From now on, what the mailbox receives was sent on `date` (or in what it names). */
    begin(date: string) {
      marks.push({ date, offset: size() });
    },
    /** Each job in order through the day before `date` (nothing if it is up to date). */
    async catchUpAll(date: string) {
      for (const name of jobsInOrder) await catchUp(name, date);
    },
    /** Every registered job for `date` (after the days it has not done), in order. */
    async runDay(
      date: string,
      choice: Pick<RunChoice, 'twice'> & { inTurn?: readonly JobName[] } = {},
    ) {
      for (const name of jobsInOrder) {
        await catchUp(name, date);
        await run(name, date, { twice: choice.inTurn?.includes(name) ? 'in turn' : choice.twice });
      }
    },
    /** The mailbox as the year left it, each email with the simulated date it was sent on. */
    emails(): DatedEmail[] {
      const bytes = existsSync(desk.mailboxFile) ? readFileSync(desk.mailboxFile) : Buffer.alloc(0);
      const emails: DatedEmail[] = [];
      let start = 0;
      while (start < bytes.length) {
        const end = bytes.indexOf(0x0a, start);
        const stop = end === -1 ? bytes.length : end;
        const line = bytes.subarray(start, stop).toString('utf8');
        if (line.trim() !== '') {
          const email = JSON.parse(line) as Email;
          const day = marks.filter((m) => m.offset <= start).at(-1);
          emails.push({
            date: day?.date ?? 'before the year',
            to: email.destination.to,
            subject: email.subject,
            text: email.body.text ?? '',
            attachments: email.attachments.map((a) => a.filename ?? a.contentType),
          });
        }
        start = stop + 1;
      }
      return emails;
    },
  };
}

export type SimulatedCalendar = ReturnType<typeof simulatedCalendar>;
