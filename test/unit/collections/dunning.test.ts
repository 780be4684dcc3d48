import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterPayment,
  type DunningInvoice,
  dueSteps,
  isStepStillDue,
  nextStepOn,
  stepDueOn,
} from '../../../functions/collections/rules/dunning';
import { addDays } from '../../../functions/shared/rules/job-dates';
import { money } from '../../../functions/shared/rules/money';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';

const ladder = defaultBusinessRules.dunning.ladder;
const onHold = (day: string, hold: { from: string; until: string }) =>
  hold.from <= day && day < hold.until;
const unpaid = (done: number[] = []): DunningInvoice => ({
  dueDate: '2026-01-31',
  openAmount: money(10_000, 'EUR'),
  ladderStepsDone: done,
});
const active = {};
/** A dispute opened on 1 February 2026 and still open. */
const disputed = { hold: { from: '2026-02-01', until: '2099-01-01' } };

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
    expect(dueSteps(unpaid(), disputed, '2026-03-31', ladder)).toEqual({ skipped: [] });
    const paid = { ...unpaid(), openAmount: money(0, 'EUR') };
    expect(dueSteps(paid, active, '2026-03-31', ladder)).toEqual({ skipped: [] });
  });

  it('a step made stale by a payment, a hold or another run is not sent', () => {
    const step = dueSteps(unpaid(), active, '2026-02-14', ladder).perform;
    if (!step) throw new Error('expected a step');
    expect(isStepStillDue(step, unpaid(), active, '2026-02-14', ladder)).toBe(true);
    const paid = { ...unpaid(), openAmount: money(0, 'EUR') };
    expect(isStepStillDue(step, paid, active, '2026-02-14', ladder)).toBe(false);
    expect(isStepStillDue(step, unpaid(), disputed, '2026-02-14', ladder)).toBe(false);
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

describe('the arrears ladder after a hold', () => {
  // Due 31 January; the ladder steps at 3, 14, 30 and 45 days past due.
  const settledOn = (until: string) => ({ hold: { from: '2026-02-05', until } });

  it('sends nothing on the days of the hold, even a step reached before it', () => {
    const hold = settledOn('2026-03-10');
    expect(dueSteps(unpaid(), hold, '2026-02-05', ladder)).toEqual({ skipped: [] });
    expect(dueSteps(unpaid([3]), hold, '2026-03-09', ladder)).toEqual({ skipped: [] });
  });

  it('once the hold ends, waits for the next step the days that were left to it when the hold began', () => {
    // Hold 5 February to 10 March (33 days). The 14-day step (14 February) had 9 days to go.
    const hold = settledOn('2026-03-10');
    const second = { daysPastDue: 14, actions: ['second-notice-email' as const] };
    expect(stepDueOn(second, unpaid([3]), hold)).toBe('2026-03-19');
    expect(dueSteps(unpaid([3]), hold, '2026-03-10', ladder)).toEqual({ skipped: [] });
    expect(dueSteps(unpaid([3]), hold, '2026-03-18', ladder)).toEqual({ skipped: [] });
    const resumed = dueSteps(unpaid([3]), hold, '2026-03-19', ladder);
    expect(resumed.perform?.daysPastDue).toBe(14);
    expect(resumed.skipped).toEqual([]);
  });

  it('keeps the spacing of the later steps, counted from the hold’s end', () => {
    const hold = settledOn('2026-03-10');
    // 30 and 45 days past due, each moved by the 33 days on hold.
    expect(nextStepOn(unpaid([3, 14]), ladder, hold)).toBe('2026-04-04');
    expect(nextStepOn(unpaid([3, 14, 30]), ladder, hold)).toBe('2026-04-19');
    expect(dueSteps(unpaid([3, 14]), hold, '2026-04-03', ladder)).toEqual({ skipped: [] });
  });

  it('a step reached before the hold began, but not sent, is sent when the hold ends', () => {
    // The friendly reminder (3 February) was due before the hold; nothing was sent.
    const due = dueSteps(unpaid(), settledOn('2026-03-10'), '2026-03-10', ladder);
    expect(due.perform?.daysPastDue).toBe(3);
    expect(due.skipped).toEqual([]);
  });

  it('a hold lifted the day it was set, or ended before the invoice fell due, changes nothing', () => {
    const lifted = { hold: { from: '2026-02-05', until: '2026-02-05' } };
    expect(nextStepOn(unpaid([3]), ladder, lifted)).toBe('2026-02-14');
    const before = { hold: { from: '2025-12-01', until: '2026-01-15' } };
    expect(nextStepOn(unpaid(), ladder, before)).toBe('2026-02-03');
  });

  it('a hold set before the invoice fell due counts its days late from the hold’s end', () => {
    const early = { hold: { from: '2026-01-20', until: '2026-03-01' } };
    expect(nextStepOn(unpaid(), ladder, early)).toBe('2026-03-04');
  });

  it('property: daily runs after a hold send every step that fell due on it, one a day at most, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 90 }),
        (startAfterDue, length) => {
          const from = addDays('2026-01-31', startAfterDue);
          const hold = { hold: { from, until: addDays(from, length) } };
          const done: number[] = [];
          const performed: [string, number][] = [];
          const skipped: number[] = [];
          for (let day = '2026-02-01'; day <= '2026-09-30'; day = addDays(day, 1)) {
            const due = dueSteps(unpaid(done), hold, day, ladder);
            skipped.push(...due.skipped.map((s) => s.daysPastDue));
            done.push(...due.skipped.map((s) => s.daysPastDue));
            if (due.perform) {
              expect(onHold(day, hold.hold)).toBe(false);
              performed.push([day, due.perform.daysPastDue]);
              done.push(due.perform.daysPastDue);
            }
          }
          // Run every day, no step is ever passed over: a hold brings no burst and no skipping.
          expect(skipped).toEqual([]);
          expect(performed.map(([, step]) => step)).toEqual([3, 14, 30, 45]);
          expect(new Set(performed.map(([day]) => day)).size).toBe(4);
        },
      ),
      { numRuns: 40 },
    );
  });
});
