import { describe, expect, it } from 'vitest';
import { decideRetry, errorMatches, findCatcher } from '../../src/engine/retry';

describe('errorMatches', () => {
  it('matches names exactly and AWS’s wildcards as documented', () => {
    expect(errorMatches(['EmailNotSent'], 'EmailNotSent')).toBe(true);
    expect(errorMatches(['EmailNotSent'], 'LeadNotFound')).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.Timeout')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'Lambda.ServiceException')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
  });
});

describe('decideRetry', () => {
  const retriers = [
    { ErrorEquals: ['Lambda.ServiceException'] },
    { ErrorEquals: ['EmailNotSent'], IntervalSeconds: 30, MaxAttempts: 3, BackoffRate: 2 },
  ];

  it('backs off exponentially per rule and stops after MaxAttempts', () => {
    let attempts: number[] = [];
    const delays: number[] = [];
    for (;;) {
      const decision = decideRetry(retriers, attempts, 'EmailNotSent');
      if (!decision) break;
      delays.push(decision.delayMs);
      attempts = decision.retrierAttempts;
    }
    expect(delays).toEqual([30_000, 60_000, 120_000]);
    expect(attempts).toEqual([0, 3]);
  });

  it('uses AWS’s defaults: 1 s, 3 attempts, rate 2', () => {
    const first = decideRetry(retriers, [], 'Lambda.ServiceException');
    expect(first?.delayMs).toBe(1000);
    expect(decideRetry(retriers, [2], 'Lambda.ServiceException')?.delayMs).toBe(4000);
    expect(decideRetry(retriers, [3], 'Lambda.ServiceException')).toBeUndefined();
  });

  it('caps the delay at MaxDelaySeconds and applies FULL jitter', () => {
    const capped = [
      {
        ErrorEquals: ['X'],
        IntervalSeconds: 10,
        BackoffRate: 10,
        MaxAttempts: 5,
        MaxDelaySeconds: 60,
      },
    ];
    expect(decideRetry(capped, [3], 'X')?.delayMs).toBe(60_000);
    const jittered = [{ ErrorEquals: ['X'], IntervalSeconds: 10, JitterStrategy: 'FULL' as const }];
    expect(decideRetry(jittered, [], 'X', () => 0.25)?.delayMs).toBe(2_500);
  });

  it('does not retry an error no rule names, nor with MaxAttempts 0', () => {
    expect(decideRetry(retriers, [], 'LeadNotFound')).toBeUndefined();
    expect(decideRetry([{ ErrorEquals: ['X'], MaxAttempts: 0 }], [], 'X')).toBeUndefined();
  });
});

describe('findCatcher', () => {
  it('takes the first catcher that matches', () => {
    const catchers = [
      { ErrorEquals: ['QuoteExpired'], Next: 'Expired' },
      { ErrorEquals: ['States.ALL'], Next: 'Anything' },
    ];
    expect(findCatcher(catchers, 'QuoteExpired')?.Next).toBe('Expired');
    expect(findCatcher(catchers, 'Other')?.Next).toBe('Anything');
    expect(findCatcher(undefined, 'Other')).toBeUndefined();
  });
});
