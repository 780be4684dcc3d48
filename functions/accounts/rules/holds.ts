import { ValidationError } from '../../shared/errors';
import { parseBusinessDate } from '../../shared/rules/job-dates';

/**
 * Holds (DOMAIN.md section 5): a dispute or an agreed payment plan stops the arrears ladder for a
 * while. A hold is set with its kind, why, and the business date it ends; it may be lifted
 * sooner, with a reason. The account keeps its latest hold after it ends or is lifted: the ladder
 * counts the days on hold out of the days late when it resumes (collections/rules/dunning.ts).
 * Payment plans with instalment dates (a missed instalment ending the hold) are not kept here.
 */

export const holdKinds = ['dispute', 'payment-plan', 'other'] as const;
export type HoldKind = (typeof holdKinds)[number];

export const holdKindLabels: Record<HoldKind, string> = {
  dispute: 'Dispute',
  'payment-plan': 'Payment plan',
  other: 'Other',
};

export interface HoldStaff {
  staffId: string;
  name: string;
}

export interface AccountHold {
  kind: HoldKind;
  reason: string;
  /** Business date it was set: the first day without notices. */
  from: string;
  /** Business date it ends (or was lifted): notices may come again from this day. */
  until: string;
  setBy: HoldStaff;
  setAt: string;
  lifted?: { by: HoldStaff; at: string; reason: string };
}

/** True on the business dates the hold stops the ladder. */
export function holdInEffect(hold: AccountHold, today: string): boolean {
  return hold.from <= today && today < hold.until;
}

export interface HoldRequest {
  kind: HoldKind;
  reason: string;
  until: string;
}

const reasonLimit = 500;

function reasonOf(text: string | undefined, problems: { field: string; message: string }[]) {
  const reason = (text ?? '').trim();
  if (reason === '') problems.push({ field: 'reason', message: 'Say why' });
  else if (reason.length > reasonLimit) {
    problems.push({ field: 'reason', message: `Keep it under ${reasonLimit} characters` });
  }
  return reason;
}

/**
 * A hold as asked on the back office's form, on business date `today`. The end date is required
 * and after today: a hold with no end would stop the ladder for good, and nobody would notice.
 */
export function holdRequest(
  fields: Record<string, string | undefined>,
  today: string,
): HoldRequest {
  const problems: { field: string; message: string }[] = [];
  const kind = (fields.kind ?? '').trim();
  if (!(holdKinds as readonly string[]).includes(kind)) {
    problems.push({ field: 'kind', message: 'Choose dispute, payment plan or other' });
  }
  const reason = reasonOf(fields.reason, problems);
  const until = (fields.until ?? '').trim();
  if (until === '') problems.push({ field: 'until', message: 'Give the date the hold ends' });
  else if (!isBusinessDate(until)) {
    problems.push({ field: 'until', message: 'Give a date as YYYY-MM-DD' });
  } else if (until <= today) {
    problems.push({ field: 'until', message: `Give a date after today (${today})` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
  return { kind: kind as HoldKind, reason, until };
}

/** Why a hold is lifted before its end: required, it stays on the timeline. */
export function liftReason(fields: Record<string, string | undefined>): string {
  const problems: { field: string; message: string }[] = [];
  const reason = reasonOf(fields.reason, problems);
  if (problems.length > 0) throw new ValidationError(problems);
  return reason;
}

function isBusinessDate(text: string): boolean {
  try {
    parseBusinessDate(text, 'until');
    return true;
  } catch {
    return false;
  }
}

/** The hold a person sets today: the ladder stops from today until the day asked for. */
export function newHold(asked: HoldRequest, today: string, by: HoldStaff, now: Date): AccountHold {
  return { ...asked, from: today, setBy: by, setAt: now.toISOString() };
}

/** The account timeline's line for a hold set. */
export const holdSetSummary = (hold: AccountHold) =>
  `On hold (${holdKindLabels[hold.kind].toLowerCase()}) until ${hold.until}: ${hold.reason}`;

/** The account timeline's line for a hold lifted. */
export const holdLiftedSummary = (hold: AccountHold, reason: string) =>
  `Hold (${holdKindLabels[hold.kind].toLowerCase()}) lifted: ${reason}`;
