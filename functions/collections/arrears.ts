import { type Account, type AccountStore, accountRecordPk } from '../accounts/store/accounts';
import type { LedgerStore } from '../invoicing/store/ledger';
import type { Outbox } from '../messages/outbox';
import {
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
import { addDays } from '../shared/rules/job-dates';
import type { BusinessRules } from '../staff/settings/business-rules';
import type { StaffStore } from '../staff/store/staff-store';
import {
  arrearsNoticeKey,
  renderArrearsNotice,
  renderStaffArrearsNotice,
  type StaffArrearsNotice,
  staffArrearsKey,
} from './mail/arrears-notices';
import type { ArrearsNotice } from './mail/arrears-text';
import {
  type DunningAccount,
  type DunningInvoice,
  type DunningLadder,
  type DunningStep,
  dueSteps,
  nextStepOn,
} from './rules/dunning';
import type { AccountChange, ArrearsStore, DunningState } from './store/arrears';

/**
 * The arrears ladder (DOMAIN.md section 5), one business date at a time. The candidates are read
 * from the ladder's lists (`invoices-by-dunning-date`): the invoices not chased yet whose first
 * step is reached, and the chased ones whose next step falls due; so a run reads only the
 * invoices it acts on (and those of accounts on hold, which wait on the list). Then, per invoice,
 * just before acting, the invoice, the account's balance and the account are read again, and the
 * step is recorded on the invoice in one transaction with the claims of its emails (and the
 * account's change and event) and the invoice's move to the day of its next step. Only then are
 * the emails sent: a payment, a hold or another run landing in between makes the step stale, and
 * nothing is sent; a crash after the transaction leaves claimed messages that the outbox's retry
 * job sends.
 */

export interface ArrearsDeps {
  arrears: ArrearsStore;
  accounts: Pick<AccountStore, 'get'>;
  ledger: LedgerStore;
  staff: Pick<StaffStore, 'getMember' | 'getTeam' | 'listMembers'>;
  outbox: Outbox;
  tableName: string;
  sender: string;
  /** Publishes the suspension event at once; without it the outbox's retry job publishes it. */
  events?: EventPublisher;
  /** Told when an email or event could not go now (the retry job sends it later). */
  onDelayed?: (what: string, error: Error) => void;
}

/** An invoice the ladder acts on the date, as the index showed it. */
export interface ArrearsCandidate {
  number: string;
  accountId: string;
  /**
   * Days past due of the step to perform; none when the invoice's listed day brought no step
   * (the ladder changed since): it is moved to the day of its next step.
   */
  step?: number;
}

/**
 * How far back a run looks beyond the ladder's last step: an invoice that turned up (imported,
 * or a run failing for weeks) this late still gets its highest step; older ones are left to the
 * ageing report and to staff.
 */
export const lookbackDaysBeyondLadder = 60;

export interface CandidateRead {
  candidates: ArrearsCandidate[];
  /** Open invoices read from the index. */
  read: number;
}

/** The invoices the ladder acts on on business date `date`. */
export async function arrearsCandidates(
  arrears: ArrearsStore,
  ladder: DunningLadder,
  date: string,
): Promise<CandidateRead> {
  const first = ladder[0]?.daysPastDue ?? 1;
  const last = ladder.at(-1)?.daysPastDue ?? first;
  const from = addDays(date, -(last + lookbackDaysBeyondLadder));
  const candidates: ArrearsCandidate[] = [];
  let read = 0;
  const lists = [
    // By due date, so a first step changed in the settings applies from the next run.
    arrears.toChase('first-step', from, addDays(date, -first)),
    arrears.toChase('next-step', from, date),
  ];
  for (const list of lists) {
    for await (const page of list) {
      read += page.length;
      for (const invoice of page) {
        // Listed under a step missed by more than the look-back (runs stopped for months): left
        // to the ageing report and to staff, as an invoice due that long ago is.
        if (invoice.dueDate < from) continue;
        candidates.push(candidateOf(invoice, ladder, date));
      }
    }
  }
  return { candidates, read };
}

/** An invoice as a candidate of business date `date`: the step due then, if any. */
function candidateOf(invoice: DunningState, ladder: DunningLadder, date: string): ArrearsCandidate {
  // Holds are checked per invoice, on the account read again before acting.
  const step = dueSteps(asDunning(invoice, invoice.openMinor), {}, date, ladder);
  return {
    number: invoice.number,
    accountId: invoice.accountId,
    ...(step.perform ? { step: step.perform.daysPastDue } : {}),
  };
}

/**
 * One invoice as a candidate of `date`, read again by its number (a job item tried once more);
 * undefined when it is paid or gone.
 */
export async function arrearsCandidate(
  arrears: ArrearsStore,
  ladder: DunningLadder,
  number: string,
  date: string,
): Promise<ArrearsCandidate | undefined> {
  const invoice = await arrears.dunningState(number);
  return invoice && invoice.openMinor > 0 ? candidateOf(invoice, ladder, date) : undefined;
}

export type StepOutcome = 'sent' | 'skipped';

/** Gave up after this many stale attempts: far beyond what a desk's load ever makes. */
export class ArrearsContention extends Error {
  override name = 'ArrearsContention';
}

/** The account of an invoice is missing: the invoice cannot be chased. */
export class ArrearsAccountMissing extends Error {
  override name = 'ArrearsAccountMissing';
}

/** Performs the candidate's step on business date `date`, if it is still due when read again. */
export async function performArrearsStep(
  deps: ArrearsDeps,
  rules: Pick<BusinessRules, 'dunning' | 'company'>,
  candidate: ArrearsCandidate,
  date: string,
  now: Date,
): Promise<StepOutcome> {
  const { ladder } = rules.dunning;
  if (candidate.step === undefined) return moveToNextStep(deps, ladder, candidate, date, now);
  for (let attempt = 1; attempt <= 5; attempt++) {
    const invoice = await deps.arrears.dunningState(candidate.number);
    if (!invoice) return 'skipped';
    const account = await deps.accounts.get(invoice.accountId);
    if (!account) {
      throw new ArrearsAccountMissing(
        `Invoice ${invoice.number} belongs to account ${invoice.accountId}, which does not exist`,
      );
    }
    const balance = await deps.ledger.getBalance(invoice.accountId);
    // Credit elsewhere on the account (or a payment not yet allocated) counts: chase only what
    // the account as a whole still owes.
    const owed = Math.min(
      invoice.openMinor,
      balance ? Math.max(balance.balanceMinor, 0) : invoice.openMinor,
    );
    const dunning = asDunning(invoice, owed);
    const holds: DunningAccount = account.hold ? { hold: account.hold } : {};
    // What is due now, read again, is what is done: a payment, a hold or another run may have
    // landed since the candidate was chosen. The candidate's step was chosen without the account:
    // after a hold the ladder's dates move later (rules/dunning.ts), so a lower step or none may
    // be due; with none, the invoice stays listed and is read again on the next runs.
    const due = dueSteps(dunning, holds, date, ladder);
    const step = due.perform;
    if (!step) return 'skipped';
    const passedOver = due.skipped.map((s) => s.daysPastDue);

    const facts = { ...invoice, openMinor: owed };
    const messages = await messagesFor(deps, step, facts, account, rules.company.legalName, now);
    const change = accountChangeOf(step, account, date);
    const event: DeskEvent | undefined =
      change?.kind === 'suspend'
        ? {
            type: 'AccountSuspended',
            detail: { accountId: account.accountId, suspendedOn: date, reason: 'arrears' },
          }
        : undefined;
    const stepsDone = [...passedOver, step.daysPastDue];
    const outcome = await deps.arrears.recordStep({
      invoice,
      stepsDone,
      nextStepOn: nextStepOn(
        { ...invoice, ladderStepsDone: [...invoice.ladderStepsDone, ...stepsDone] },
        ladder,
        holds,
      ),
      claims: messages.map((m) => outboxClaimPut(deps.tableName, m)),
      ...(change ? { account: change } : {}),
      ...(event ? { event: recordEvent(deps.tableName, event, now) } : {}),
      at: now,
    });
    if (outcome === 'stale') continue; // read again: paid, held, or done by another run
    for (const message of messages) await send(deps, message.messageId, now);
    if (event) await publish(deps, eventIdOf(event), now);
    return 'sent';
  }
  throw new ArrearsContention(`Invoice ${candidate.number} kept changing while its step was taken`);
}

/**
 * An invoice listed for a day that brought it no step (the ladder changed since its last one):
 * it waits on the list under the day of its next step, read again only then.
 */
async function moveToNextStep(
  deps: Pick<ArrearsDeps, 'arrears'>,
  ladder: DunningLadder,
  candidate: ArrearsCandidate,
  date: string,
  now: Date,
): Promise<StepOutcome> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const invoice = await deps.arrears.dunningState(candidate.number);
    if (!invoice || invoice.openMinor <= 0) return 'skipped';
    // Due after all (the ladder changed again): left listed, the next run takes the step.
    const due = dueSteps(asDunning(invoice, invoice.openMinor), {}, date, ladder);
    if (due.perform) return 'skipped';
    const outcome = await deps.arrears.moveToNextStep(invoice, nextStepOn(invoice, ladder), now);
    if (outcome === 'moved') return 'skipped';
  }
  throw new ArrearsContention(
    `Invoice ${candidate.number} kept changing while it was listed again`,
  );
}

function asDunning(invoice: DunningState, owedMinor: number): DunningInvoice {
  return {
    dueDate: invoice.dueDate,
    openAmount: { amountMinor: owedMinor, currency: invoice.currency },
    ladderStepsDone: invoice.ladderStepsDone,
  };
}

const customerNotices: [DunningStep['actions'][number], ArrearsNotice][] = [
  ['friendly-reminder-email', 'reminder'],
  ['second-notice-email', 'second-notice'],
  ['final-notice-email', 'final-notice'],
];

/** The emails of a step, as claims: the customer's notice and the staff's. */
async function messagesFor(
  deps: ArrearsDeps,
  step: DunningStep,
  invoice: DunningState,
  account: Account,
  company: string,
  now: Date,
): Promise<OutboxMessage[]> {
  const days = step.daysPastDue;
  const messages: OutboxMessage[] = [];
  const claim = (key: OutboxKey, content: OutboxMessage['content']) =>
    messages.push({
      ...key,
      messageId: outboxMessageId(key),
      sender: deps.sender,
      content,
      state: 'claimed',
      attempts: 0,
      claimedAt: now.toISOString(),
      timelineOf: accountRecordPk(account.accountId),
    });
  for (const [action, notice] of customerNotices) {
    if (step.actions.includes(action)) {
      claim(
        arrearsNoticeKey(invoice.number, days, account.email),
        renderArrearsNotice(notice, invoice, account, company),
      );
    }
  }
  const tell = (notice: StaffArrearsNotice, member: { email: string; name: string }) =>
    claim(
      staffArrearsKey(notice, invoice.number, days, member.email),
      renderStaffArrearsNotice(notice, invoice, account, member.name),
    );
  if (step.actions.includes('agent-call-task')) {
    const agent = await deps.staff.getMember(account.ownerId);
    if (agent?.active) tell('call-task', agent);
  }
  if (step.actions.includes('notify-supervisor')) {
    const team = await deps.staff.getTeam(account.team);
    const supervisor = team ? await deps.staff.getMember(team.supervisorId) : undefined;
    if (supervisor?.active) tell('supervisor-told', supervisor);
  }
  if (step.actions.includes('notify-manager')) {
    const members = await deps.staff.listMembers();
    for (const manager of members.filter((m) => m.role === 'manager' && m.active)) {
      tell('manager-told', manager);
    }
  }
  return messages;
}

function accountChangeOf(
  step: DunningStep,
  account: Account,
  date: string,
): AccountChange | undefined {
  // An account suspended already (another invoice got there first) is not suspended again.
  if (step.actions.includes('suspend-service')) {
    return account.status === 'active' ? { kind: 'suspend', on: date } : undefined;
  }
  if (step.actions.includes('flag-service-for-suspension')) {
    return { kind: 'flag-for-suspension', on: date };
  }
  return undefined;
}

async function send(deps: ArrearsDeps, messageId: string, now: Date): Promise<void> {
  try {
    await deps.outbox.sendClaimed(messageId, now);
  } catch (error) {
    // The claim stays: the outbox's retry job sends it. Anything else is a real failure.
    if (!(error instanceof EmailNotSent)) throw error;
    deps.onDelayed?.(messageId, error);
  }
}

async function publish(deps: ArrearsDeps, eventId: string, now: Date): Promise<void> {
  if (!deps.events) return;
  try {
    await deps.events.publish(eventId, now);
  } catch (error) {
    if (!(error instanceof EventNotPublished)) throw error;
    deps.onDelayed?.(eventId, error);
  }
}
