import { describe, expect, it } from 'vitest';
import { outbox, retryClaimed } from '../../../functions/messages/outbox';
import { outboxMessageId } from '../../../functions/messages/store/outbox-store';
import { EmailNotSent, InvalidRecipient } from '../../../functions/shared/errors';
import { memoryOutboxStore as memoryStore, recordingSender } from '../../support/memory-stores';

const key = {
  kind: 'lead-acknowledgement',
  subject: 'lead#01JPA7Q0Z3V8M2K4N6R8T0W2Y4',
  recipient: 'minjun@example.kr',
  period: '-',
};
const content = { subjectLine: 'Thanks', html: '<p>Thanks</p>', text: 'Thanks' };
const t0 = new Date('2026-03-14T09:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

describe('outbox', () => {
  it('sends a message once, however often it is delivered', async () => {
    const store = memoryStore();
    const ses = recordingSender();
    const box = outbox(store, ses);
    expect(await box.deliver(key, 'desk@example.com', content, t0)).toBe('sent');
    expect(await box.deliver(key, 'desk@example.com', content, minutes(1))).toBe('already-sent');
    expect(ses.sent).toHaveLength(1);
    expect(ses.sent[0]?.Destination?.ToAddresses).toEqual(['minjun@example.kr']);
    expect(store.items.get(outboxMessageId(key))).toMatchObject({
      state: 'sent',
      sesMessageId: 'ses-1',
      sentAt: t0.toISOString(),
    });
  });

  it('sends one message when two deliveries race', async () => {
    const ses = recordingSender();
    const box = outbox(memoryStore(), ses);
    const outcomes = await Promise.all([
      box.deliver(key, 'desk@example.com', content, t0),
      box.deliver(key, 'desk@example.com', content, t0),
    ]);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(ses.sent).toHaveLength(1);
  });

  it('keeps a refused message claimed, throws EmailNotSent, and sends it on retry', async () => {
    const store = memoryStore();
    const ses = recordingSender();
    const box = outbox(store, ses);
    ses.refusing = true;
    const error = await box.deliver(key, 'desk@example.com', content, t0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailNotSent);
    expect((error as Error).name).toBe('EmailNotSent');
    expect(store.items.get(outboxMessageId(key))).toMatchObject({
      state: 'claimed',
      attempts: 1,
      lastError: expect.stringContaining('LimitExceededException'),
    });
    ses.refusing = false;
    expect(await box.deliver(key, 'desk@example.com', content, minutes(1))).toBe('sent');
    expect(ses.sent).toHaveLength(1);
  });

  it('never re-sends a message caught mid-send: it is in doubt', async () => {
    const store = memoryStore();
    const ses = recordingSender();
    const box = outbox(store, ses);
    // A crash after claimed → sending, before SES answered.
    await store.claim({
      ...key,
      messageId: outboxMessageId(key),
      sender: 'desk@example.com',
      content,
      state: 'claimed',
      attempts: 0,
      claimedAt: t0.toISOString(),
    });
    await store.startSending(outboxMessageId(key), t0);
    expect(await box.deliver(key, 'desk@example.com', content, minutes(5))).toBe('in-doubt');
    expect(await box.sendClaimed(outboxMessageId(key), minutes(6))).toBe('in-doubt');
    expect(ses.sent).toHaveLength(0);
  });

  it('refuses a recipient list before claiming anything', async () => {
    const store = memoryStore();
    const box = outbox(store, recordingSender());
    await expect(
      box.deliver(
        { ...key, recipient: 'a@example.com,b@example.com' },
        'desk@example.com',
        content,
        t0,
      ),
    ).rejects.toBeInstanceOf(InvalidRecipient);
    expect(store.items.size).toBe(0);
  });

  it('retries what was claimed before the cutoff and left unsent', async () => {
    const store = memoryStore();
    const ses = recordingSender();
    const box = outbox(store, ses);
    const other = { ...key, subject: 'lead#01JPA7Q0Z3V8M2K4N6R8T0W2Y5' };
    const fresh = { ...key, subject: 'lead#01JPA7Q0Z3V8M2K4N6R8T0W2Y6' };
    ses.refusing = true;
    await box.deliver(key, 'desk@example.com', content, t0).catch(() => undefined);
    await box.deliver(other, 'desk@example.com', content, minutes(1)).catch(() => undefined);
    await box.deliver(fresh, 'desk@example.com', content, minutes(9)).catch(() => undefined);
    ses.refusing = false;
    // Run at t0+10 min with 2 minutes' grace: the claim of minute 9 is too young to touch.
    const summary = await retryClaimed(store, box, minutes(8), minutes(10));
    expect(summary).toEqual({ sent: 2, skipped: 0, failed: 0 });
    expect(ses.sent.map((r) => r.Destination?.ToAddresses?.[0])).toHaveLength(2);
    expect(store.items.get(outboxMessageId(fresh))?.state).toBe('claimed');
    // A second run finds nothing more to send before the same cutoff.
    expect(await retryClaimed(store, box, minutes(8), minutes(20))).toEqual({
      sent: 0,
      skipped: 0,
      failed: 0,
    });
  });

  it('counts refusals in a retry run and goes on', async () => {
    const store = memoryStore();
    const ses = recordingSender();
    const box = outbox(store, ses);
    ses.refusing = true;
    await box.deliver(key, 'desk@example.com', content, t0).catch(() => undefined);
    const failures: string[] = [];
    const summary = await retryClaimed(store, box, minutes(5), minutes(10), {
      onFailure: (id) => failures.push(id),
    });
    expect(summary).toEqual({ sent: 0, skipped: 0, failed: 1 });
    expect(failures).toEqual([outboxMessageId(key)]);
    expect(store.items.get(outboxMessageId(key))?.attempts).toBe(2);
  });
});
