import { addDays, daysBetween, parseBusinessDate } from '../../shared/rules/job-dates';
import type { Money } from '../../shared/rules/money';
import type { BusinessRules } from '../../staff/settings/business-rules';

/**
 * The arrears ladder (DOMAIN.md section 5). A daily run, per business date in the company's
 * zone, asks which step of the ladder an unpaid invoice has reached. Steps are named by their
 * days past due (unique: the ladder's days strictly increase).
 *
 * A late catch-up (the run missed days, or an invoice was imported already late) sends ONE
 * notice: the highest step reached. A customer 40 days late should get the final notice, not a
 * friendly reminder, a second notice and a final notice in one morning. The lower steps passed
 * over are returned as skipped so the caller records them as done and never sends them later.
 */

export type DunningLadder = BusinessRules['dunning']['ladder'];
export type DunningStep = DunningLadder[number];

export interface DunningInvoice {
  /** Business date the invoice fell due. */
  dueDate: string;
  /** What is still unpaid on it. */
  openAmount: Money;
  /** Days past due of the steps already done (sent or skipped). */
  ladderStepsDone: readonly number[];
}

/**
 * The account's latest hold (a dispute, an agreed payment plan), if any: from the business date
 * it was set until the business date it ends (or was lifted), `until` not included.
 */
export interface DunningHold {
  from: string;
  until: string;
}

export interface DunningAccount {
  hold?: DunningHold;
}

/** True on the days of the hold: no notices at all then. */
export function onHoldOn(account: DunningAccount, asOf: string): boolean {
  const { hold } = account;
  return hold !== undefined && hold.from <= asOf && asOf < hold.until;
}

/**
 * The business date a step falls due. A hold stops the ladder's clock: the days on hold after the
 * due date do not count as days late. So when a hold ends, the next unsent step comes as many days
 * after the hold's end as were left to it when the hold began, and the steps after it keep their
 * spacing (#9): a customer whose dispute is settled gets the next notice of the ladder, not every
 * notice that fell due during the dispute in one morning. Steps that fell due before the hold
 * began keep their dates (a late run then sends the highest one, as always).
 */
export function stepDueOn(
  step: DunningStep,
  invoice: Pick<DunningInvoice, 'dueDate'>,
  account: DunningAccount,
): string {
  const plain = addDays(invoice.dueDate, step.daysPastDue);
  const { hold } = account;
  if (!hold || plain < hold.from) return plain;
  const pausedFrom = hold.from > invoice.dueDate ? hold.from : invoice.dueDate;
  return addDays(plain, Math.max(0, daysBetween(pausedFrom, hold.until)));
}

export interface DueSteps {
  /** The step to perform now, if any. */
  perform?: DunningStep;
  /** Lower steps passed over by a late run: record them as done, send nothing for them. */
  skipped: DunningStep[];
}

/** Days past due on a business date: 0 on the due date, negative before it. */
export function daysPastDue(dueDate: string, asOf: string): number {
  return daysBetween(dueDate, asOf);
}

/** The steps now due for an invoice on business date `asOf`. */
export function dueSteps(
  invoice: DunningInvoice,
  account: DunningAccount,
  asOf: string,
  ladder: DunningLadder,
): DueSteps {
  parseBusinessDate(asOf, 'asOf');
  if (onHoldOn(account, asOf) || invoice.openAmount.amountMinor <= 0) return { skipped: [] };
  const reached = ladder.filter(
    (step) =>
      stepDueOn(step, invoice, account) <= asOf &&
      !invoice.ladderStepsDone.includes(step.daysPastDue),
  );
  const perform = reached.at(-1);
  if (!perform) return { skipped: [] };
  return { perform, skipped: reached.slice(0, -1) };
}

/**
 * The check made just before a step is sent, on the invoice and account read again: a payment,
 * a hold or another run may have landed since the step was chosen, and then it is not sent.
 */
export function isStepStillDue(
  step: DunningStep,
  invoice: DunningInvoice,
  account: DunningAccount,
  asOf: string,
  ladder: DunningLadder,
): boolean {
  return dueSteps(invoice, account, asOf, ladder).perform?.daysPastDue === step.daysPastDue;
}

/**
 * The business date of an invoice's next step: the first step of the ladder beyond the highest
 * one done (a step added below it later is passed over, as a late run passes over lower steps);
 * none once the ladder is done. The arrears run reads the invoice again on that day, not before.
 */
export function nextStepOn(
  invoice: Pick<DunningInvoice, 'dueDate' | 'ladderStepsDone'>,
  ladder: DunningLadder,
  account: DunningAccount = {},
): string | undefined {
  const highestDone = Math.max(0, ...invoice.ladderStepsDone);
  const next = ladder.find((step) => step.daysPastDue > highestDone);
  return next ? stepDueOn(next, invoice, account) : undefined;
}

/** True when nothing is owed any more: the account's open balance is zero or a credit. */
export function clearsBalance(balanceAfterPayment: Money): boolean {
  return balanceAfterPayment.amountMinor <= 0;
}

export interface AfterPayment {
  /** The ladder stops: open invoices are paid. */
  stopLadder: boolean;
  /** A suspended service is restored at once. */
  liftSuspension: boolean;
}

/** What a payment does to the arrears of an account. */
export function afterPayment(balanceAfterPayment: Money, suspended: boolean): AfterPayment {
  const cleared = clearsBalance(balanceAfterPayment);
  return { stopLadder: cleared, liftSuspension: cleared && suspended };
}
