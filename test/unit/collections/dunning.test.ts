import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterPayment,
  type DunningInvoice,
  dueSteps,
  isStepStillDue,
  nextStepOn,
} from '../../../functions/collections/rules/dunning';
import { addDays } from '../../../functions/shared/rules/job-dates';
import { money } from '../../../functions/shared/rules/money';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';

const ladder = defaultBusinessRules.dunning.ladder;
const unpaid = (done: number[] = []): DunningInvoice => ({
  dueDate: '2026-01-31',
  openAmount: money(10_000, 'EUR'),
  ladderStepsDone: done,
});
const active = { onHold: false };

describe('the arrears ladder', () => {
  it('sends nothing until 3 days past due, then the friendly reminder', () => {
    expect(dueSteps(unpaid(), active, '2026-02-02', ladder)).toEqual({ skipped: [] });
    expect(dueSteps(unpaid(), active, '2026-02-03', ladder).perform?.actions).toEqual([
      'friendly-reminder-email',
    ]);
  });

  it('counts days past due across month ends and leap days in calendar days', () => {
    // Due 26 February 2028 (a leap year): 3 days later is 29 February.
    const leap = { ...unpaid(), dueDate: '2028-02-26' };
    expect(dueSteps(leap, active, '2028-02-28', ladder).perform).toBeUndefined();
    expect(dueSteps(leap, active, '2028-02-29', ladder).perform?.daysPastDue).toBe(3);
  });

  it('does each step once: a done step is not due again on later runs', () => {
    expect(dueSteps(unpaid([3]), active, '2026-02-10', ladder)).toEqual({ skipped: [] });
    expect(dueSteps(unpaid([3]), active, '2026-02-14', ladder).perform?.daysPastDue).toBe(14);
  });

  it('a late catch-up sends only the highest step reached and skips the lower ones', () => {
    const due = dueSteps(unpaid([3]), active, '2026-03-05', ladder); // 33 days past due
    expect(due.perform?.actions).toContain('final-notice-email');
    expect(due.skipped.map((s) => s.daysPastDue)).toEqual([14]);
  });

  it('sends nothing to an account on hold or for a paid invoice', () => {
    expect(dueSteps(unpaid(), { onHold: true }, '2026-03-31', ladder)).toEqual({ skipped: [] });
    const paid = { ...unpaid(), openAmount: money(0, 'EUR') };
    expect(dueSteps(paid, active, '2026-03-31', ladder)).toEqual({ skipped: [] });
  });

  it('a step made stale by a payment, a hold or another run is not sent', () => {
    const step = dueSteps(unpaid(), active, '2026-02-14', ladder).perform;
    if (!step) throw new Error('expected a step');
    expect(isStepStillDue(step, unpaid(), active, '2026-02-14', ladder)).toBe(true);
    const paid = { ...unpaid(), openAmount: money(0, 'EUR') };
    expect(isStepStillDue(step, paid, active, '2026-02-14', ladder)).toBe(false);
    expect(isStepStillDue(step, unpaid(), { onHold: true }, '2026-02-14', ladder)).toBe(false);
    expect(isStepStillDue(step, unpaid([3, 14]), active, '2026-02-14', ladder)).toBe(false);
  });

  it('a payment that clears the balance stops the ladder and lifts a suspension', () => {
    expect(afterPayment(money(0, 'EUR'), true)).toEqual({ stopLadder: true, liftSuspension: true });
    expect(afterPayment(money(-500, 'EUR'), false)).toEqual({
      stopLadder: true,
      liftSuspension: false,
    });
    expect(afterPayment(money(1, 'EUR'), true)).toEqual({
      stopLadder: false,
      liftSuspension: false,
    });
  });

  it('follows a custom ladder from the settings', () => {
    const custom = [{ daysPastDue: 1, actions: ['notify-manager' as const] }];
    expect(dueSteps(unpaid(), active, '2026-02-01', custom).perform?.actions).toEqual([
      'notify-manager',
    ]);
  });

  it('property: daily runs perform every step exactly once, in order, whatever the days missed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 15 }), (gaps) => {
        const done: number[] = [];
        const performed: number[] = [];
        let date = '2026-01-31';
        for (const gap of [...gaps, 60]) {
          date = addDays(date, gap);
          const due = dueSteps(unpaid(done), active, date, ladder);
          done.push(...due.skipped.map((s) => s.daysPastDue));
          if (due.perform) {
            performed.push(due.perform.daysPastDue);
            done.push(due.perform.daysPastDue);
          }
        }
        expect([...done].sort((a, b) => a - b)).toEqual([3, 14, 30, 45]);
        expect(performed).toEqual([...new Set(performed)].sort((a, b) => a - b));
        expect(performed.at(-1)).toBe(45);
      }),
    );
  });

  it('lists an invoice under the day of its next step, and off the list once the ladder is done', () => {
    expect(nextStepOn(unpaid(), ladder)).toBe('2026-02-03');
    expect(nextStepOn(unpaid([3]), ladder)).toBe('2026-02-14');
    // A late run passed over 14: the final notice is next.
    expect(nextStepOn(unpaid([3, 14]), ladder)).toBe('2026-03-02');
    expect(nextStepOn(unpaid([3, 14, 30, 45]), ladder)).toBeUndefined();
    // A step added below the highest done is passed over, as a late run passes over lower steps.
    const added = [{ daysPastDue: 7, actions: ['friendly-reminder-email' as const] }, ...ladder];
    expect(nextStepOn(unpaid([3, 14]), added)).toBe('2026-03-02');
  });

  it('property: reading an invoice only from its listed day performs what reading it daily does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { maxLength: 15 }), (gaps) => {
        const runDays: string[] = [];
        let date = '2026-01-31';
        for (const gap of [...gaps, 60]) {
          date = addDays(date, gap);
          runDays.push(date);
        }
        const walk = (listed: boolean) => {
          const done: number[] = [];
          const performed: [string, number][] = [];
          for (const day of runDays) {
            const listedOn = nextStepOn(unpaid(done), ladder);
            if (listed && (listedOn === undefined || listedOn > day)) continue;
            const due = dueSteps(unpaid(done), active, day, ladder);
            done.push(...due.skipped.map((s) => s.daysPastDue));
            if (due.perform) {
              performed.push([day, due.perform.daysPastDue]);
              done.push(due.perform.daysPastDue);
            }
          }
          return performed;
        };
        expect(walk(true)).toEqual(walk(false));
      }),
    );
  });
});
