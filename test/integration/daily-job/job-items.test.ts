import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { billingJob } from '../../../functions/invoicing/billing-job';
import { chargeStore } from '../../../functions/payments/store/charges';
import { jobStore } from '../../../functions/shared/jobs/job-store';
import { runDailyJob } from '../../../functions/shared/jobs/runner';
import { defaultCompanyDetails } from '../../../functions/staff/settings/company';
import { statementsJob } from '../../../functions/statements/statements-job';
import {
  at,
  billingEnvironment,
  billingRunner,
  invoicesEmailedTo,
  invoicesOf,
  signedContract,
  zone,
} from '../../support/billing-fixtures';
import { runJobCli } from '../../support/job-cli';
import { emailsTo } from '../../support/local-cloud-clients';
import { csrfOf, postForm, seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { settingsWith, testCompany } from '../../support/settings';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Issue 11, must-haves 1 and 8 on the local cloud. A charge that cannot be billed (written to the
 * table directly, as a bug would: CNY on a EUR account) fails its item, which is listed for a
 * person, while every other account's invoices of that date and the following ones are issued;
 * `npm run job` names it. And invoices wait while the company's details are the placeholders,
 * then go out once each. Its billing runs are in 2047, a year no other test bills in.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const { env, close } = billingEnvironment(cloud, table);
const store = jobStore(table);
let owner: { staffId: string; team: string };
let manager: StaffSession;

beforeAll(async () => {
  manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => {
  close();
  table.client.destroy();
});

const runCli = (args: string[]) => runJobCli(args, { DESK_LOCAL_READY: JSON.stringify(cloud) });

const page = async (path: string) =>
  (await manager.fetch(path, { headers: { accept: 'text/html' } })).text();

/** A charge as a bug would write it: straight into the table, no check. */
async function chargeWritten(accountId: string, currency: string, date: string) {
  const id = randomUUID().slice(0, 8);
  await chargeStore(table).record({
    accountId,
    date,
    description: `Meter ${id}`,
    quantity: '2',
    unitPriceMinor: 1_500,
    taxRatePercent: '24',
    currency,
    kind: 'usage',
    reference: `job-items-${id}`,
    chargeId: `CHG-JOBITEMS-${id}`,
    recordedAt: at(date).toISOString(),
    recordedBy: { staffId: 'test', name: 'A bug', via: 'api' },
  });
}

describe('a charge that cannot be billed', () => {
  it('fails only its own item, listed for a person; every other invoice of that date and the next goes out', async () => {
    const prepaid = {
      plan: 'monthly',
      prepaid: true,
      startDate: '2047-04-01',
      termMonths: 3,
    } as const;
    const badAccount = await signedContract(env, { owner, ...prepaid, signedOn: '2047-03-20' });
    const goodAccount = await signedContract(env, { owner, ...prepaid, signedOn: '2047-03-20' });
    const later = await signedContract(env, {
      owner,
      plan: 'monthly',
      prepaid: false,
      startDate: '2047-05-01',
      termMonths: 2,
      signedOn: '2047-04-20',
    });
    await chargeWritten(badAccount.accountId, 'CNY', '2047-04-10');
    await chargeWritten(goodAccount.accountId, 'EUR', '2047-04-12');
    const badItem = `charges#${badAccount.accountId}#2047-04#CNY`;

    // What it would do, item by item; nothing done.
    const dry = await runCli(['billing', '--as-of', '2047-05-13', '--dry-run', '--verbose']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`2047-05-13 ${badItem}: would act`);
    expect(dry.stdout).toContain(
      `2047-05-13 charges#${goodAccount.accountId}#2047-04#EUR: would act`,
    );
    expect(await invoicesOf(table, goodAccount.accountId)).toHaveLength(1);

    const first = await runCli(['billing', '--as-of', '2047-05-13']);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('completed through 2047-05-13');
    expect(first.stdout).toContain(
      `failed: ${badItem} (2047-05-13, attempt 1): CurrencyMismatch: Account ${badAccount.accountId} is kept in EUR, not CNY`,
    );
    // Each account's May fee and the good account's April charges: issued, dated the 13th.
    expect((await invoicesOf(table, goodAccount.accountId)).map((i) => i.issueDate)).toEqual([
      '2047-03-20',
      '2047-05-13',
      '2047-05-13',
    ]);
    expect((await invoicesOf(table, badAccount.accountId)).map((i) => i.issueDate)).toEqual([
      '2047-03-20',
      '2047-05-13',
    ]);

    // The next dates are not blocked: caught up to the month end, June's fees and May's net one.
    // (In this process, as the schedule's run does it: the same job, the same progress.)
    const next = await runDailyJob(billingJob(env), store, {
      asOf: DateTime.fromISO('2047-05-31T06:30', { zone }).toJSDate(),
      zone,
      now: () => new Date(),
    });
    expect(next.dates).toHaveLength(18); // 14 to 31 May
    expect(next.completed).toEqual(next.dates);
    expect(next.leftForPerson).toBeGreaterThan(0);
    expect((await invoicesOf(table, goodAccount.accountId)).map((i) => i.issueDate)).toEqual([
      '2047-03-20',
      '2047-05-13',
      '2047-05-13',
      '2047-05-31',
    ]);
    expect((await invoicesOf(table, later.accountId)).map((i) => i.issueDate)).toEqual([
      '2047-05-31',
    ]);
    expect(await invoicesEmailedTo(cloud, goodAccount.email)).toHaveLength(4);
    // Tried once a date from the 14th until the limit (5): then left for a person.
    expect(await store.getOpen('billing', badItem)).toMatchObject({
      state: 'failed',
      date: '2047-05-13',
      attempts: 5,
    });

    // The back office lists it: job, date, the account it is about, the reason, the attempts.
    const ref = Buffer.from(`billing#${badItem}`).toString('base64url');
    const list = await page('/office/job-items');
    expect(list).toContain(`href="/office/accounts/${badAccount.accountId}"`);
    expect(list).toContain('is kept in EUR, not CNY');
    expect(list).toContain('5 of 5');
    expect(await page('/office')).toContain('href="/office/job-items"');

    // Retry now: tried once more at once, whatever the limit (it fails again: the data is bad).
    const csrf = await csrfOf(manager);
    const retried = await postForm(manager, `/office/job-items/${ref}/retry`, { csrf });
    expect(retried.headers.get('location')).toBe('/office/job-items?done=retry-started');
    const twice = await postForm(manager, `/office/job-items/${ref}/retry`, { csrf });
    expect(twice.headers.get('location')).toBe('/office/job-items?done=already');
    await expect
      .poll(async () => (await store.getOpen('billing', badItem))?.attempts, { timeout: 60_000 })
      .toBe(6);
    expect((await store.getOpen('billing', badItem))?.retryRequested).toBeUndefined();

    // Dismissed only with a note; a double click acts once.
    const noNote = await postForm(manager, `/office/job-items/${ref}/dismiss`, { csrf, note: ' ' });
    expect(noNote.status).toBe(400);
    expect(await noNote.text()).toContain('write why the item is dismissed');
    const note = 'Charge entered in the wrong currency; re-entered in EUR';
    const dismissed = await postForm(manager, `/office/job-items/${ref}/dismiss`, { csrf, note });
    expect(dismissed.headers.get('location')).toBe('/office/job-items?done=dismissed');
    const again = await postForm(manager, `/office/job-items/${ref}/dismiss`, { csrf, note });
    expect(again.headers.get('location')).toBe('/office/job-items?done=already');
    expect(await store.getOpen('billing', badItem)).toBeUndefined();
    const after = await page('/office/job-items');
    expect(after).toContain(note);
    expect(after).toContain('Maria Manager');
  }, 240_000);
});

describe('invoices and the company’s details', () => {
  it('wait while the details are placeholders, then go out once each, numbered and dated that day', async () => {
    const placeholders = settingsWith(table, { company: defaultCompanyDetails });
    const complete = settingsWith(table, { company: testCompany });
    const runName = `billing-waiting-${randomUUID().slice(0, 8)}`;
    /** This test's contracts and accounts: its runs act on these only. */
    const ours = new Set<string>();
    // Signed while the details are missing: the one-off's invoice, due now, waits unnumbered.
    const oneOff = await signedContract(env, {
      owner,
      plan: 'one-off',
      prepaid: true,
      startDate: '2047-08-01',
      termMonths: 1,
      signedOn: '2047-07-20',
      company: defaultCompanyDetails,
      waitingList: runName,
    });
    expect(oneOff.firstInvoice).toBeNull();
    const net = await signedContract(env, {
      owner,
      plan: 'monthly',
      prepaid: false,
      startDate: '2047-08-01',
      termMonths: 2,
      signedOn: '2047-07-20',
      company: defaultCompanyDetails,
    });
    for (const c of [oneOff, net]) {
      ours.add(c.contractId);
      ours.add(c.accountId);
    }
    // July's usage, billed from 13 August: it waits too.
    await chargeWritten(net.accountId, 'EUR', '2047-07-25');
    const run = (settings: typeof complete) =>
      billingRunner({ ...env, settings }, ours, runName)('waiting');

    // The net contract's August fee falls due on 31 August: it waits too. The date completes.
    const waiting = await run(placeholders)('2047-08-31');
    expect(waiting).toMatchObject({ waiting: 3, failed: 0, sent: 0, completed: ['2047-08-31'] });
    expect(await invoicesOf(table, net.accountId)).toEqual([]);
    expect(await invoicesOf(table, oneOff.accountId)).toEqual([]);
    expect((await store.openItemsOf(runName)).map((i) => [i.itemId, i.state])).toEqual([
      [`charges#${net.accountId}#2047-07#EUR`, 'waiting'],
      [`first-invoice#${oneOff.contractId}`, 'waiting'],
      [`term#${net.contractId}#2047-08-01`, 'waiting'],
    ]);
    // Not a failure: no limit, nothing to dismiss.
    expect(
      await store.dismiss(
        runName,
        `first-invoice#${oneOff.contractId}`,
        owner as never,
        'x',
        at('2047-08-31'),
      ),
    ).toBe('not-failed');

    // Filled in: the next run issues each, dated its own day, and emails it once.
    const released = await run(complete)('2047-09-01');
    expect(released).toMatchObject({ sent: 3, waiting: 0, failed: 0 });
    expect(await invoicesOf(table, net.accountId)).toEqual([
      expect.objectContaining({ issueDate: '2047-09-01', period: '2047-08-01..2047-08-31' }),
      expect.objectContaining({ issueDate: '2047-09-01', period: '2047-07-01..2047-07-31' }),
    ]);
    expect(await invoicesOf(table, oneOff.accountId)).toEqual([
      expect.objectContaining({ issueDate: '2047-09-01' }),
    ]);
    await run(complete)('2047-09-02');
    expect(await invoicesEmailedTo(cloud, net.email)).toHaveLength(2);
    expect(await invoicesEmailedTo(cloud, oneOff.email)).toHaveLength(1);
    expect(await store.openItemsOf(runName)).toEqual([]);

    // Statements print the details too: September's wait, then go out once each.
    const statementRun = (settings: typeof complete) => {
      const job = statementsJob({ ...env, settings });
      const own: typeof job = {
        ...job,
        name: `${runName}-statements`,
        items: async (date, asOf) =>
          (await job.items(date, asOf)).filter(({ item }) => ours.has(item.accountId)),
      };
      return (date: string) =>
        runDailyJob(own, store, { asOf: at(date, '08:00'), zone, now: () => new Date() });
    };
    expect(await statementRun(placeholders)('2047-10-01')).toMatchObject({ waiting: 2, sent: 0 });
    expect(await statementRun(complete)('2047-10-02')).toMatchObject({ sent: 2, waiting: 0 });
    await statementRun(complete)('2047-10-03');
    const statements = await emailsTo(cloud, net.email);
    expect(statements.filter((e) => e.subject.startsWith('Your statement'))).toHaveLength(1);
  });
});
