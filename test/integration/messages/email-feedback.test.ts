import { randomUUID } from 'node:crypto';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountStore, openAccountWrites } from '../../../functions/accounts/store/accounts';
import { contactStore } from '../../../functions/accounts/store/contacts';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { recordEmailFeedback } from '../../../functions/messages/email-feedback';
import { outbox } from '../../../functions/messages/outbox';
import { messageRef } from '../../../functions/messages/pages/outbox-pages';
import { sesSender } from '../../../functions/messages/ses';
import { parseSnsFeedbackEvent } from '../../../functions/messages/ses-feedback';
import { outboxMessageId, outboxStore } from '../../../functions/messages/store/outbox-store';
import { suppressedAddresses } from '../../../functions/messages/store/suppressed-addresses';
import { staffStore } from '../../../functions/staff/store/staff-store';
import { localCredentials } from '../../../infra/local/aws-clients';
import { localNames } from '../../../infra/local/names';
import { simulatedFeedbackEvent } from '../../../infra/local/ses-simulator';
import { emailsTo } from '../../support/local-cloud-clients';
import { csrfOf, decodeEntities, postForm, seeded, staffIdOf } from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Bounces on the local cloud: mail to SES's simulator bounce address is accepted, then the local
 * SES endpoint delivers the SNS event SES would publish to the real `record-email-feedback`
 * function, which marks the address and tells the account's agent; the outbox refuses the next
 * message to it (listed as failed, not sent) until staff clear the mark on the outbox page.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const ses = new SESv2Client({
  endpoint: cloud.sesEndpoint,
  region: cloud.region,
  credentials: localCredentials,
});
const store = outboxStore(table);
const mail = outbox(store, sesSender(ses, undefined, localNames.emailConfigurationSet));
const marks = suppressedAddresses(table);
const sender = 'desk@desk.local';
let manager: StaffSession;
let csrf: string;
let agentId: string;

beforeAll(async () => {
  manager = await signInAs(cloud, seeded.manager);
  csrf = await csrfOf(manager);
  agentId = await staffIdOf(manager, seeded.agentNorth);
});
afterAll(() => {
  table.client.destroy();
  ses.destroy();
});

/** An account of Alex's whose contact email is the given address (as activation records it). */
async function accountWith(email: string): Promise<{ accountId: string; legalName: string }> {
  const id = randomUUID().slice(0, 8);
  const accountId = `ACC-BNC-${id}`;
  const legalName = `Bounce ${id} GmbH`;
  const at = '2031-04-02T09:00:00.000Z';
  const account = {
    accountId,
    legalName,
    contactName: 'Bo Bounce',
    email,
    addressLines: ['1 Main Street'],
    country: 'DE',
    language: 'de' as const,
    team: 'north',
    ownerId: agentId,
    status: 'active' as const,
    openedAt: at,
    version: 1,
  };
  const link = {
    contractId: `CON-BNC-${id}`,
    startDate: '2031-04-02',
    endDate: '2032-04-01',
    serviceName: 'Membership',
    activatedAt: at,
  };
  const entry = {
    at,
    step: 'account-opened' as const,
    summary: 'Opened (test)',
    by: { kind: 'system' as const },
    via: 'test',
  };
  await table.client.send(
    new TransactWriteCommand({
      TransactItems: openAccountWrites(table.name, account, link, entry),
    }),
  );
  await contactStore(table).recordAccountContact({ email }, accountId);
  return { accountId, legalName };
}

async function eventually<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in 30 s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const content = (subject: string) => ({
  subjectLine: subject,
  html: `<p>${subject}</p>`,
  text: subject,
});

describe('bounces and complaints on the local cloud', () => {
  it('marks a bounced address, tells the agent once, and lists the next message as failed', async () => {
    const address = `bounce+${randomUUID().slice(0, 8)}@simulator.amazonses.com`;
    const { accountId, legalName } = await accountWith(address);
    const key = (kind: string) => ({
      kind,
      subject: `account#${accountId}`,
      recipient: address,
      period: '-',
    });

    expect(await mail.deliver(key('welcome'), sender, content('Welcome'), new Date())).toBe('sent');
    const mark = await eventually('the bounce mark', () => marks.get(address));
    expect(mark).toMatchObject({ address, reason: 'bounced', detail: 'General' });

    const agentNotices = async () =>
      (await emailsTo(cloud, seeded.agentNorth)).filter((e) => e.subject.includes(accountId));
    const [notice] = await eventually('the agent notice', async () => {
      const found = await agentNotices();
      return found.length > 0 ? found : undefined;
    });
    expect(notice?.subject).toBe(`Email address bounced: account ${legalName} (${accountId})`);
    expect(notice?.body.text).toContain(`Email to ${address} bounced permanently (General)`);

    // SNS delivers at least once: the same bounce reported again changes nothing and tells no one.
    const [sent] = await emailsTo(cloud, address);
    if (!sent) throw new Error('The welcome is not in the mailbox');
    const deps = {
      marks,
      contacts: contactStore(table),
      accounts: accountStore(table),
      leads: leadStore(table),
      staff: staffStore(table),
      outbox: mail,
      sender,
    };
    for (let i = 0; i < 2; i++) {
      const event = simulatedFeedbackEvent('bounce', address, sent, 'desk', new Date());
      const [feedback] = parseSnsFeedbackEvent(event);
      if (!feedback) throw new Error('No notification in the event');
      expect(await recordEmailFeedback(deps, feedback, new Date())).toEqual({
        kind: 'marked',
        addresses: [{ address, marked: false, agentTold: 'already-sent' }],
      });
    }
    expect(await marks.get(address)).toEqual(mark);
    expect(await agentNotices()).toHaveLength(1);

    // The next message to the address is listed as failed with the reason, and not sent.
    const invoiceKey = key('invoice');
    expect(await mail.deliver(invoiceKey, sender, content('Invoice'), new Date())).toBe('refused');
    expect(await store.get(outboxMessageId(invoiceKey))).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/^Address bounced: SES reported .* as a permanent bounce/),
    });
    expect(await emailsTo(cloud, address)).toHaveLength(1);
    const page = decodeEntities(
      await (await manager.fetch('/office/outbox', { headers: { accept: 'text/html' } })).text(),
    );
    expect(page).toContain(address);
    expect(page).toContain('Clear address mark');

    // Staff fixed the address and clear the mark (a double click clears once), then re-send.
    const ref = messageRef(outboxMessageId(invoiceKey));
    const clear = () => postForm(manager, `/office/outbox/${ref}/clear-address`, { csrf });
    expect((await clear()).headers.get('location')).toBe('/office/outbox?done=address-cleared');
    expect((await clear()).headers.get('location')).toBe('/office/outbox?done=already');
    expect(await marks.get(address)).toBeUndefined();
    const resent = await postForm(manager, `/office/outbox/${ref}/resend`, { csrf });
    expect(resent.headers.get('location')).toBe('/office/outbox?done=resent');
    expect(await emailsTo(cloud, address)).toHaveLength(2);
    // The simulator bounces it again: a new mark, and the agent is told of that one too.
    const again = await eventually('the new mark', async () => {
      const found = await marks.get(address);
      return found && found.markedAt !== mark.markedAt ? found : undefined;
    });
    expect(again.reason).toBe('bounced');
    await eventually('the second agent notice', async () =>
      (await agentNotices()).length === 2 ? true : undefined,
    );
  });

  it('marks an address that complained', async () => {
    const address = `complaint+${randomUUID().slice(0, 8)}@simulator.amazonses.com`;
    const { accountId, legalName } = await accountWith(address);
    const key = {
      kind: 'welcome',
      subject: `account#${accountId}`,
      recipient: address,
      period: '-',
    };
    expect(await mail.deliver(key, sender, content('Welcome'), new Date())).toBe('sent');
    expect(await eventually('the complaint mark', () => marks.get(address))).toMatchObject({
      reason: 'complained',
    });
    const notices = await eventually('the agent notice', async () => {
      const found = (await emailsTo(cloud, seeded.agentNorth)).filter((e) =>
        e.subject.includes(accountId),
      );
      return found.length > 0 ? found : undefined;
    });
    expect(notices.map((e) => e.subject)).toEqual([
      `Spam complaint: account ${legalName} (${accountId})`,
    ]);
  });
});
