import { accountStore } from '../accounts/store/accounts';
import { contractStore } from '../contracts/store/contracts';
import {
  type JobDefinition,
  type JobEnvironment,
  required,
  rulesPerDate,
} from '../daily-job/job-environment';
import type { EventPublisher } from '../shared/events';
import type { DailyJob } from '../shared/jobs/runner';
import { type SigningKeyInput, signingKeyReader } from '../shared/signing-key';
import { staffStore } from '../staff/store/staff-store';
import { performRenewalActions, type RenewalDeps, renewalCandidates } from './contract-renewals';
import { renewalLink } from './renewal-link';

/**
 * Renewals as a daily job: one item per active contract listed for the date (near or past its
 * end, or its next action due); acting on it re-reads the contract and does each due action once.
 */
export function renewalsJob(
  env: JobEnvironment,
  options: {
    events?: EventPublisher;
    /** The key that signs renew links; read from SIGNING_KEY_SECRET_ID when not given. */
    signingKey?: () => Promise<SigningKeyInput>;
    onDelayed?: (what: string, error: Error) => void;
    /** Told how many contracts a date's candidates were read from (tests). */
    onRead?: (date: string, read: number) => void;
  } = {},
): DailyJob<string> {
  const signingKey = options.signingKey ?? signingKeyFromProcess();
  const deps: RenewalDeps = {
    table: env.table,
    contracts: contractStore(env.table),
    accounts: accountStore(env.table),
    staff: staffStore(env.table),
    outbox: env.outbox,
    sender: env.sender,
    events: options.events ?? required(env.events, 'events', 'renewals'),
    renewLink: async (contract, term) => renewalLink(contract, term, await signingKey(), env.zone),
    ...(options.onDelayed ? { onDelayed: options.onDelayed } : {}),
  };
  const rulesFor = rulesPerDate(env.settings);
  return {
    name: 'renewals',
    async items(date) {
      const { ids, read } = await renewalCandidates(env.table, await rulesFor(date), date);
      options.onRead?.(date, read);
      return ids.map((id) => ({ id, item: id }));
    },
    // The actions due are worked out from the contract, read again when acting.
    async reload(contractId) {
      return contractId;
    },
    async act(contractId, date, _asOf, now) {
      return performRenewalActions(deps, await rulesFor(date), contractId, date, now);
    },
  };
}

/** Read on first use, so a run with nothing to remind never needs the secret. */
function signingKeyFromProcess(): () => Promise<SigningKeyInput> {
  let reader: (() => Promise<SigningKeyInput>) | undefined;
  return () => {
    const secretId = process.env.SIGNING_KEY_SECRET_ID;
    if (!secretId) {
      throw new Error(
        'The renewals job needs SIGNING_KEY_SECRET_ID (the signing key of renew links): declare ' +
          "{ resource: 'signingKey' } in its function",
      );
    }
    reader ??= signingKeyReader(secretId);
    return reader();
  };
}

export const renewals: JobDefinition = {
  name: 'renewals',
  description:
    'Reminds customers of contracts ending (30/7, 15/3 days, auto-renewal notice), tells agents, ' +
    'lapses or renews contracts at their end (once each).',
  build: (env) => renewalsJob(env),
};
