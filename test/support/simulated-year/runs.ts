import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DailyJob, JobSummary } from '../../../functions/shared/jobs/runner';
import { repositoryRoot } from '../local-cloud-process';
import type { SimulatedCalendar } from './calendar';
import { at, type SimulatedDesk, sender } from './desk';

/** The year's two unusual days: an arrears run through the CLI, a statement run killed. */

const run = promisify(execFile);

/**
 * Renewals and billing as usual, then arrears through `npm run job -- arrears --as-of <date>`
 * against the desk (its printed summary), then the schedule's own arrears run of the same date,
 * then statements. Answers the CLI's output and the schedule's run.
 */
export async function arrearsThroughTheCli(
  desk: SimulatedDesk,
  calendar: SimulatedCalendar,
  date: string,
): Promise<{ stdout: string; again: JobSummary | undefined }> {
  for (const name of ['renewals', 'billing'] as const) {
    await calendar.catchUp(name, date);
    await calendar.run(name, date, { twice: 'at once' });
  }
  await calendar.catchUp('arrears', date);
  const { stdout } = await run('npx', ['tsx', 'infra/cli/job.ts', 'arrears', '--as-of', date], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      DESK_LOCAL_READY: JSON.stringify(desk.endpoints),
      COMPANY_TIME_ZONE: desk.zone,
      SENDER_ADDRESS: sender,
    },
  });
  const [again] = await calendar.run('arrears', date);
  await calendar.catchUp('statements', date);
  await calendar.run('statements', date, { twice: 'at once' });
  return { stdout, again };
}

/**
 * The day's jobs, but the statement run dies after its second account's email went out, before
 * that account was marked done (its `act` never returns, as in a killed process). Run again 20
 * minutes later, past the runner's 15-minute lease, it takes that account over and does the
 * rest. Answers the second run's summary.
 */
export async function statementsKilledAndResumed(
  calendar: SimulatedCalendar,
  date: string,
): Promise<JobSummary | undefined> {
  for (const name of ['renewals', 'billing', 'arrears'] as const) {
    await calendar.catchUp(name, date);
    await calendar.run(name, date, { twice: 'at once' });
  }
  await calendar.catchUp('statements', date);
  const real = calendar.jobOf('statements');
  let acted = 0;
  let secondSent: () => void = () => {};
  const killed = new Promise<void>((resolve) => {
    secondSent = resolve;
  });
  const dying: DailyJob<unknown> = {
    ...real,
    async act(item, day, asOf, now) {
      const outcome = await real.act(item, day, asOf, now);
      if (++acted === 2) {
        secondSent();
        await new Promise(() => {}); // killed: never finishes, never marks the item
      }
      return outcome;
    },
  };
  void calendar.run('statements', date, { job: dying });
  await killed;
  const [resumed] = await calendar.run('statements', date, {
    asOf: at(date, '23:50', calendar.zone),
  });
  return resumed;
}
