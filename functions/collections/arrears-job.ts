import { accountStore } from '../accounts/store/accounts';
import {
  type JobDefinition,
  type JobEnvironment,
  required,
  rulesPerDate,
} from '../daily-job/job-environment';
import { ledgerStore } from '../invoicing/store/ledger';
import type { EventPublisher } from '../shared/events';
import type { DailyJob } from '../shared/jobs/runner';
import { staffStore } from '../staff/store/staff-store';
import {
  type ArrearsCandidate,
  arrearsCandidate,
  arrearsCandidates,
  performArrearsStep,
} from './arrears';
import { arrearsStore } from './store/arrears';

/**
 * The arrears ladder as a daily job: one item per open invoice with a step within reach on the
 * date; acting on it re-reads the invoice, balance and account and performs the step once.
 */
export function arrearsJob(
  env: JobEnvironment,
  options: {
    events?: EventPublisher;
    onDelayed?: (what: string, error: Error) => void;
    /** Told how many open invoices a date's candidates were chosen from (the bench). */
    onRead?: (date: string, read: number, candidates: number) => void;
  } = {},
): DailyJob<ArrearsCandidate> {
  const arrears = arrearsStore(env.table);
  const deps = {
    arrears,
    accounts: accountStore(env.table),
    ledger: ledgerStore(env.table),
    staff: staffStore(env.table),
    outbox: env.outbox,
    tableName: env.table.name,
    sender: env.sender,
    ...options,
    events: options.events ?? required(env.events, 'events', 'arrears'),
  };
  const rulesFor = rulesPerDate(env.settings);
  return {
    name: 'arrears',
    async items(date) {
      const rules = await rulesFor(date);
      const { candidates, read } = await arrearsCandidates(arrears, rules.dunning.ladder, date);
      options.onRead?.(date, read, candidates.length);
      return candidates.map((candidate) => ({ id: candidate.number, item: candidate }));
    },
    async reload(number, date) {
      return arrearsCandidate(arrears, (await rulesFor(date)).dunning.ladder, number, date);
    },
    async act(candidate, date, _asOf, now) {
      return performArrearsStep(deps, await rulesFor(date), candidate, date, now);
    },
  };
}

export const arrears: JobDefinition = {
  name: 'arrears',
  description:
    'Moves unpaid invoices up the dunning ladder: reminders, notices, suspension (once each).',
  build: (env) => arrearsJob(env),
};
