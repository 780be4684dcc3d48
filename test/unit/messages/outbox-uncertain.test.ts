import { describe, expect, it } from 'vitest';
import { flagUncertain, outbox, retryClaimed } from '../../../functions/messages/outbox';
import { isTransient, sesSender } from '../../../functions/messages/ses';
import { outboxMessageId } from '../../../functions/messages/store/outbox-store';
import { EmailNotSent } from '../../../functions/shared/errors';
import {
  businessRulesSchema,
  defaultBusinessRules,
} from '../../../functions/staff/settings/business-rules';
import { memoryOutboxStore, recordingSender } from '../../support/memory-stores';

const key = {
  kind: 'payment-receipt',
  subject: 'payment#01JPA7Q0Z3V8M2K4N6R8T0W2Y4',
  recipient: 'hana@example.kr',
  period: '-',
};
const id = outboxMessageId(key);
const content = { subjectLine: 'Receipt', html: '<p>Receipt</p>', text: 'Receipt' };
const t0 = new Date('2026-03-14T09:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const maria = { staffId: 'staff-maria', name: 'Maria Papadopoulou' };
const policy = { failedAfterAttempts: 2, maxAttempts: 3 };

/** A message whose sender crashed after claimed → sending, before SES answered or was marked. */
async function crashedMidSend(store: ReturnType<typeof memoryOutboxStore>) {
  await store.claim({
    ...key,
    messageId: id,
    sender: 'desk@example.com',
    content,
    state: 'claimed',
    attempts: 0,
    claimedAt: t0.toISOString(),
  });
  await store.startSending(id, t0);
}

describe('uncertain messages', () => {
  it('a message left sending past the lease becomes uncertain and is never re-sent by a run', async () => {
    const store = memoryOutboxStore();
    const ses = recordingSender();
    const box = outbox(store, ses, { policy });
    await crashedMidSend(store);
    // Within the lease: left alone, its sender may still be at work.
    expect(await flagUncertain(store, minutes(-5), minutes(10))).toBe(0);
    expect(store.items.get(id)?.state).toBe('sending');
    // Past the lease (15 minutes): uncertain, listed.
    expect(await flagUncertain(store, minutes(16 - 15), minutes(16))).toBe(1);
    expect(store.items.get(id)).toMatchObject({ state: 'uncertain' });
    expect((await store.needingAttention(10)).map((m) => m.messageId)).toEqual([id]);
    // Later runs neither send it nor flag it again.
    expect(await retryClaimed(store, box, minutes(60), minutes(62))).toEqual({
      sent: 0,
      skipped: 0,
      failed: 0,
    });
    expect(await flagUncertain(store, minutes(60), minutes(62))).toBe(0);
    expect(await box.deliver(key, 'desk@example.com', content, minutes(63))).toBe('in-doubt');
    expect(ses.sent).toHaveLength(0);
  });

  it('re-sending at a person’s request sends exactly once, and records who', async () => {
    const store = memoryOutboxStore();
    const ses = recordingSender();
    const box = outbox(store, ses, { policy });
    await crashedMidSend(store);
    await flagUncertain(store, minutes(1), minutes(16));
    const clicks = await Promise.all([
      box.resend(id, maria, minutes(20)),
      box.resend(id, maria, minutes(20)),
    ]);
    expect(clicks.filter((c) => c === 'sent')).toHaveLength(1);
    expect(clicks.filter((c) => c === undefined)).toHaveLength(1);
    expect(await box.resend(id, maria, minutes(21))).toBeUndefined();
    expect(ses.sent).toHaveLength(1);
    expect(store.items.get(id)).toMatchObject({
      state: 'sent',
      resentBy: maria,
      resentAt: minutes(20).toISOString(),
    });
    expect(await store.needingAttention(10)).toEqual([]);
  });

  it('confirming marks it sent without sending, once', async () => {
    const store = memoryOutboxStore();
    const ses = recordingSender();
    await crashedMidSend(store);
    await flagUncertain(store, minutes(1), minutes(16));
    expect(await store.confirmDelivered(id, maria, minutes(30))).toBe(true);
    expect(await store.confirmDelivered(id, maria, minutes(31))).toBe(false);
    expect(store.items.get(id)).toMatchObject({ state: 'sent', confirmedBy: maria });
    expect(await outbox(store, ses).resend(id, maria, minutes(32))).toBeUndefined();
    expect(ses.sent).toHaveLength(0);
  });
});

describe('messages that keep failing', () => {
  it('are listed as failed after some attempts and retried by each run up to the limit', async () => {
    const store = memoryOutboxStore();
    const ses = recordingSender();
    const box = outbox(store, ses, { policy });
    ses.refusing = true;
    await expect(box.deliver(key, 'desk@example.com', content, t0)).rejects.toBeInstanceOf(
      EmailNotSent,
    );
    expect(store.items.get(id)).toMatchObject({ state: 'claimed', attempts: 1 });
    expect(await store.needingAttention(10)).toEqual([]);

    // Second attempt (a run): failed, listed, still retried.
    expect(await retryClaimed(store, box, minutes(10), minutes(10))).toMatchObject({ failed: 1 });
    expect(store.items.get(id)).toMatchObject({ state: 'failed', attempts: 2 });
    expect((await store.needingAttention(10)).map((m) => m.lastError)).toEqual([
      expect.stringContaining('LimitExceededException'),
    ]);

    // Third attempt: the limit. No run picks it up any more.
    expect(await retryClaimed(store, box, minutes(20), minutes(20))).toMatchObject({ failed: 1 });
    expect(store.items.get(id)).toMatchObject({ state: 'failed', attempts: 3 });
    ses.refusing = false;
    expect(await retryClaimed(store, box, minutes(30), minutes(30))).toEqual({
      sent: 0,
      skipped: 0,
      failed: 0,
    });
    // Staff re-send it: once.
    expect(await box.resend(id, maria, minutes(40))).toBe('sent');
    expect(ses.sent).toHaveLength(1);
    expect(await store.needingAttention(10)).toEqual([]);
  });

  it('a failed message that a run then sends leaves the list', async () => {
    const store = memoryOutboxStore();
    const ses = recordingSender();
    const box = outbox(store, ses, { policy: { failedAfterAttempts: 1, maxAttempts: 5 } });
    ses.refusing = true;
    await box.deliver(key, 'desk@example.com', content, t0).catch(() => undefined);
    expect(store.items.get(id)?.state).toBe('failed');
    ses.refusing = false;
    expect(await retryClaimed(store, box, minutes(10), minutes(10))).toMatchObject({ sent: 1 });
    expect(store.items.get(id)?.state).toBe('sent');
    expect(await store.needingAttention(10)).toEqual([]);
  });
});

describe('back-off inside one send', () => {
  const failing = (errors: Error[]) => {
    let calls = 0;
    const client = {
      async send() {
        calls++;
        const error = errors.shift();
        if (error) throw error;
        return { MessageId: 'ses-ok' };
      },
    };
    return { client, calls: () => calls };
  };
  const named = (name: string, status?: number) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
  const request = {
    FromEmailAddress: 'desk@example.com',
    Destination: { ToAddresses: ['hana@example.kr'] },
    Content: {},
  };

  it('retries throttling and 5xx with growing waits, then sends', async () => {
    const waits: number[] = [];
    const { client, calls } = failing([
      named('TooManyRequestsException', 429),
      named('InternalFailure', 500),
    ]);
    const sender = sesSender(client as never, {
      tries: 4,
      baseDelayMs: 100,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    expect(await sender.send(request)).toBe('ses-ok');
    expect(calls()).toBe(3);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
    expect(waits[1]).toBeLessThanOrEqual(200);
  });

  it('gives up after the last try, and never retries a refusal', async () => {
    const sleep = async () => undefined;
    const busy = failing([1, 2, 3].map(() => named('ThrottlingException', 400)));
    await expect(
      sesSender(busy.client as never, { tries: 3, baseDelayMs: 1, sleep }).send(request),
    ).rejects.toThrow('ThrottlingException');
    expect(busy.calls()).toBe(3);
    const refused = failing([named('MessageRejected', 400)]);
    await expect(
      sesSender(refused.client as never, { tries: 3, baseDelayMs: 1, sleep }).send(request),
    ).rejects.toThrow('MessageRejected');
    expect(refused.calls()).toBe(1);
    expect(isTransient(named('LimitExceededException', 400))).toBe(false);
    expect(isTransient(named('ServiceUnavailable', 503))).toBe(true);
  });
});

describe('outbox settings', () => {
  it('default to a 15-minute lease, failed after 3 attempts, retried up to 10', () => {
    expect(defaultBusinessRules.outbox).toMatchObject({
      sendingLeaseMinutes: 15,
      failedAfterAttempts: 3,
      maxAttempts: 10,
    });
  });

  it('refuse a lease shorter than a Lambda run and a limit below the failed mark, naming the field', () => {
    const outboxWith = (change: object) =>
      businessRulesSchema.safeParse({
        ...defaultBusinessRules,
        outbox: { ...defaultBusinessRules.outbox, ...change },
      });
    const short = outboxWith({ sendingLeaseMinutes: 5 });
    expect(short.error?.issues[0]?.path).toEqual(['outbox', 'sendingLeaseMinutes']);
    const below = outboxWith({ failedAfterAttempts: 5, maxAttempts: 4 });
    expect(below.error?.issues[0]?.path).toEqual(['outbox', 'maxAttempts']);
  });
});
