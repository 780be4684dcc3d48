import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountStore } from '../../../functions/accounts/store/accounts';
import { arrearsJob } from '../../../functions/collections/arrears-job';
import { liftSuspensionIfCleared } from '../../../functions/collections/arrears-suspension';
import type { DunningLadder } from '../../../functions/collections/rules/dunning';
import { arrearsStore } from '../../../functions/collections/store/arrears';
import { ledgerStore } from '../../../functions/invoicing/store/ledger';
import { jobStore } from '../../../functions/shared/jobs/job-store';
import { runDailyJob } from '../../../functions/shared/jobs/runner';
import { addDays } from '../../../functions/shared/rules/job-dates';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';
import type { PublishedEvent } from '../../../infra/local/events';
import { overdueAccount, setHold, zone } from '../../support/arrears-fixtures';
import { arrearsEnvironment } from '../../support/arrears-runs';
import { emailsTo } from '../../support/local-cloud-clients';
import { seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { settingsWith } from '../../support/settings';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * The arrears ladder on the local cloud: the daily job run for chosen business dates (as the CLI
 * and the schedule do, through the job runner), against DynamoDB Local, the SES mailbox and the
 * events endpoint. Each test uses its own due dates, months apart, and its own job name, so the
 * tests never reach each other's invoices or runs.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const { env, events, destroy } = arrearsEnvironment(cloud, table);
const runs = jobStore(table);
const accounts = accountStore(table);
let owner: { staffId: string; team: string };
let finance: StaffSession;

beforeAll(async () => {
  const manager = await signInAs(cloud, seeded.manager);
  finance = await signInAs(cloud, seeded.finance);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => {
  table.client.destroy();
  destroy();
});

/**
 * A job of its own per test (its own completed dates), as the CLI builds it. `reads` gets how many
 * invoices each date read; a run given `steps` uses that ladder instead of the settings' one.
 */
function ladder(label: string, reads: Record<string, number> = {}) {
  const name = `arrears-test-${label}-${Date.now()}`;
  return (date: string, steps?: DunningLadder) => {
    const settings = steps ? settingsWith(table, { dunning: { ladder: steps } }) : env.settings;
    const onRead = (day: string, read: number) => {
      reads[day] = read;
    };
    const job = { ...arrearsJob({ ...env, settings }, { events, onRead }), name };
    return runDailyJob(job, runs, {
      asOf: DateTime.fromISO(date, { zone }).endOf('day').toJSDate(),
      zone,
      now: () => new Date(),
    });
  };
}

/** The dates that read any invoice, with how many. */
const daysRead = (reads: Record<string, number>) =>
  Object.entries(reads).filter(([, read]) => read > 0);

const subjects = async (address: string, about: string) =>
  (await emailsTo(cloud, address)).map((e) => e.subject).filter((s) => s.includes(about));

const published = async (type: string, accountId: string) =>
  ((await (await fetch(`${cloud.consoleUrl}/events`)).json()) as PublishedEvent[]).filter(
    (e) =>
      e['detail-type'] === type && (e.detail as { accountId?: string }).accountId === accountId,
  );

const stepsDone = async (number: string) =>
  (await arrearsStore(table).dunningState(number))?.ladderStepsDone;

describe('the arrears ladder', () => {
  it('walks an unpaid invoice through 3, 14, 30 and 45 days: each notice once, in order, in the customer’s language', async () => {
    const due = '2023-01-10';
    const { accountId, email, invoice } = await overdueAccount(table, {
      owner,
      dueDate: due,
      language: 'de',
    });
    const run = ladder('walk');
    const n = invoice.number;

    await run(addDays(due, 2));
    expect(await subjects(email, n)).toEqual([]);

    await run(addDays(due, 3));
    expect(await subjects(email, n)).toEqual([
      `Freundliche Erinnerung: Rechnung ${n} ist überfällig`,
    ]);

    await run(addDays(due, 14)); // catches up the days between
    expect(await subjects(email, n)).toEqual([
      `Freundliche Erinnerung: Rechnung ${n} ist überfällig`,
      `Zweite Mahnung: Rechnung ${n} ist noch offen`,
    ]);
    expect(await subjects(seeded.agentNorth, n)).toEqual([
      expect.stringMatching(/^Call task: .* is 14 days late on /),
    ]);

    await run(addDays(due, 30));
    expect((await subjects(email, n)).at(-1)).toBe(`Letzte Mahnung: Rechnung ${n}`);
    expect(await subjects(seeded.supervisorNorth, n)).toEqual([
      expect.stringMatching(/^Final notice sent: /),
    ]);
    const flagged = (await accounts.get(accountId)) as unknown as Record<string, unknown>;
    expect(flagged).toMatchObject({ status: 'active', suspensionFlaggedOn: addDays(due, 30) });
    expect(await published('AccountSuspended', accountId)).toEqual([]);

    await run(addDays(due, 45));
    expect(await accounts.get(accountId)).toMatchObject({ status: 'suspended' });
    expect(await subjects(seeded.manager, n)).toEqual([
      expect.stringMatching(/^Service suspended: /),
    ]);
    expect(await published('AccountSuspended', accountId)).toEqual([
      expect.objectContaining({
        detail: expect.objectContaining({ suspendedOn: addDays(due, 45), reason: 'arrears' }),
      }),
    ]);

    // The next days, and a second job reading the same invoices for the same date: nothing more.
    await run(addDays(due, 50));
    await ladder('walk-again')(addDays(due, 45));
    expect(await subjects(email, n)).toHaveLength(3);
    expect(await subjects(seeded.agentNorth, n)).toHaveLength(1);
    expect(await subjects(seeded.supervisorNorth, n)).toHaveLength(1);
    expect(await subjects(seeded.manager, n)).toHaveLength(1);
    expect(await published('AccountSuspended', accountId)).toHaveLength(1);
    expect(await stepsDone(n)).toEqual([3, 14, 30, 45]);
  });

  it('reads only the invoices it acts on: each day, those whose step falls due', async () => {
    const due = '2022-03-10';
    const early = await overdueAccount(table, { owner, dueDate: due });
    const later = await overdueAccount(table, { owner, dueDate: addDays(due, 2) });
    const paid = await overdueAccount(table, { owner, dueDate: due });
    const payment = await finance.fetch('/payments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `read-${paid.accountId}` },
      body: JSON.stringify({
        accountId: paid.accountId,
        amount: '124.00',
        currency: 'EUR',
        date: addDays(due, 1),
        method: 'bank-transfer',
        reference: 'Paid on time, nearly',
      }),
    });
    expect(payment.status, await payment.clone().text()).toBe(201);
    const reads: Record<string, number> = {};
    const run = ladder('reads', reads);
    await run(addDays(due, 3));
    await run(addDays(due, 16)); // catches up every day between
    expect(Object.keys(reads)).toHaveLength(14);
    expect(daysRead(reads)).toEqual([
      [addDays(due, 3), 1], // the early invoice's reminder
      [addDays(due, 5), 1], // the later one's
      [addDays(due, 14), 1], // the early one's second notice
      [addDays(due, 16), 1], // the later one's
    ]);
    expect(await stepsDone(early.invoice.number)).toEqual([3, 14]);
    expect(await stepsDone(later.invoice.number)).toEqual([3, 14]);
    expect(await stepsDone(paid.invoice.number)).toEqual([]);
  });

  it('takes a step the settings moved later on its new day: read again then, sent once', async () => {
    const due = '2022-10-10';
    const { email, invoice } = await overdueAccount(table, { owner, dueDate: due });
    const n = invoice.number;
    const defaults = defaultBusinessRules.dunning.ladder;
    // The second notice moved from 14 to 20 days after the reminder went out.
    const moved = defaults.map((step) =>
      step.daysPastDue === 14 ? { ...step, daysPastDue: 20 } : step,
    );
    const reads: Record<string, number> = {};
    const run = ladder('moved', reads);
    await run(addDays(due, 3), defaults);
    await run(addDays(due, 14), moved);
    expect(await subjects(email, n)).toEqual([`Friendly reminder: invoice ${n} is overdue`]);
    await run(addDays(due, 21), moved);
    expect(await subjects(email, n)).toEqual([
      `Friendly reminder: invoice ${n} is overdue`,
      `Second notice: invoice ${n} is still unpaid`,
    ]);
    expect(await stepsDone(n)).toEqual([3, 20]);
    // Read on its old day (and moved on), then on the new one; not on the days between.
    expect(daysRead(reads)).toEqual([
      [addDays(due, 3), 1],
      [addDays(due, 14), 1],
      [addDays(due, 20), 1],
    ]);
  });

  it('a run first reaching an invoice on day 40 sends only the final notice', async () => {
    const due = '2023-06-10';
    const { email, invoice } = await overdueAccount(table, { owner, dueDate: due });
    const run = ladder('late');
    const summary = await run(addDays(due, 40));
    expect(summary.dates).toEqual([addDays(due, 40)]);
    expect(await subjects(email, invoice.number)).toEqual([
      `Final notice: invoice ${invoice.number}`,
    ]);
    expect(await stepsDone(invoice.number)).toEqual([3, 14, 30]);
    // The steps passed over are never sent later.
    await run(addDays(due, 44));
    expect(await subjects(email, invoice.number)).toHaveLength(1);
  });

  it('an account on hold gets nothing; released, it gets the step it has reached', async () => {
    const due = '2023-11-10';
    const { accountId, email, invoice } = await overdueAccount(table, { owner, dueDate: due });
    await setHold(table, accountId, 'dispute over the March invoice');
    const run = ladder('hold');
    await run(addDays(due, 3));
    await run(addDays(due, 20));
    expect(await subjects(email, invoice.number)).toEqual([]);
    expect(await stepsDone(invoice.number)).toEqual([]);
    await setHold(table, accountId, undefined);
    await run(addDays(due, 21));
    expect(await subjects(email, invoice.number)).toEqual([
      `Second notice: invoice ${invoice.number} is still unpaid`,
    ]);
    expect(await stepsDone(invoice.number)).toEqual([3, 14]);
  });

  it('a payment between steps stops the ladder; a payment clearing the balance lifts a suspension', async () => {
    const due = '2024-04-10';
    const paid = await overdueAccount(table, { owner, dueDate: due });
    const suspended = await overdueAccount(table, { owner, dueDate: due });
    const run = ladder('payment');
    await run(addDays(due, 3));
    expect(await subjects(paid.email, paid.invoice.number)).toHaveLength(1);

    const pay = (accountId: string, key: string) =>
      finance.fetch('/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({
          accountId,
          amount: '124.00',
          currency: 'EUR',
          date: addDays(due, 5),
          method: 'bank-transfer',
          reference: 'Late but paid',
        }),
      });
    const answer = await pay(paid.accountId, `arrears-${paid.accountId}`);
    expect(answer.status, await answer.clone().text()).toBe(201);
    await run(addDays(due, 30));
    expect(await subjects(paid.email, paid.invoice.number)).toHaveLength(1);
    expect(await stepsDone(paid.invoice.number)).toEqual([3]);

    // The other account went on to suspension; its payment lifts it at once.
    await run(addDays(due, 45));
    expect(await accounts.get(suspended.accountId)).toMatchObject({ status: 'suspended' });
    const deps = {
      arrears: arrearsStore(table),
      accounts,
      ledger: ledgerStore(table),
      tableName: table.name,
      zone,
      events,
    };
    expect(await liftSuspensionIfCleared(deps, suspended.accountId, new Date())).toBe(
      'still-owing',
    );
    const second = await pay(suspended.accountId, `arrears-${suspended.accountId}`);
    expect(second.status, await second.clone().text()).toBe(201);
    // The payment itself lifted it; the same request again changes nothing more.
    expect(await accounts.get(suspended.accountId)).toMatchObject({ status: 'active' });
    const again = await pay(suspended.accountId, `arrears-${suspended.accountId}`);
    expect(again.status).toBe(200);
    expect(await liftSuspensionIfCleared(deps, suspended.accountId, new Date())).toBe(
      'not-suspended',
    );
    // The payment functions record the event; the outbox's retry job publishes it (once).
    const later = new Date('2999-01-01T00:00:00Z');
    await events.publishLeftovers(later, later, new Date());
    await events.publishLeftovers(later, later, new Date());
    expect(await published('SuspensionLifted', suspended.accountId)).toHaveLength(1);
    expect(await published('AccountSuspended', suspended.accountId)).toHaveLength(1);
  });

  it('the same date run twice and concurrently, by one job and by two, sends each email once', async () => {
    const due = '2024-09-10';
    const many = await Promise.all(
      Array.from({ length: 4 }, () => overdueAccount(table, { owner, dueDate: due })),
    );
    const first = ladder('race-a');
    const second = ladder('race-b');
    const together = async (date: string) => {
      await Promise.all([first(date), first(date), second(date), second(date)]);
      await first(date);
    };
    await together(addDays(due, 30));
    await together(addDays(due, 45));
    for (const { accountId, email, invoice } of many) {
      expect(await subjects(email, invoice.number)).toEqual([
        `Final notice: invoice ${invoice.number}`,
      ]);
      expect(await subjects(seeded.supervisorNorth, invoice.number)).toHaveLength(1);
      expect(await subjects(seeded.manager, invoice.number)).toHaveLength(1);
      expect(await accounts.get(accountId)).toMatchObject({ status: 'suspended' });
      expect(await published('AccountSuspended', accountId)).toHaveLength(1);
    }
  });
});
