import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type EmailFeedbackDeps,
  recordEmailFeedback,
} from '../../../functions/messages/email-feedback';
import { outbox } from '../../../functions/messages/outbox';
import {
  type EmailFeedback,
  parseSesNotification,
  parseSnsFeedbackEvent,
} from '../../../functions/messages/ses-feedback';
import { outboxMessageId } from '../../../functions/messages/store/outbox-store';
import type { AddressMark } from '../../../functions/messages/store/suppressed-addresses';
import { InvalidPayload } from '../../../functions/shared/errors';
import { memoryOutboxStore, recordingSender } from '../../support/memory-stores';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/events/${name}.json`, import.meta.url), 'utf8'));
const now = new Date('2026-02-09T08:16:00Z');

describe('reading SES notifications from SNS', () => {
  it('reads a permanent bounce published by the configuration set', () => {
    expect(parseSnsFeedbackEvent(fixture('ses-bounce-permanent'))).toEqual([
      {
        kind: 'bounce',
        bounceType: 'Permanent',
        bounceSubType: 'General',
        addresses: ['ann.lee@example.com'],
        sesMessageId: '010701853a6f1a2b-5c1e0f7a-1d2e-4f3a-9b8c-7d6e5f4a3b2c-000000',
        feedbackId: '010701853a6f1c3d-0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-000000',
        at: '2026-02-09T08:15:02.669Z',
      },
    ]);
  });

  it('reads a transient bounce and a complaint in the identity format', () => {
    const [transient] = parseSnsFeedbackEvent(fixture('ses-bounce-transient'));
    expect(transient).toMatchObject({ kind: 'bounce', bounceType: 'Transient' });
    const [complaint] = parseSnsFeedbackEvent(fixture('ses-complaint'));
    expect(complaint).toMatchObject({
      kind: 'complaint',
      addresses: ['ann.lee@example.com'],
      at: '2026-02-09T09:02:11.000Z',
    });
  });

  it('takes a display name off an address and passes over other event types', () => {
    const delivery = JSON.stringify({ eventType: 'Delivery', mail: { messageId: 'm-1' } });
    expect(parseSesNotification(delivery)).toEqual({ kind: 'other', eventType: 'Delivery' });
    const named = JSON.stringify({
      notificationType: 'Complaint',
      mail: { messageId: 'm-2' },
      complaint: {
        complainedRecipients: [{ emailAddress: 'Ann Lee <Ann@Example.com>' }],
        timestamp: '2026-02-09T09:02:11Z',
        feedbackId: 'f-2',
      },
    });
    expect(parseSesNotification(named)).toMatchObject({ addresses: ['ann@example.com'] });
  });

  it('refuses what it cannot read, naming the field', () => {
    expect(() => parseSnsFeedbackEvent({ Records: [] })).toThrow(/Records: /);
    expect(() => parseSnsFeedbackEvent({ scheduledTime: '2026-01-01T00:00:00Z' })).toThrow(
      InvalidPayload,
    );
    const event = fixture('ses-bounce-permanent') as { Records: { Sns: { Message: string } }[] };
    const record = event.Records[0];
    if (!record) throw new Error('fixture has no record');
    const message = JSON.parse(record.Sns.Message);
    message.bounce.bounceType = 'Soft';
    delete message.bounce.feedbackId;
    record.Sns.Message = JSON.stringify(message);
    expect(() => parseSnsFeedbackEvent(event)).toThrow(
      /Records\.0\.Sns\.Message\.bounce\.bounceType: .*Records\.0\.Sns\.Message\.bounce\.feedbackId/,
    );
    record.Sns.Message = 'not json';
    expect(() => parseSnsFeedbackEvent(event)).toThrow(
      'Records.0.Sns.Message: must be an SES notification in JSON',
    );
    record.Sns.Message = '{"mail":{}}';
    expect(() => parseSnsFeedbackEvent(event)).toThrow('Records.0.Sns.Message.eventType');
  });
});

/** The desk's stores in memory: an account owned by an agent, marks kept like the real store. */
function desk() {
  const store = memoryOutboxStore();
  const ses = recordingSender();
  const deps: EmailFeedbackDeps = {
    marks: {
      async mark(mark: AddressMark) {
        const existing = store.marks.get(mark.address);
        if (existing) return { mark: existing, created: false };
        store.marks.set(mark.address, mark);
        return { mark, created: true };
      },
    },
    contacts: {
      findByContact: async ({ email }) =>
        email === 'ann.lee@example.com' ? { accountId: 'A-1', leadId: 'L-1' } : undefined,
    },
    accounts: {
      get: async (id) => (id === 'A-1' ? { legalName: 'Lee Bakery', ownerId: 'S-7' } : undefined),
    },
    leads: { getLead: async () => undefined },
    staff: {
      getMember: async (id) =>
        id === 'S-7' ? { name: 'Kim Agent', email: 'kim@desk.example', active: true } : undefined,
    },
    outbox: outbox(store, ses),
    sender: 'desk@desk.example',
  };
  return { store, ses, deps };
}

describe('recording bounces and complaints', () => {
  const [bounce] = parseSnsFeedbackEvent(fixture('ses-bounce-permanent')) as [EmailFeedback];

  it('marks the address and tells the account’s agent once, however often SES reports it', async () => {
    const { store, ses, deps } = desk();
    expect(await recordEmailFeedback(deps, bounce, now)).toEqual({
      kind: 'marked',
      addresses: [{ address: 'ann.lee@example.com', marked: true, agentTold: 'sent' }],
    });
    expect(await recordEmailFeedback(deps, bounce, now)).toEqual({
      kind: 'marked',
      addresses: [{ address: 'ann.lee@example.com', marked: false, agentTold: 'already-sent' }],
    });
    expect(store.marks.get('ann.lee@example.com')).toMatchObject({
      reason: 'bounced',
      markedAt: '2026-02-09T08:15:02.669Z',
      detail: 'General',
    });
    expect(ses.sent).toHaveLength(1);
    expect(ses.sent[0]?.Destination?.ToAddresses).toEqual(['kim@desk.example']);
    expect(ses.sent[0]?.Content?.Simple?.Subject?.Data).toBe(
      'Email address bounced: account Lee Bakery (A-1)',
    );
    expect(ses.sent[0]?.Content?.Simple?.Body?.Text?.Data).toContain(
      'Email to ann.lee@example.com bounced permanently (General) on 2026-02-09.',
    );
  });

  it('only logs a transient bounce', async () => {
    const { store, ses, deps } = desk();
    const [transient] = parseSnsFeedbackEvent(fixture('ses-bounce-transient')) as [EmailFeedback];
    expect(await recordEmailFeedback(deps, transient, now)).toEqual({
      kind: 'transient',
      addresses: ['ann.lee@example.com'],
    });
    expect(store.marks.size).toBe(0);
    expect(ses.sent).toHaveLength(0);
  });

  it('lists the next message to a marked address as failed, naming why, and sends nothing', async () => {
    const { store, ses, deps } = desk();
    const [complaint] = parseSnsFeedbackEvent(fixture('ses-complaint')) as [EmailFeedback];
    await recordEmailFeedback(deps, complaint, now);
    expect(ses.sent[0]?.Content?.Simple?.Subject?.Data).toBe(
      'Spam complaint: account Lee Bakery (A-1)',
    );
    const key = {
      kind: 'invoice',
      subject: 'INV-2026-000043',
      recipient: 'Ann.Lee@example.com',
      period: '-',
    };
    const content = { subjectLine: 'Invoice', html: '<p>Invoice</p>', text: 'Invoice' };
    expect(await deps.outbox.deliver(key, 'desk@desk.example', content, now)).toBe('refused');
    expect(ses.sent).toHaveLength(1);
    expect(store.items.get(outboxMessageId(key))).toMatchObject({
      state: 'failed',
      lastError: expect.stringMatching(/^Address complained: SES reported ann\.lee@example\.com/),
    });
    expect((await store.needingAttention(10)).map((m) => m.messageId)).toEqual([
      outboxMessageId(key),
    ]);
    // Staff cleared the mark after speaking to the customer: "Send once more" sends it.
    store.marks.clear();
    const by = { staffId: 'S-1', name: 'Mia Manager' };
    expect(await deps.outbox.resend(outboxMessageId(key), by, now)).toBe('sent');
    expect(ses.sent).toHaveLength(2);
  });

  it('tells nobody when no account or lead has the address, but marks it', async () => {
    const { store, ses, deps } = desk();
    const stranger = { ...bounce, addresses: ['nobody@example.com'] } as EmailFeedback;
    expect(await recordEmailFeedback(deps, stranger, now)).toMatchObject({
      addresses: [{ address: 'nobody@example.com', marked: true, agentTold: 'no-agent' }],
    });
    expect(store.marks.has('nobody@example.com')).toBe(true);
    expect(ses.sent).toHaveLength(0);
  });
});
