import { describe, expect, it } from 'vitest';
import {
  type DocumentReader,
  DocumentsBucketMissing,
  documentsBucket,
} from '../../../functions/messages/attachments';
import { outbox } from '../../../functions/messages/outbox';
import { outboxMessageId } from '../../../functions/messages/store/outbox-store';
import { EmailNotSent } from '../../../functions/shared/errors';
import { memoryOutboxStore, recordingSender } from '../../support/memory-stores';

const key = {
  kind: 'invoice',
  subject: 'invoice#2026-000042',
  recipient: 'eleni@example.gr',
  period: '-',
};
const content = {
  subjectLine: 'Invoice 2026-000042',
  html: '<p>Your invoice</p>',
  text: 'Your invoice',
  attachments: [
    {
      filename: 'invoice-2026-000042.pdf',
      contentType: 'application/pdf',
      documentKey: 'invoices/2026-000042.pdf',
    },
  ],
};
const t0 = new Date('2026-03-14T09:00:00Z');
const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x80, 0x0a]);

function documents(files: Record<string, Uint8Array>): DocumentReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async read(documentKey) {
      reads.push(documentKey);
      const file = files[documentKey];
      if (!file) {
        const error = new Error('The specified key does not exist.');
        error.name = 'NoSuchKey';
        throw error;
      }
      return file;
    },
  };
}

describe('outbox attachments', () => {
  it('sends the document bytes as an attachment, once', async () => {
    const ses = recordingSender();
    const box = outbox(memoryOutboxStore(), ses, {
      documents: documents({ 'invoices/2026-000042.pdf': pdf }),
    });
    expect(await box.deliver(key, 'desk@example.com', content, t0)).toBe('sent');
    expect(await box.deliver(key, 'desk@example.com', content, t0)).toBe('already-sent');
    expect(ses.sent).toHaveLength(1);
    expect(ses.sent[0]?.Content?.Simple?.Attachments).toEqual([
      {
        FileName: 'invoice-2026-000042.pdf',
        ContentType: 'application/pdf',
        ContentDisposition: 'ATTACHMENT',
        RawContent: pdf,
      },
    ]);
  });

  it('sends no attachment field and reads nothing for a plain message', async () => {
    const ses = recordingSender();
    const reader = documents({});
    const box = outbox(memoryOutboxStore(), ses, { documents: reader });
    const { attachments: _none, ...plain } = content;
    expect(await box.deliver(key, 'desk@example.com', plain, t0)).toBe('sent');
    expect(ses.sent[0]?.Content?.Simple?.Attachments).toBeUndefined();
    expect(reader.reads).toEqual([]);
  });

  it('keeps the message claimed when its document is missing, and sends it once it exists', async () => {
    const store = memoryOutboxStore();
    const ses = recordingSender();
    const files: Record<string, Uint8Array> = {};
    const box = outbox(store, ses, { documents: documents(files) });
    const error = await box.deliver(key, 'desk@example.com', content, t0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmailNotSent);
    expect((error as Error).message).toContain('invoices/2026-000042.pdf');
    expect(store.items.get(outboxMessageId(key))).toMatchObject({
      state: 'claimed',
      attempts: 1,
      lastError: expect.stringContaining('AttachmentUnreadable'),
    });
    expect(ses.sent).toHaveLength(0);
    files['invoices/2026-000042.pdf'] = pdf;
    expect(await box.sendClaimed(outboxMessageId(key), t0)).toBe('sent');
    expect(ses.sent).toHaveLength(1);
  });

  it('throws DocumentsBucketMissing, sending nothing, when the function lacks the documents use', async () => {
    const saved = process.env.DOCUMENTS_BUCKET;
    delete process.env.DOCUMENTS_BUCKET;
    try {
      const store = memoryOutboxStore();
      const ses = recordingSender();
      const box = outbox(store, ses, { documents: documentsBucket() });
      const error = await box
        .deliver(key, 'desk@example.com', content, t0)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DocumentsBucketMissing);
      expect((error as Error).name).toBe('DocumentsBucketMissing');
      expect((error as Error).message).toContain('DOCUMENTS_BUCKET');
      expect(ses.sent).toHaveLength(0);
      expect(store.items.get(outboxMessageId(key))?.state).toBe('claimed');
    } finally {
      if (saved !== undefined) process.env.DOCUMENTS_BUCKET = saved;
    }
  });
});
