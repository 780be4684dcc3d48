import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { messageRef } from '../../../functions/messages/pages/outbox-pages';
import {
  type OutboxKey,
  outboxMessageId,
  outboxStore,
} from '../../../functions/messages/store/outbox-store';
import { cloudNow, emailsTo, uniqueAddress } from '../../support/local-cloud-clients';
import { csrfOf, decodeEntities, postForm, seeded } from '../../support/office';
import { localTable } from '../../support/staff-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * A crash mid-send on the local cloud: the message is left `sending`; once the clock is past the
 * lease the retry job (the real function, run by the scheduler) marks it `uncertain` and never
 * sends it; staff confirm it or send it once more from the back office.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const store = outboxStore(table);
const minute = 60_000;
let manager: StaffSession;
let csrf: string;

beforeAll(async () => {
  manager = await signInAs(cloud, seeded.manager);
  csrf = await csrfOf(manager);
});
afterAll(() => table.client.destroy());

async function advanceClock(milliseconds: number) {
  const response = await fetch(`${cloud.consoleUrl}/clock/advance`, {
    method: 'POST',
    body: JSON.stringify({ milliseconds }),
  });
  expect(response.status).toBe(200);
}

async function runRetryJob() {
  const response = await fetch(`${cloud.consoleUrl}/schedules/outbox-retry/run`, {
    method: 'POST',
  });
  const outcome = (await response.json()) as { kind: string; payload?: unknown };
  expect(outcome.kind).toBe('returned');
  return outcome.payload as { sent: number; uncertain: number };
}

/** Claimed, then moved to `sending` by a sender that crashed before SES answered. */
async function crashedMidSend(label: string): Promise<{ key: OutboxKey; messageId: string }> {
  const key = {
    kind: 'payment-receipt',
    subject: label,
    recipient: uniqueAddress(label),
    period: '-',
  };
  const messageId = outboxMessageId(key);
  const now = await cloudNow(cloud);
  await store.claim({
    ...key,
    messageId,
    sender: 'desk@desk.local',
    content: { subjectLine: `Receipt ${label}`, html: '<p>Receipt</p>', text: 'Receipt' },
    state: 'claimed',
    attempts: 0,
    claimedAt: now.toISOString(),
  });
  expect(await store.startSending(messageId, now)).toBeDefined();
  return { key, messageId };
}

const outboxPage = async () =>
  decodeEntities(
    await (await manager.fetch('/office/outbox', { headers: { accept: 'text/html' } })).text(),
  );

describe('uncertain outbox messages on the local cloud', () => {
  it('past the lease the retry job marks a crashed send uncertain and sends nothing; staff re-send it exactly once', async () => {
    const { key, messageId } = await crashedMidSend(`crash-${Date.now()}`);
    // Within the lease: left alone.
    await runRetryJob();
    expect((await store.get(messageId))?.state).toBe('sending');

    await advanceClock(16 * minute);
    await runRetryJob();
    await runRetryJob();
    expect(await store.get(messageId)).toMatchObject({ state: 'uncertain' });
    expect(await emailsTo(cloud, key.recipient)).toHaveLength(0);

    const listed = await outboxPage();
    expect(listed).toContain(key.recipient);
    expect(listed).toContain('Uncertain');

    // A double click: two posts, one email.
    const path = `/office/outbox/${messageRef(messageId)}/resend`;
    const [first, second] = await Promise.all([
      postForm(manager, path, { csrf }),
      postForm(manager, path, { csrf }),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    const places = [first.headers.get('location'), second.headers.get('location')].sort();
    expect(places).toEqual(['/office/outbox?done=already', '/office/outbox?done=resent']);
    expect(await emailsTo(cloud, key.recipient)).toHaveLength(1);
    expect(await store.get(messageId)).toMatchObject({
      state: 'sent',
      resentBy: { name: expect.stringContaining('Maria') },
    });
    expect(await outboxPage()).not.toContain(key.recipient);
    await runRetryJob();
    expect(await emailsTo(cloud, key.recipient)).toHaveLength(1);
  });

  it('staff confirm an uncertain message delivered: marked sent, nothing sent', async () => {
    const { key, messageId } = await crashedMidSend(`confirm-${Date.now()}`);
    await advanceClock(16 * minute);
    await runRetryJob();
    expect((await store.get(messageId))?.state).toBe('uncertain');

    const path = `/office/outbox/${messageRef(messageId)}/confirm`;
    const refused = await postForm(manager, path, { csrf: 'forged' });
    expect(refused.status).toBe(403);
    expect((await store.get(messageId))?.state).toBe('uncertain');

    const confirmed = await postForm(manager, path, { csrf });
    expect(confirmed.headers.get('location')).toBe('/office/outbox?done=confirmed');
    expect(await store.get(messageId)).toMatchObject({
      state: 'sent',
      confirmedBy: { name: expect.stringContaining('Maria') },
    });
    const again = await postForm(manager, path, { csrf });
    expect(again.headers.get('location')).toBe('/office/outbox?done=already');
    expect(await emailsTo(cloud, key.recipient)).toHaveLength(0);
    expect(await outboxPage()).not.toContain(key.recipient);
  });
});
