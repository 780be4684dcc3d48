import { describe, expect, it } from 'vitest';
import {
  holdInEffect,
  holdLiftedSummary,
  holdRequest,
  holdSetSummary,
  liftReason,
  newHold,
} from '../../../functions/accounts/rules/holds';
import { ValidationError } from '../../../functions/shared/errors';

const problemsOf = (ask: () => unknown) => {
  try {
    ask();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
};

describe('holds', () => {
  it('a hold is asked with its kind, a reason and an end date after today', () => {
    expect(
      holdRequest(
        { kind: 'dispute', reason: ' Disputes the March invoice ', until: '2026-04-01' },
        '2026-03-10',
      ),
    ).toEqual({ kind: 'dispute', reason: 'Disputes the March invoice', until: '2026-04-01' });
  });

  it('names every field that is wrong', () => {
    expect(
      problemsOf(() => holdRequest({ kind: 'strike', reason: '', until: '' }, '2026-03-10')),
    ).toEqual(['kind', 'reason', 'until']);
    expect(
      problemsOf(() =>
        holdRequest({ kind: 'other', reason: 'x', until: '2026-02-30' }, '2026-03-10'),
      ),
    ).toEqual(['until']);
  });

  it('refuses an end date of today or before: a hold must stop at least one day', () => {
    const ask = (until: string) => () =>
      holdRequest({ kind: 'payment-plan', reason: 'Pays in May', until }, '2026-03-10');
    expect(problemsOf(ask('2026-03-10'))).toEqual(['until']);
    expect(problemsOf(ask('2026-03-09'))).toEqual(['until']);
    expect(problemsOf(ask('2026-03-11'))).toEqual([]);
  });

  it('a hold is in effect from the day it is set until the day before its end', () => {
    const hold = {
      kind: 'dispute' as const,
      reason: 'r',
      from: '2026-03-10',
      until: '2026-03-20',
      setBy: { staffId: 's', name: 'S' },
      setAt: '2026-03-10T09:00:00.000Z',
    };
    expect(holdInEffect(hold, '2026-03-09')).toBe(false);
    expect(holdInEffect(hold, '2026-03-10')).toBe(true);
    expect(holdInEffect(hold, '2026-03-19')).toBe(true);
    expect(holdInEffect(hold, '2026-03-20')).toBe(false);
  });

  it('lifting asks why', () => {
    expect(problemsOf(() => liftReason({ reason: '  ' }))).toEqual(['reason']);
    expect(liftReason({ reason: 'Settled' })).toBe('Settled');
  });

  it('set today stops the ladder from today, and the timeline says what, until when and why', () => {
    const by = { staffId: 'S1', name: 'Alex' };
    const asked = { kind: 'dispute' as const, reason: 'Disputes March', until: '2026-12-20' };
    const hold = newHold(asked, '2026-12-06', by, new Date('2026-12-06T09:00:00Z'));
    expect(holdInEffect(hold, '2026-12-06')).toBe(true);
    expect(holdInEffect(hold, '2026-12-20')).toBe(false);
    expect(hold.setBy).toEqual(by);
    expect(holdSetSummary(hold)).toBe('On hold (dispute) until 2026-12-20: Disputes March');
    expect(holdLiftedSummary(hold, 'Settled')).toBe('Hold (dispute) lifted: Settled');
  });
});
