import type { AccountStore } from '../accounts/store/accounts';
import type { Contract } from '../contracts/rules/contract';
import {
  currentTermOf,
  endDateWindow,
  renewalTypeOf,
  renewingContract,
} from '../contracts/rules/contract-terms';
import {
  type ContractStore,
  contractRecordPk,
  customerEmailTimelines,
} from '../contracts/store/contracts';
import { billingTermWrite } from '../invoicing/store/billing-terms';
import type { Outbox } from '../messages/outbox';
import {
  type EmailContent,
  type OutboxKey,
  type OutboxMessage,
  outboxClaimPut,
  outboxMessageId,
} from '../messages/store/outbox-store';
import { EmailNotSent } from '../shared/errors';
import {
  type DeskEvent,
  EventNotPublished,
  type EventPublisher,
  eventIdOf,
  recordEvent,
} from '../shared/events';
import type { Table } from '../shared/store/table';
import type { TimelineEntry, TimelineStep } from '../shared/store/timeline';
import type { BusinessRules } from '../staff/settings/business-rules';
import type { StaffStore } from '../staff/store/staff-store';
import { renderAgentRenewal, renderCustomerRenewal, renewalKey } from './mail/renewal-notices';
import {
  nextRenewalActionOn,
  type RenewalAction,
  renewalActionsDue,
  renewedTerm,
  type Term,
} from './rules/renewals';
import {
  accountContractTermUpdate,
  accountLapseUpdate,
  contractsToRenew,
  listForNextAction,
  saveRenewalStep,
} from './store/contract-renewals';

/**
 * Renewals (DOMAIN.md section 6), one business date at a time. The candidates are the active
 * contracts on the end-date index whose end is within the widest reminder window of the date (or
 * past it, still active: a missed run caught up) and not acted on this term yet, and those whose
 * next action falls on the date or before (each step lists the contract under its next action's
 * day), so a run reads the contracts it acts on. Per contract, just before acting, the contract
 * is read again and `renewalActionsDue` says what to do; the actions' keys are recorded on the
 * contract in one transaction with the claims of their emails, the event, the billing term of a
 * renewed term and the account's lapse. Only then are the emails sent and the event published:
 * a crash in between leaves claims the outbox's retry job sends and an event it publishes.
 */

export interface RenewalDeps {
  table: Table;
  contracts: Pick<ContractStore, 'get'>;
  accounts: Pick<AccountStore, 'get' | 'contracts'>;
  staff: Pick<StaffStore, 'getMember'>;
  outbox: Outbox;
  sender: string;
  events: EventPublisher;
  /** The absolute signed renew link of a contract's current term. */
  renewLink: (contract: Contract, term: Term) => Promise<string>;
  onDelayed?: (what: string, error: Error) => void;
}

type Rules = Pick<BusinessRules, 'renewals' | 'company'>;

/**
 * The ids of the contracts the run for `date` acts on, from the end-date index's two lists: those
 * not acted on this term whose end is within the widest reminder window, and those whose next
 * action falls due. A contract read with nothing to do (the settings changed) is listed again
 * under its next action's day.
 */
export async function renewalCandidates(table: Table, rules: Rules, date: string) {
  const window = endDateWindow(date, rules.renewals);
  const ids: string[] = [];
  let read = 0;
  const lists = [
    contractsToRenew(table, 'by-end', window.from, window.to),
    contractsToRenew(table, 'by-next-action', window.from, date),
  ];
  for (const list of lists) {
    for await (const page of list) {
      read += page.length;
      ids.push(...page.map((contract) => contract.contractId));
    }
  }
  return { ids, window, read };
}

/** Gave up after this many stale attempts: far beyond what a desk's load ever makes. */
export class RenewalContention extends Error {
  override name = 'RenewalContention';
}

export class RenewalAccountMissing extends Error {
  override name = 'RenewalAccountMissing';
}

/** Performs what a contract needs on business date `date`, once. */
export async function performRenewalActions(
  deps: RenewalDeps,
  rules: Rules,
  contractId: string,
  date: string,
  now: Date,
): Promise<'sent' | 'skipped'> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const contract = await deps.contracts.get(contractId);
    if (contract?.status !== 'active') return 'skipped';
    const outcome = await step(deps, rules, contract, date, now);
    if (outcome !== 'stale') return outcome;
  }
  throw new RenewalContention(
    `Contract ${contractId} kept changing while its renewal was acted on`,
  );
}

async function step(
  deps: RenewalDeps,
  rules: Rules,
  contract: Contract,
  date: string,
  now: Date,
): Promise<'sent' | 'skipped' | 'stale'> {
  const term = currentTermOf(contract);
  const booked = contract.renewalState?.renewedByCustomer;
  if (booked) {
    if (date < term.endDate) return 'skipped';
    // The term the customer booked begins: its own reminders start afresh.
    const next: Contract = {
      ...contract,
      version: contract.version + 1,
      currentTerm: { startDate: booked.startDate, endDate: booked.endDate },
      renewalState: { actionsDone: [] },
    };
    const saved = await saveRenewalStep(deps.table, {
      next,
      entry: entryOf(
        'contract-renewed',
        `Next term begins: ${booked.startDate} to ${booked.endDate}`,
        now,
      ),
      stepKey: `term-begins#${booked.startDate}`,
      extra: accountLinkUpdate(deps, contract, booked.endDate),
    });
    return saved === 'saved' ? 'skipped' : 'stale';
  }
  const { due, skipped } = renewalActionsDue(renewingContract(contract), date, rules.renewals);
  if (due.length + skipped.length === 0) {
    const on = nextRenewalActionOn(renewingContract(contract), date, rules.renewals);
    if (contract.renewalState?.nextActionOn === on) return 'skipped';
    return (await listForNextAction(deps.table, contract, on)) ? 'skipped' : 'stale';
  }
  const accountId = contract.accountId;
  if (!accountId) throw new RenewalAccountMissing(`Contract ${contract.contractId} has no account`);
  const account = await deps.accounts.get(accountId);
  if (!account) throw new RenewalAccountMissing(`Account ${accountId} does not exist`);

  const messages: OutboxMessage[] = [];
  const customer = contract.customer.email;
  const claim = (key: OutboxKey, content: EmailContent) =>
    messages.push({
      ...key,
      messageId: outboxMessageId(key),
      sender: deps.sender,
      content,
      state: 'claimed',
      attempts: 0,
      claimedAt: now.toISOString(),
      timelineOf:
        key.recipient === customer
          ? customerEmailTimelines(contract)
          : contractRecordPk(contract.contractId),
    });
  const facts = { contract, endDate: term.endDate, company: rules.company.legalName };
  const tell = (action: RenewalAction, content: EmailContent, to = customer) =>
    claim(renewalKey(contract.contractId, term.endDate, action.key, to), content);

  let next: Contract = {
    ...contract,
    version: contract.version + 1,
    renewalState: {
      ...contract.renewalState,
      actionsDone: [
        ...(contract.renewalState?.actionsDone ?? []),
        ...[...skipped, ...due].map((a) => a.key),
      ],
    },
  };
  const extra: Record<string, unknown>[] = [];
  let event: DeskEvent | undefined;
  let summary = `Renewal: ${due.map((a) => a.kind).join(', ') || 'reminders passed over'}`;
  let stepName: TimelineStep = 'contract-renewal-reminded';

  for (const action of due) {
    switch (action.kind) {
      case 'customer-reminder': {
        const link = await deps.renewLink(contract, term);
        const days = action.daysBeforeEnd;
        tell(action, renderCustomerRenewal('reminder', { ...facts, daysBeforeEnd: days, link }));
        break;
      }
      case 'auto-renewal-notice':
        tell(action, renderCustomerRenewal('notice', { ...facts, newTerm: renewedTerm(term) }));
        break;
      case 'agent-notice': {
        const agent = await deps.staff.getMember(account.ownerId || contract.agentId);
        if (agent?.active) {
          const content = renderAgentRenewal('ending', {
            contract,
            endDate: term.endDate,
            daysBeforeEnd: action.daysBeforeEnd,
            agentName: agent.name,
            autoRenewing: renewalTypeOf(contract) === 'auto-renewing',
          });
          tell(action, content, agent.email);
        }
        break;
      }
      case 'lapse': {
        next = {
          ...next,
          status: 'lapsed',
          renewalState: { actionsDone: next.renewalState?.actionsDone ?? [], lapsedOn: date },
        };
        tell(action, renderCustomerRenewal('lapsed', facts));
        if (!(await hasOtherActiveContract(deps, accountId, contract.contractId))) {
          if (account.status !== 'lapsed' && account.status !== 'written-off') {
            extra.push(accountLapseUpdate(deps.table.name, account));
          }
        }
        event = {
          type: 'ContractLapsed',
          detail: { contractId: contract.contractId, accountId, lapsedOn: date },
        };
        summary = `Lapsed at the end of its term (${term.endDate}): not renewed`;
        stepName = 'contract-lapsed';
        break;
      }
      case 'renew': {
        const newTerm = action.newTerm;
        next = { ...next, currentTerm: newTerm, renewalState: { actionsDone: [] } };
        tell(action, renderCustomerRenewal('renewed', { ...facts, newTerm }));
        extra.push(...renewalWrites(deps, contract, accountId, newTerm));
        extra.push(...accountLinkUpdate(deps, contract, newTerm.endDate));
        event = renewedEvent(contract.contractId, accountId, date, newTerm);
        summary = `Renewed automatically: ${newTerm.startDate} to ${newTerm.endDate}`;
        stepName = 'contract-renewed';
        break;
      }
    }
  }
  if (event) extra.push(recordEvent(deps.table.name, event, now));
  // Still this term (neither lapsed nor renewed): read again on the day of its next action. A
  // renewed term is listed by its new end date, as one not yet acted on.
  const termGoesOn = !due.some((a) => a.kind === 'lapse' || a.kind === 'renew');
  if (termGoesOn && next.renewalState) {
    const on = nextRenewalActionOn(renewingContract(next), date, rules.renewals);
    next = { ...next, renewalState: { ...next.renewalState, nextActionOn: on } };
  }
  const saved = await saveRenewalStep(deps.table, {
    next,
    entry: entryOf(stepName, summary, now),
    stepKey: `renewal#${term.endDate}#${[...skipped, ...due].map((a) => a.key).join(',')}`,
    extra: [...messages.map((m) => outboxClaimPut(deps.table.name, m)), ...extra],
  });
  if (saved !== 'saved') return 'stale';
  for (const message of messages) await send(deps, message.messageId, now);
  if (event) await publish(deps, eventIdOf(event), now);
  return messages.length > 0 || event ? 'sent' : 'skipped';
}

/** What a renewed term writes with the contract: its billing term and the account's link. */
export function renewalWrites(
  deps: Pick<RenewalDeps, 'table'>,
  contract: Contract,
  accountId: string,
  newTerm: Term,
): Record<string, unknown>[] {
  return [
    billingTermWrite(
      deps.table.name,
      { contractId: contract.contractId, accountId, ...newTerm, billedThroughIndex: -1 },
      { billingPlan: contract.billingPlan, paymentTerms: contract.paymentTerms },
    ),
  ];
}

export function renewedEvent(
  contractId: string,
  accountId: string,
  renewedOn: string,
  newTerm: Term,
): DeskEvent {
  return {
    type: 'ContractRenewed',
    detail: { contractId, accountId, renewedOn, newEndDate: newTerm.endDate },
  };
}

function accountLinkUpdate(deps: Pick<RenewalDeps, 'table'>, contract: Contract, endDate: string) {
  return contract.accountId
    ? [accountContractTermUpdate(deps.table.name, contract.accountId, contract.contractId, endDate)]
    : [];
}

async function hasOtherActiveContract(deps: RenewalDeps, accountId: string, contractId: string) {
  for (const link of await deps.accounts.contracts(accountId)) {
    if (link.contractId === contractId) continue;
    if ((await deps.contracts.get(link.contractId))?.status === 'active') return true;
  }
  return false;
}

export function entryOf(step: TimelineStep, summary: string, now: Date, by?: TimelineEntry['by']) {
  return {
    at: now.toISOString(),
    step,
    summary,
    by: by ?? { kind: 'system' as const },
    via: 'renewals',
  };
}

export async function send(
  deps: Pick<RenewalDeps, 'outbox' | 'onDelayed'>,
  messageId: string,
  now: Date,
) {
  try {
    await deps.outbox.sendClaimed(messageId, now);
  } catch (error) {
    // The claim stays: the outbox's retry job sends it. Anything else is a real failure.
    if (!(error instanceof EmailNotSent)) throw error;
    deps.onDelayed?.(messageId, error);
  }
}

export async function publish(
  deps: Pick<RenewalDeps, 'events' | 'onDelayed'>,
  eventId: string,
  now: Date,
) {
  try {
    await deps.events.publish(eventId, now);
  } catch (error) {
    if (!(error instanceof EventNotPublished)) throw error;
    deps.onDelayed?.(eventId, error);
  }
}
