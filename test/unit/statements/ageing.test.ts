import { describe, expect, it } from 'vitest';
import { money } from '../../../functions/shared/rules/money';
import {
  ageing,
  type MoneyEvent,
  statementLines,
} from '../../../functions/statements/rules/ageing';

const eur = (minor: number) => money(minor, 'EUR');
const amounts = (buckets: { amount: { amountMinor: number } }[]) =>
  buckets.map((b) => b.amount.amountMinor);

describe('ageing', () => {
  it('puts open amounts in current, 1–30, 31–60, 61–90 and over 90 days past due', () => {
    const asOf = '2026-03-31';
    const items = [
      { dueDate: '2026-04-15', openAmount: eur(1) }, // not yet due: current
      { dueDate: '2026-03-31', openAmount: eur(2) }, // due today: current
      { dueDate: '2026-03-30', openAmount: eur(10) }, // 1 day
      { dueDate: '2026-03-01', openAmount: eur(20) }, // 30 days
      { dueDate: '2026-02-28', openAmount: eur(100) }, // 31 days
      { dueDate: '2026-01-30', openAmount: eur(200) }, // 60 days
      { dueDate: '2026-01-29', openAmount: eur(1000) }, // 61 days
      { dueDate: '2026-01-01', openAmount: eur(2000) }, // 89 days
      { dueDate: '2025-12-31', openAmount: eur(3000) }, // 90 days
      { dueDate: '2025-12-30', openAmount: eur(10_000) }, // 91 days
    ];
    const buckets = ageing(items, asOf, 'EUR');
    expect(amounts(buckets)).toEqual([3, 30, 300, 6000, 10_000]);
    expect(buckets.map((b) => [b.fromDays, b.toDays])).toEqual([
      [undefined, 0],
      [1, 30],
      [31, 60],
      [61, 90],
      [91, undefined],
    ]);
  });

  it('counts across a leap day, and follows the bounds of the settings', () => {
    // 1 March 2028 is 31 days after 30 January in a leap year.
    expect(
      amounts(ageing([{ dueDate: '2028-01-30', openAmount: eur(5) }], '2028-03-01', 'EUR')),
    ).toEqual([0, 0, 5, 0, 0]);
    expect(
      amounts(
        ageing([{ dueDate: '2026-01-01', openAmount: eur(5) }], '2026-01-20', 'EUR', [0, 14]),
      ),
    ).toEqual([0, 0, 5]);
  });
});

describe('statement lines', () => {
  const events: MoneyEvent[] = [
    { kind: 'payment', at: '2026-03-05', reference: 'TRX-2', amount: eur(5_000) },
    { kind: 'invoice', at: '2026-02-28', reference: 'INV-2026-000001', amount: eur(10_000) },
    { kind: 'invoice', at: '2026-03-31', reference: 'INV-2026-000002', amount: eur(10_000) },
    { kind: 'credit-note', at: '2026-03-10', reference: 'CN-2026-000001', amount: eur(1_000) },
    { kind: 'write-off', at: '2026-03-20', reference: 'WO-1', amount: eur(500) },
    { kind: 'invoice', at: '2026-04-01', reference: 'INV-2026-000003', amount: eur(10_000) },
  ];

  it('opening balance, the month in date order, closing balance', () => {
    const s = statementLines(events, '2026-03', 'Europe/Athens', 'EUR');
    expect(s.from).toBe('2026-03-01');
    expect(s.to).toBe('2026-03-31');
    expect(s.opening).toEqual(eur(10_000));
    expect(
      s.lines.map((l) => [l.date, l.reference, l.amount.amountMinor, l.balance.amountMinor]),
    ).toEqual([
      ['2026-03-05', 'TRX-2', -5_000, 5_000],
      ['2026-03-10', 'CN-2026-000001', -1_000, 4_000],
      ['2026-03-20', 'WO-1', -500, 3_500],
      ['2026-03-31', 'INV-2026-000002', 10_000, 13_500],
    ]);
    expect(s.closing).toEqual(eur(13_500));
  });

  it('places an instant in the month of the company zone', () => {
    // 23:30 on 31 March in Los Angeles is 1 April in UTC, but belongs to March's statement.
    const late = {
      kind: 'payment',
      at: '2026-03-31T23:30:00-07:00',
      reference: 'LATE',
      amount: eur(100),
    } as const;
    const march = statementLines([late], '2026-03', 'America/Los_Angeles', 'EUR');
    expect(march.lines.map((l) => l.reference)).toEqual(['LATE']);
    const seoul = statementLines([late], '2026-03', 'Asia/Seoul', 'EUR');
    expect(seoul.lines).toEqual([]);
    expect(seoul.closing).toEqual(eur(0));
  });

  it('an over-payment leaves a credit: a negative closing balance', () => {
    const s = statementLines(
      [{ kind: 'payment', at: '2026-03-02', reference: 'X', amount: eur(700) }],
      '2026-03',
      'Asia/Seoul',
      'EUR',
    );
    expect(s.closing).toEqual(eur(-700));
  });
});
