import { isValid, ulid } from 'ulidx';
import { InvalidPayload, RecordMissing } from '../shared/errors';
import { addBusinessDays } from '../shared/rules/business-calendar';
import type { TimelineEntry } from '../shared/store/timeline';
import type { WorkflowStarter } from '../shared/workflow';
import { loadBusinessRules } from '../staff/settings/settings';
import type { SettingsStore } from '../staff/settings/settings-store';
import {
  type AcceptedQuote,
  type Contract,
  draftContractFromQuote as draftFrom,
  missingDocuments,
} from './rules/contract';
import { ContractChanged, type ContractStore, type ExtraWrite } from './store/contracts';

/**
 * A contract from its accepted quote to the start of its workflow, and what every contract step
 * shares: finding the contract, the approval window, the execution name of a round.
 */

export const isContractId = (value: unknown): value is string =>
  typeof value === 'string' && isValid(value);

/** A contract drafted from an accepted quote, with a new id (a ULID of `asOf`). */
export function draftContractFromQuote(quote: AcceptedQuote, asOf: Date): Contract {
  return draftFrom(quote, ulid(asOf.getTime()), asOf);
}

/**
 * The execution of a round: the first is named by the contract id; a draft returned and
 * resubmitted runs again as `<contractId>-r<round>` (an execution name is never reused).
 */
export function contractExecutionName(contractId: string, round: number): string {
  return round === 1 ? contractId : `${contractId}-r${round}`;
}

export interface QuoteSource {
  get(quoteId: string): Promise<AcceptedQuote | undefined>;
}

export interface StartDeps {
  contracts: ContractStore;
  quotes: QuoteSource;
  workflow: WorkflowStarter;
}

/**
 * The `start-contract` step: drafts the contract of an accepted quote once (the same quote gives
 * the same contract however often this runs) and starts its workflow.
 */
export async function startContract(
  deps: StartDeps,
  payload: { quoteId?: unknown },
  now: Date,
): Promise<{ contractId: string; created: boolean }> {
  const { quoteId } = payload;
  if (typeof quoteId !== 'string' || quoteId.length === 0 || quoteId.length > 100) {
    throw new InvalidPayload('The payload must name a quote: "quoteId": "<id>"');
  }
  const quote = await deps.quotes.get(quoteId);
  if (!quote) throw new RecordMissing(`Quote ${quoteId} does not exist`);
  const draft = draftContractFromQuote(quote, now);
  const { contractId, created } = await deps.contracts.draft(draft, {
    at: now.toISOString(),
    step: 'contract-drafted',
    summary: `Drafted from quote ${quoteId} (${draft.customer.legalName})`,
    by: { kind: 'system' },
    via: 'quote accepted',
  });
  const contract = created ? draft : await requireContract(deps.contracts, contractId);
  await deps.workflow.start(contractExecutionName(contractId, contract.round), { contractId });
  return { contractId, created };
}

export async function requireContract(
  contracts: ContractStore,
  contractId: unknown,
): Promise<Contract> {
  if (!isContractId(contractId)) {
    throw new InvalidPayload('The payload must name a contract: "contractId": "<ULID>"');
  }
  const contract = await contracts.get(contractId);
  if (!contract) throw new RecordMissing(`Contract ${contractId} does not exist`);
  return contract;
}

/**
 * Seconds until an approval asked for at `now` is overdue (3 business days by default, the
 * company's calendar): the approval step's TimeoutSeconds.
 */
export async function approvalSeconds(
  settings: SettingsStore,
  now: Date,
  zone: string,
): Promise<number> {
  const { rules } = await loadBusinessRules(settings);
  const deadline = addBusinessDays(
    now,
    rules.approvals.escalationBusinessDays,
    rules.calendar,
    zone,
  );
  return Math.max(1, Math.ceil((deadline.getTime() - now.getTime()) / 1000));
}

/** The `Check documents` step: what is missing, and the approval window if nothing is. */
export async function checkContractDocuments(
  deps: { contracts: ContractStore; settings: SettingsStore; zone: string },
  contractId: unknown,
  now: Date,
): Promise<{ complete: boolean; missing: string[]; round: number; approvalSeconds: number }> {
  const contract = await requireContract(deps.contracts, contractId);
  const missing = missingDocuments(contract);
  return {
    complete: missing.length === 0,
    missing,
    round: contract.round,
    approvalSeconds: await approvalSeconds(deps.settings, now, deps.zone),
  };
}

/**
 * Reads the contract, applies `change` and saves it with its timeline entry, conditioned on the
 * version read; if someone saved meanwhile, reads again and retries (a few times). `change`
 * answers undefined when there is nothing to do (a rerun finding its work done).
 */
export async function changeContract(
  contracts: ContractStore,
  contractId: string,
  change: (
    current: Contract,
  ) => { next: Contract; entry: TimelineEntry; stepKey: string; extra?: ExtraWrite[] } | undefined,
): Promise<Contract> {
  for (let attempt = 1; ; attempt++) {
    const current = await requireContract(contracts, contractId);
    const planned = change(current);
    if (!planned) return current;
    const next = { ...planned.next, version: current.version + 1 };
    try {
      await contracts.save(next, planned.entry, planned.stepKey, planned.extra);
      return next;
    } catch (error) {
      if (!(error instanceof ContractChanged) || attempt >= 3) throw error;
    }
  }
}
