import { type AccountStore, accountStore } from '../accounts/store/accounts';
import { type LedgerStore, ledgerStore } from '../invoicing/store/ledger';
import {
  type DeskEvent,
  EventNotPublished,
  type EventPublisher,
  eventIdOf,
  recordEvent,
} from '../shared/events';
import { businessDateOf } from '../shared/rules/job-dates';
import type { Table } from '../shared/store/table';
import { type ArrearsStore, arrearsStore } from './store/arrears';

/**
 * A payment that clears the balance stops the ladder and lifts a suspension at once (DOMAIN.md
 * section 5). The ladder stops by itself: it reads the invoice and balance again before every
 * step. The suspension is lifted here, by whoever changed the balance (a payment, a credit note),
 * right after its own transaction: `liftSuspensionIfCleared(deps, accountId, now)`.
 */

export interface SuspensionDeps {
  arrears: Pick<ArrearsStore, 'clearArrears'>;
  accounts: Pick<AccountStore, 'get'>;
  ledger: LedgerStore;
  tableName: string;
  /** The company's time zone: the event tells the business date of the lift. */
  zone: string;
  /** Publishes `SuspensionLifted` at once; without it the outbox's retry job publishes it. */
  events?: EventPublisher;
}

/** lifted: suspension ended (`SuspensionLifted` published); unflagged: flag for suspension removed. */
export type LiftOutcome = 'lifted' | 'unflagged' | 'still-owing' | 'not-suspended';

/**
 * What a function that changes a balance calls after its transaction. The event is recorded with
 * the lift and published by the outbox's retry job (such functions hold no `events` use).
 */
export function suspensionLifter(
  table: Table,
  zone: string,
): (accountId: string, now: Date) => Promise<LiftOutcome> {
  const deps: SuspensionDeps = {
    arrears: arrearsStore(table),
    accounts: accountStore(table),
    ledger: ledgerStore(table),
    tableName: table.name,
    zone,
  };
  return (accountId, now) => liftSuspensionIfCleared(deps, accountId, now);
}

export async function liftSuspensionIfCleared(
  deps: SuspensionDeps,
  accountId: string,
  now: Date,
): Promise<LiftOutcome> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const account = (await deps.accounts.get(accountId)) as
      | (Awaited<ReturnType<AccountStore['get']>> & { suspensionFlaggedOn?: string })
      | undefined;
    if (!account) return 'not-suspended';
    const suspended = account.status === 'suspended';
    if (!suspended && !account.suspensionFlaggedOn) return 'not-suspended';
    const balance = await deps.ledger.getBalance(accountId);
    if (!balance || balance.balanceMinor > 0) return 'still-owing';
    const event: DeskEvent | undefined = suspended
      ? {
          type: 'SuspensionLifted',
          detail: { accountId, liftedOn: businessDateOf(now, deps.zone), reason: 'paid' },
        }
      : undefined;
    const outcome = await deps.arrears.clearArrears(
      accountId,
      suspended ? 'suspension' : 'flag',
      now,
      event ? recordEvent(deps.tableName, event, now) : undefined,
    );
    if (outcome === 'stale') continue; // read again: paid twice at once, or owing again
    if (event && deps.events) {
      try {
        await deps.events.publish(eventIdOf(event), now);
      } catch (error) {
        // Recorded with the change: the outbox's retry job publishes it.
        if (!(error instanceof EventNotPublished)) throw error;
      }
    }
    return suspended ? 'lifted' : 'unflagged';
  }
  throw new SuspensionContention(
    `Account ${accountId} kept changing while its suspension was lifted`,
  );
}

/** Gave up after this many stale attempts: far beyond what a desk's load ever makes. */
export class SuspensionContention extends Error {
  override name = 'SuspensionContention';
}
