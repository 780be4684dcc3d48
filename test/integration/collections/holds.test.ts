import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountStore } from '../../../functions/accounts/store/accounts';
import { arrearsJob } from '../../../functions/collections/arrears-job';
import { arrearsStore } from '../../../functions/collections/store/arrears';
import { jobStore } from '../../../functions/shared/jobs/job-store';
import { runDailyJob } from '../../../functions/shared/jobs/runner';
import { addDays, businessDateOf } from '../../../functions/shared/rules/job-dates';
import { overdueAccount, zone } from '../../support/arrears-fixtures';
import { arrearsEnvironment } from '../../support/arrears-runs';
import { cloudNow, emailsTo } from '../../support/local-cloud-clients';
import { csrfOf, postForm, seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Holds set and lifted from the back office, on the local cloud: the agent holds their own
 * account, sees the hold on the account page and the arrears list, and the arrears run sends
 * nothing while it lasts; when it ends (or is lifted) the ladder resumes at its next step, its
 * dates moved by the days on hold (collections/rules/dunning.ts), never a burst of notices.
 * The hold starts on the cloud's business date; the runs are dated from it.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const { env, events, destroy } = arrearsEnvironment(cloud, table);
const runs = jobStore(table);
const accounts = accountStore(table);
let owner: { staffId: string; team: string };
let alex: StaffSession;
let bea: StaffSession;

beforeAll(async () => {
  const manager = await signInAs(cloud, seeded.manager);
  alex = await signInAs(cloud, seeded.agentNorth);
  bea = await signInAs(cloud, seeded.agentSouth);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => {
  table.client.destroy();
  destroy();
});

/** A job of its own per test, as the CLI builds it, run up to business date `date`. */
function ladder(label: string) {
  const name = `holds-test-${label}-${Date.now()}`;
  return (date: string) =>
    runDailyJob({ ...arrearsJob(env, { events }), name }, runs, {
      asOf: DateTime.fromISO(date, { zone }).endOf('day').toJSDate(),
      zone,
      now: () => new Date(),
    });
}

const subjects = async (address: string, about: string) =>
  (await emailsTo(cloud, address)).map((e) => e.subject).filter((s) => s.includes(about));

const stepsDone = async (number: string) =>
  (await arrearsStore(table).dunningState(number))?.ladderStepsDone;

const page = async (session: StaffSession, path: string) =>
  (await session.fetch(path, { headers: { accept: 'text/html' } })).text();

const today = async () => businessDateOf(await cloudNow(cloud), zone);

async function hold(session: StaffSession, accountId: string, fields: Record<string, string>) {
  return postForm(session, `/office/accounts/${accountId}/holds`, {
    csrf: await csrfOf(session),
    ...fields,
  });
}

describe('holds', () => {
  it('an agent holds their own account: shown on the account and the arrears list, no notice until it ends, then the next step only', async () => {
    const day = await today();
    const due = addDays(day, -10);
    const { accountId, email, invoice } = await overdueAccount(table, { owner, dueDate: due });
    const n = invoice.number;
    const run = ladder('ends');
    await run(addDays(due, 3));
    expect(await subjects(email, n)).toEqual([`Friendly reminder: invoice ${n} is overdue`]);

    // Bad input: each field named, nothing held.
    const bad = await hold(alex, accountId, { kind: 'strike', reason: ' ', until: day });
    expect(bad.status).toBe(400);
    const badPage = await bad.text();
    expect(badPage).toContain('Kind: Choose dispute, payment plan or other');
    expect(badPage).toContain('Reason: Say why');
    expect(badPage).toContain(`Ends on: Give a date after today (${day})`);
    expect((await accounts.get(accountId))?.hold).toBeUndefined();

    // Another agent's account: not found, as its page is, and nothing held.
    const until = addDays(day, 20);
    const fields = { kind: 'dispute', reason: 'Disputes the March invoice', until };
    expect((await hold(bea, accountId, fields)).status).toBe(404);
    expect((await accounts.get(accountId))?.hold).toBeUndefined();

    // A double click: one hold, one timeline entry.
    const [first, second] = await Promise.all([
      hold(alex, accountId, fields),
      hold(alex, accountId, fields),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const held = (await accounts.get(accountId))?.hold;
    expect(held).toMatchObject({ kind: 'dispute', reason: fields.reason, until });
    const entries = (await accounts.timeline(accountId)).filter((e) => e.step === 'hold-set');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.by).toMatchObject({ kind: 'staff', name: expect.any(String) });

    const accountPage = await page(alex, `/office/accounts/${accountId}`);
    expect(accountPage).toContain('<h2>On hold</h2>');
    expect(accountPage).toContain('Disputes the March invoice');
    expect(accountPage).toContain(`${until} (no notices before this date)`);
    expect(accountPage).toContain('Lift the hold');
    expect(await page(alex, '/office/arrears')).toContain(`On hold (dispute) until ${until}`);

    // The second notice (day 14) fell on the hold's 4th day: it comes 4 days after its end; the
    // final notice (day 30) fell on its last day: it keeps its 16 days after the second notice.
    const from = held?.from ?? day;
    await run(addDays(from, 19));
    expect(await stepsDone(n)).toEqual([3]);
    await run(addDays(from, 23));
    expect(await subjects(email, n)).toHaveLength(1);
    await run(addDays(from, 24));
    expect(await subjects(email, n)).toEqual([
      `Friendly reminder: invoice ${n} is overdue`,
      `Second notice: invoice ${n} is still unpaid`,
    ]);
    expect(await stepsDone(n)).toEqual([3, 14]);
    await run(addDays(from, 39));
    expect(await stepsDone(n)).toEqual([3, 14]);
    await run(addDays(from, 40));
    expect(await stepsDone(n)).toEqual([3, 14, 30]);
    expect(await subjects(email, n)).toHaveLength(3);
  });

  it('a hold lifted the day it was set no longer stops the ladder, and moves none of its dates', async () => {
    const day = await today();
    const due = addDays(day, -5);
    const { accountId, email, invoice } = await overdueAccount(table, { owner, dueDate: due });
    const n = invoice.number;
    const run = ladder('lift');
    await run(addDays(due, 3));
    const until = addDays(day, 30);
    const set = await hold(alex, accountId, { kind: 'payment-plan', reason: 'Pays in May', until });
    expect(set.status).toBe(303);

    const lift = (reason: string) =>
      csrfOf(alex).then((csrf) =>
        postForm(alex, `/office/accounts/${accountId}/holds/lift`, { csrf, reason }),
      );
    expect((await lift('')).status).toBe(400);
    const lifted = await lift('Plan cancelled by the customer');
    expect(lifted.status).toBe(303);
    const account = await accounts.get(accountId);
    expect(account?.hold?.lifted?.reason).toBe('Plan cancelled by the customer');
    expect(account?.hold?.until).toBe(account?.hold?.from);
    const steps = (await accounts.timeline(accountId)).map((e) => e.step);
    expect(steps.filter((s) => s === 'hold-lifted')).toHaveLength(1);
    const accountPage = await page(alex, `/office/accounts/${accountId}`);
    expect(accountPage).toContain('Put on hold');
    expect(accountPage).toContain('lifted by');

    // No day on hold: the second notice comes on its day, 14 days past due.
    await run(addDays(due, 13));
    expect(await subjects(email, n)).toHaveLength(1);
    await run(addDays(due, 14));
    expect(await subjects(email, n)).toEqual([
      `Friendly reminder: invoice ${n} is overdue`,
      `Second notice: invoice ${n} is still unpaid`,
    ]);
    expect(await stepsDone(n)).toEqual([3, 14]);
  });
});
