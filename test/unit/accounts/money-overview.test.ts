import { describe, expect, it } from 'vitest';
import { type MoneyOverviewDeps, moneyOverview } from '../../../functions/accounts/money-overview';
import type { DunningState } from '../../../functions/collections/store/arrears';
import { dashboardPage } from '../../../functions/desk/pages/dashboard-pages';
import type { OutboxMessage } from '../../../functions/messages/store/outbox-store';
import type { Frame } from '../../../functions/shared/office/layout';
import { addDays } from '../../../functions/shared/rules/job-dates';

const today = '2026-06-30';
const bounds = [0, 30, 60, 90];

const overdue = (daysLate: number, openMinor: number, currency = 'EUR'): DunningState => ({
  number: `INV-2026-${String(daysLate).padStart(6, '0')}`,
  accountId: 'ACC-1',
  dueDate: addDays(today, -daysLate),
  currency,
  openMinor,
  ladderStepsDone: [],
  ladderVersion: 0,
});

/** The stores, as the index would answer: oldest due first, in pages of two. */
function deps(invoices: DunningState[], states: OutboxMessage['state'][] = []) {
  const asked: { from: string; upTo: string }[] = [];
  const stores: MoneyOverviewDeps = {
    arrears: {
      async *overdueInvoices(from, upTo) {
        asked.push({ from, upTo });
        const listed = invoices
          .filter((i) => i.dueDate >= from && i.dueDate <= upTo)
          .sort((a, b) => a.dueDate.localeCompare(b.dueDate));
        for (let i = 0; i < listed.length; i += 2) yield listed.slice(i, i + 2);
      },
    },
    outbox: {
      needingAttention: async (limit) =>
        states.slice(0, limit).map((state) => ({ state }) as OutboxMessage),
    },
  };
  return { stores, asked };
}

const frame: Frame = {
  principal: {
    staffId: 'FIN-1',
    name: 'Finn Finance',
    email: 'finn@desk.local',
    role: 'finance',
    team: 'office',
  },
  base: '',
  csrf: 'token-1',
};

describe('the money overview', () => {
  it('ages what is overdue per currency: 1–30, 31–60, 61–90 and over 90 days', async () => {
    const { stores, asked } = deps([
      overdue(1, 1_000),
      overdue(30, 2_000),
      overdue(31, 4_000),
      overdue(90, 8_000),
      overdue(91, 16_000),
      overdue(700, 32_000),
      overdue(45, 500, 'CHF'),
      // Not overdue (due today) and too old to count: neither is read.
      overdue(0, 64_000),
      overdue(731, 128_000),
    ]);
    const overview = await moneyOverview(stores, today, bounds);
    expect(asked).toEqual([{ from: addDays(today, -730), upTo: addDays(today, -1) }]);
    expect(overview.overdue).toEqual([
      {
        currency: 'CHF',
        count: 1,
        total: { amountMinor: 500, currency: 'CHF' },
        buckets: [
          { fromDays: 1, toDays: 30, amount: { amountMinor: 0, currency: 'CHF' } },
          { fromDays: 31, toDays: 60, amount: { amountMinor: 500, currency: 'CHF' } },
          { fromDays: 61, toDays: 90, amount: { amountMinor: 0, currency: 'CHF' } },
          { fromDays: 91, amount: { amountMinor: 0, currency: 'CHF' } },
        ],
      },
      {
        currency: 'EUR',
        count: 6,
        total: { amountMinor: 63_000, currency: 'EUR' },
        buckets: [
          { fromDays: 1, toDays: 30, amount: { amountMinor: 3_000, currency: 'EUR' } },
          { fromDays: 31, toDays: 60, amount: { amountMinor: 4_000, currency: 'EUR' } },
          { fromDays: 61, toDays: 90, amount: { amountMinor: 8_000, currency: 'EUR' } },
          { fromDays: 91, amount: { amountMinor: 48_000, currency: 'EUR' } },
        ],
      },
    ]);
    expect(overview.overdueTruncated).toBe(false);
  });

  it('reads no more than its limit, oldest first, and says the figures are partial', async () => {
    const { stores } = deps([overdue(5, 100), overdue(50, 200), overdue(500, 400)]);
    const overview = await moneyOverview(stores, today, bounds, { invoices: 2, messages: 10 });
    expect(overview).toMatchObject({ overdueTruncated: true, overdueRead: 2 });
    expect(overview.overdue[0]?.total.amountMinor).toBe(600);
    const page = dashboardPage(frame, 'Europe/Athens', { role: 'finance', money: overview });
    expect(page).toContain('the figures are those of the oldest 2');
  });

  it('counts the uncertain and failed emails, and says when there are more than it lists', async () => {
    const some = await moneyOverview(
      deps([], ['uncertain', 'failed', 'failed']).stores,
      today,
      bounds,
    );
    expect(some.attention).toEqual({ uncertain: 1, failed: 2, more: false });
    const page = dashboardPage(frame, 'Europe/Athens', { role: 'finance', money: some });
    expect(page).toContain('<a href="/office/outbox">3 emails</a>: 1 uncertain');
    const many = await moneyOverview(
      deps([], ['failed', 'failed', 'failed']).stores,
      today,
      bounds,
      { invoices: 10, messages: 2 },
    );
    expect(many.attention).toEqual({ uncertain: 0, failed: 2, more: true });
  });

  it('tells finance when nothing is overdue and no email waits, and links the money work', async () => {
    const overview = await moneyOverview(deps([overdue(0, 100)]).stores, today, bounds);
    const page = dashboardPage(frame, 'Europe/Athens', { role: 'finance', money: overview });
    expect(page).toContain('Nothing is overdue');
    expect(page).toContain('None: every email the desk sent was delivered');
    for (const path of ['/office/arrears', '/office/payments/import', '/office/charges/import']) {
      expect(page).toContain(`href="${path}"`);
    }
  });
});
