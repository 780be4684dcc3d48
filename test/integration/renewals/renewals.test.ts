import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountRecordPk, accountStore } from '../../../functions/accounts/store/accounts';
import { contractStore } from '../../../functions/contracts/store/contracts';
import { billingTermStore } from '../../../functions/invoicing/store/billing-terms';
import { outbox } from '../../../functions/messages/outbox';
import { sesSender } from '../../../functions/messages/ses';
import { outboxStore } from '../../../functions/messages/store/outbox-store';
import { renewalsJob } from '../../../functions/renewals/renewals-job';
import { eventBridgeBus, eventPublisher } from '../../../functions/shared/events';
import { jobStore } from '../../../functions/shared/jobs/job-store';
import { runDailyJob } from '../../../functions/shared/jobs/runner';
import { signingKeyReader } from '../../../functions/shared/signing-key';
import { eventStore } from '../../../functions/shared/store/event-store';
import { readTimeline } from '../../../functions/shared/store/timeline';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';
import { settingsStore } from '../../../functions/staff/settings/settings-store';
import { localCredentials } from '../../../infra/local/aws-clients';
import type { PublishedEvent } from '../../../infra/local/events';
import { localArn, localNames } from '../../../infra/local/names';
import { emailsTo } from '../../support/local-cloud-clients';
import { seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { activeContract, zone } from '../../support/renewal-fixtures';
import { settingsWith } from '../../support/settings';
import { signInAs } from '../../support/staff-session';

/**
 * Renewals on the local cloud: the daily job run for chosen business dates through the job
 * runner (as the schedule and the CLI do), against DynamoDB Local, the SES mailbox, the events
 * endpoint and the renew link's route on the gateway. Each test has its own contract end dates
 * (2037-2038 and 2044, months apart) and its own job name.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const config = { region: cloud.region, credentials: localCredentials };
const ses = new SESv2Client({ ...config, endpoint: cloud.sesEndpoint });
const bus = new EventBridgeClient({ ...config, endpoint: cloud.eventsEndpoint });
const secrets = new SecretsManagerClient({ ...config, endpoint: cloud.secretsManagerEndpoint });
const env = {
  table,
  settings: settingsStore(table),
  outbox: outbox(outboxStore(table), sesSender(ses)),
  sender: 'desk@desk.local',
  zone,
};
const events = eventPublisher(eventStore(table), eventBridgeBus(localNames.eventBus, bus));
const signingKey = signingKeyReader(localArn.secret(localNames.signingKeySecret), secrets);
const runs = jobStore(table);
const contracts = contractStore(table);
let owner: { staffId: string; team: string };

beforeAll(async () => {
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
});

afterAll(() => {
  table.client.destroy();
  ses.destroy();
  bus.destroy();
  secrets.destroy();
});

/**
 * A job of its own per test (its own completed dates), as the CLI builds it. `reads` gets how many
 * contracts each date read.
 */
function renewalRun(
  label: string,
  reads: Record<string, number> = {},
  renewals?: typeof defaultBusinessRules.renewals,
) {
  const onRead = (date: string, read: number) => {
    reads[date] = read;
  };
  const settings = renewals ? settingsWith(table, { renewals }) : env.settings;
  const job = {
    ...renewalsJob({ ...env, settings }, { events, signingKey, onRead }),
    name: `renewals-test-${label}-${Date.now()}`,
  };
  return (date: string) =>
    runDailyJob(job, runs, {
      asOf: DateTime.fromISO(date, { zone }).endOf('day').toJSDate(),
      zone,
      now: () => new Date(),
    });
}

const daysRead = (reads: Record<string, number>) =>
  Object.entries(reads).filter(([, read]) => read > 0);

const subjects = async (address: string, about = '') =>
  (await emailsTo(cloud, address)).map((e) => e.subject).filter((s) => s.includes(about));

const published = async (type: string, contractId: string) =>
  ((await (await fetch(`${cloud.consoleUrl}/events`)).json()) as PublishedEvent[]).filter(
    (e) =>
      e['detail-type'] === type && (e.detail as { contractId?: string }).contractId === contractId,
  );

async function renewLinkIn(email: string): Promise<string> {
  const text = (await emailsTo(cloud, email)).at(-1)?.body.text ?? '';
  const path = /\/renewals\/v2\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text)?.[0];
  if (!path) throw new Error(`No renew link in the last email to ${email}`);
  return `${cloud.gatewayUrl}${path}`;
}

const post = (url: string, fields: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });

describe('the renewals run', () => {
  it('reads a contract only on the days it acts on it: 30 and 7 days before the end, and the end', async () => {
    const c = await activeContract(table, {
      owner,
      startDate: '2043-07-01',
      termMonths: 12,
      renewal: 'manual',
    });
    expect(c.endDate).toBe('2044-06-30');
    const reads: Record<string, number> = {};
    const run = renewalRun('reads', reads);
    await run('2044-05-30');
    await run('2044-07-02'); // catches up every day between
    expect(Object.keys(reads)).toHaveLength(34);
    expect(daysRead(reads)).toEqual([
      ['2044-05-31', 1], // the 30-day reminder and the agent told
      ['2044-06-23', 1], // the 7-day reminder
      ['2044-06-30', 1], // lapsed
    ]);
    expect(await contracts.get(c.contractId)).toMatchObject({ status: 'lapsed' });
    expect(await subjects(c.email)).toHaveLength(3);
  });

  it('lists a contract read with nothing to do under its first action’s day (days set in the settings)', async () => {
    const c = await activeContract(table, {
      owner,
      startDate: '2043-12-01',
      termMonths: 12,
      renewal: 'manual',
      serviceKind: 'placement',
    });
    expect(c.endDate).toBe('2044-11-30');
    // Memberships are still reminded 30 days ahead, so the run reads every contract then.
    const renewals = { ...defaultBusinessRules.renewals, agentNoticeDaysBeforeEnd: 10 };
    const reads: Record<string, number> = {};
    const run = renewalRun('settings', reads, renewals);
    await run('2044-10-30');
    await run('2044-12-01');
    expect(daysRead(reads)).toEqual([
      ['2044-10-31', 1], // 30 days before its end: nothing for a placement, listed under the 15th
      ['2044-11-15', 1], // the 15-day reminder
      ['2044-11-20', 1], // the agent told, 10 days ahead
      ['2044-11-27', 1], // the 3-day reminder
      ['2044-11-30', 1], // lapsed
    ]);
    expect(await subjects(c.email)).toHaveLength(3);
    expect(await subjects(seeded.agentNorth, `Renew ${c.contractId.slice(8)} Ltd`)).toEqual([
      `Contract ending in 10 days: Renew ${c.contractId.slice(8)} Ltd on 2044-11-30`,
    ]);
  });

  it('reminds a membership at 30 and 7 days once each, tells the agent at 30, and lapses it at the end', async () => {
    const c = await activeContract(table, {
      owner,
      startDate: '2036-04-01',
      termMonths: 12,
      renewal: 'manual',
    });
    expect(c.endDate).toBe('2037-03-31');
    const run = renewalRun('membership');
    const name = c.contractId;

    await run('2037-02-28');
    expect(await subjects(c.email)).toEqual([]);

    // Twice, and two at once: each reminder once.
    await Promise.all([run('2037-03-01'), run('2037-03-01')]);
    await run('2037-03-01');
    expect(await subjects(c.email)).toEqual([
      'Your Harbour listing contract ends on March 31, 2037',
    ]);
    const legalName = `Renew ${name.slice(8)} Ltd`;
    const agentTold = [`Contract ending in 30 days: ${legalName} on 2037-03-31`];
    expect(await subjects(seeded.agentNorth, legalName)).toEqual(agentTold);
    const reminder = (await emailsTo(cloud, c.email))[0]?.body.text ?? '';
    expect(reminder).toContain('in 30 days');
    expect(reminder).toMatch(/\/renewals\/v2\./);

    await Promise.all([run('2037-03-24'), run('2037-03-24')]);
    expect(await subjects(c.email)).toEqual([
      'Your Harbour listing contract ends on March 31, 2037',
      'Your Harbour listing contract ends on March 31, 2037',
    ]);
    expect((await emailsTo(cloud, c.email))[1]?.body.text).toContain('in 7 days');

    await run('2037-03-30');
    expect(await published('ContractLapsed', c.contractId)).toEqual([]);
    await Promise.all([run('2037-03-31'), run('2037-03-31')]);
    await run('2037-04-01');
    expect((await subjects(c.email)).slice(2)).toEqual(['Your Harbour listing contract has ended']);
    const lapsed = await published('ContractLapsed', c.contractId);
    expect(lapsed.map((e) => e.detail)).toEqual([
      expect.objectContaining({
        contractId: c.contractId,
        accountId: c.accountId,
        lapsedOn: '2037-03-31',
      }),
    ]);
    expect((await contracts.get(c.contractId))?.status).toBe('lapsed');
    expect((await accountStore(table).get(c.accountId))?.status).toBe('lapsed');
    expect(await subjects(seeded.agentNorth, legalName)).toEqual(agentTold);
    // Everything said to the customer is on the account's timeline too; the agent's notice is not.
    const onAccount = (await readTimeline(table, accountRecordPk(c.accountId)))
      .filter((entry) => entry.step === 'email-sent')
      .map((entry) => entry.summary);
    expect(onAccount).toEqual([
      `Email "Your Harbour listing contract ends on March 31, 2037" sent to ${c.email}`,
      `Email "Your Harbour listing contract ends on March 31, 2037" sent to ${c.email}`,
      `Email "Your Harbour listing contract has ended" sent to ${c.email}`,
    ]);
  });

  it('reminds a placement at 15 and 3 days, in the customer’s language, once each', async () => {
    const c = await activeContract(table, {
      owner,
      startDate: '2036-12-01',
      termMonths: 12,
      renewal: 'manual',
      serviceKind: 'placement',
      language: 'de',
    });
    const run = renewalRun('placement');
    await run('2037-11-01'); // 29 days before: the agent only
    expect(await subjects(c.email)).toEqual([]);
    await Promise.all([run('2037-11-15'), run('2037-11-15')]);
    await Promise.all([run('2037-11-27'), run('2037-11-27')]);
    const texts = (await emailsTo(cloud, c.email)).map((e) => e.body.text);
    expect(await subjects(c.email)).toEqual([
      'Ihr Vertrag für Harbour listing endet am 30. November 2037',
      'Ihr Vertrag für Harbour listing endet am 30. November 2037',
    ]);
    expect(texts[0]).toContain('in 15 Tagen');
    expect(texts[1]).toContain('in 3 Tagen');
  });

  it('a late run sends only the nearer reminder', async () => {
    const c = await activeContract(table, {
      owner,
      startDate: '2036-07-16',
      termMonths: 12,
      renewal: 'manual',
      serviceKind: 'advertising',
    });
    expect(c.endDate).toBe('2037-07-15');
    const run = renewalRun('late');
    await run('2037-07-13'); // the first run, two days before the end: 15 and 3 both reached
    const mail = await emailsTo(cloud, c.email);
    expect(mail.map((e) => e.subject)).toEqual([
      'Your Harbour listing contract ends on July 15, 2037',
    ]);
    expect(mail[0]?.body.text).toContain('in 3 days');
    const stored = await contracts.get(c.contractId);
    expect(stored?.renewalState?.actionsDone).toEqual(
      expect.arrayContaining(['customer-reminder-15', 'customer-reminder-3']),
    );
  });

  it('renews an auto-renewing contract at its end: notice at 30, new term, billing term, event', async () => {
    const c = await activeContract(table, {
      owner,
      startDate: '2037-03-01',
      termMonths: 12,
      renewal: 'auto',
      language: 'el',
    });
    expect(c.endDate).toBe('2038-02-28');
    const run = renewalRun('auto');
    await Promise.all([run('2038-01-29'), run('2038-01-29')]);
    expect(await subjects(c.email)).toEqual([
      'Η σύμβασή σας για Harbour listing ανανεώνεται στις 1 Μαρτίου 2038',
    ]);
    await Promise.all([run('2038-02-28'), run('2038-02-28')]);
    await run('2038-03-01');
    expect((await subjects(c.email)).slice(1)).toEqual([
      'Η σύμβασή σας για Harbour listing ανανεώθηκε έως 28 Φεβρουαρίου 2039',
    ]);
    const renewed = await contracts.get(c.contractId);
    expect(renewed?.status).toBe('active');
    expect(renewed?.currentTerm).toEqual({ startDate: '2038-03-01', endDate: '2039-02-28' });
    const term = await billingTermStore(table).get(c.contractId, '2038-03-01');
    expect(term).toMatchObject({
      contractId: c.contractId,
      accountId: c.accountId,
      startDate: '2038-03-01',
      endDate: '2039-02-28',
      billedThroughIndex: -1,
    });
    expect((await published('ContractRenewed', c.contractId)).map((e) => e.detail)).toEqual([
      expect.objectContaining({ renewedOn: '2038-02-28', newEndDate: '2039-02-28' }),
    ]);
    expect(await published('ContractLapsed', c.contractId)).toEqual([]);
  });
});

describe('the renew link', () => {
  it('renews on the same terms once; the run then begins the booked term instead of lapsing', async () => {
    const c = await activeContract(table, {
      owner,
      startDate: '2037-07-01',
      termMonths: 12,
      renewal: 'manual',
      language: 'de',
    });
    const run = renewalRun('link');
    await run('2038-05-31');
    const link = await renewLinkIn(c.email);

    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain(`Ihren Vertrag ${c.contractId} verlängern`);
    expect(page).toContain('1. Juli 2038');
    expect((await contracts.get(c.contractId))?.renewalState?.renewedByCustomer).toBeUndefined();

    const [first, second] = await Promise.all([
      post(link, { choice: 'renew' }),
      post(link, { choice: 'renew' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const booked = await contracts.get(c.contractId);
    expect(booked?.renewalState?.renewedByCustomer).toMatchObject({
      startDate: '2038-07-01',
      endDate: '2039-06-30',
    });
    expect(await subjects(c.email, 'Danke')).toEqual([
      'Danke für Ihre Verlängerung: Harbour listing bis 30. Juni 2039',
    ]);
    expect(await billingTermStore(table).get(c.contractId, '2038-07-01')).toMatchObject({
      billedThroughIndex: -1,
      endDate: '2039-06-30',
    });
    expect(await published('ContractRenewed', c.contractId)).toHaveLength(1);
    const again = await fetch(link);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Ihr Vertrag ist bereits verlängert');

    await run('2038-06-30');
    await run('2038-07-01');
    expect(await subjects(c.email)).toHaveLength(2); // no 7-day reminder, no lapse
    const next = await contracts.get(c.contractId);
    expect(next?.status).toBe('active');
    expect(next?.currentTerm).toEqual({ startDate: '2038-07-01', endDate: '2039-06-30' });
    expect(await published('ContractLapsed', c.contractId)).toEqual([]);
    // The old term's link renews nothing more; an altered one is refused.
    expect((await fetch(link)).status).toBe(410);
    const altered = `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect((await post(altered, { choice: 'renew' })).status).toBe(400);
  });

  it('asks for a new quote: the agent is told and nothing else changes', async () => {
    const c = await activeContract(table, {
      owner,
      startDate: '2037-10-16',
      termMonths: 12,
      renewal: 'manual',
      serviceKind: 'advertising',
      language: 'ko',
    });
    const run = renewalRun('quote');
    await run('2038-09-30');
    const link = await renewLinkIn(c.email);
    const before = await contracts.get(c.contractId);

    const bad = await post(link, { choice: 'maybe' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('choice');

    const asked = await post(link, { choice: 'new-quote' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('담당 매니저가 곧 연락드립니다');
    expect((await post(link, { choice: 'renew' })).status).toBe(409);

    const legalName = `Renew ${c.contractId.slice(8)} Ltd`;
    expect(await subjects(seeded.agentNorth, `New quote asked: ${legalName}`)).toHaveLength(1);
    const after = await contracts.get(c.contractId);
    expect(after?.version).toBe(before?.version);
    expect(after?.renewalState).toEqual(before?.renewalState);
    expect(await published('ContractRenewed', c.contractId)).toEqual([]);
  });
});
