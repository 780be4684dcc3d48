import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agentCollectedMethods,
  agentCollectionProblems,
} from '../../../functions/payments/rules/agent-collections';
import { paymentMethods } from '../../../functions/payments/rules/bank-statement';

describe('A payment an agent records', () => {
  it('is cash or a cheque collected today', () => {
    expect(agentCollectionProblems({ method: 'cash', date: '2026-12-06' }, '2026-12-06')).toEqual(
      [],
    );
    expect(agentCollectionProblems({ method: 'cheque', date: '2026-12-06' }, '2026-12-06')).toEqual(
      [],
    );
  });

  it('is refused as a bank transfer or a card payment, naming the method', () => {
    for (const method of ['bank-transfer', 'card'] as const) {
      const problems = agentCollectionProblems({ method, date: '2026-12-06' }, '2026-12-06');
      expect(problems.map((p) => p.field)).toEqual(['method']);
    }
  });

  it('is refused when dated yesterday or tomorrow, naming the date and saying what today is', () => {
    for (const date of ['2026-12-05', '2026-12-07']) {
      const [problem] = agentCollectionProblems({ method: 'cash', date }, '2026-12-06');
      expect(problem?.field).toBe('date');
      expect(problem?.message).toContain('2026-12-06');
    }
  });

  it('holds exactly when the method is collected by hand and the date is today', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...paymentMethods),
        fc.constantFrom('2026-12-05', '2026-12-06'),
        (method, date) => {
          const fine = agentCollectedMethods.includes(method) && date === '2026-12-06';
          expect(agentCollectionProblems({ method, date }, '2026-12-06').length === 0).toBe(fine);
        },
      ),
    );
  });
});
