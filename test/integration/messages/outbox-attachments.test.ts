import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { documentsBucket } from '../../../functions/messages/attachments';
import { outbox } from '../../../functions/messages/outbox';
import { sesSender } from '../../../functions/messages/ses';
import { outboxMessageId, outboxStore } from '../../../functions/messages/store/outbox-store';
import { localCredentials } from '../../../infra/local/aws-clients';
import { localNames } from '../../../infra/local/names';
import { emailsTo, uniqueAddress, waitForEmailsTo } from '../../support/local-cloud-clients';
import { localTable } from '../../support/staff-fixtures';

/**
 * Attachments travel from the documents bucket (s3rver) through the outbox to the local SES
 * endpoint, byte for byte, once.
 */

const cloud = inject('localCloud');
// s3rver checks the key: the local cloud's dummy credentials.
const credentials = localCredentials;
const s3 = new S3Client({ endpoint: cloud.s3Endpoint, region: cloud.region, credentials });
const ses = new SESv2Client({ endpoint: cloud.sesEndpoint, region: cloud.region, credentials });
const table = localTable(cloud);

afterAll(() => {
  s3.destroy();
  ses.destroy();
  table.client.destroy();
});

/** A small PDF-looking file holding every byte value, so any re-encoding would show. */
function pdfBytes(): Uint8Array {
  const header = new TextEncoder().encode('%PDF-1.4\n%');
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  return new Uint8Array([...header, ...all, ...new TextEncoder().encode('\n%%EOF\n')]);
}

async function putDocument(documentKey: string, bytes: Uint8Array): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: localNames.documentsBucket,
      Key: documentKey,
      Body: bytes,
      ContentType: 'application/pdf',
    }),
  );
}

const contentWith = (documentKey: string) => ({
  subjectLine: 'Your invoice',
  html: '<p>Your invoice is attached.</p>',
  text: 'Your invoice is attached.',
  attachments: [
    { filename: 'invoice-2026-000042.pdf', contentType: 'application/pdf', documentKey },
  ],
});

describe('outbox attachments on the local cloud', () => {
  it('an email with a PDF attachment arrives once with the bytes intact', async () => {
    const recipient = uniqueAddress('attached');
    const documentKey = `invoices/test-${Date.now()}.pdf`;
    const bytes = pdfBytes();
    await putDocument(documentKey, bytes);
    const saved = process.env.DOCUMENTS_BUCKET;
    process.env.DOCUMENTS_BUCKET = localNames.documentsBucket;
    try {
      const box = outbox(outboxStore(table), sesSender(ses), { documents: documentsBucket(s3) });
      const key = { kind: 'invoice', subject: documentKey, recipient, period: '-' };
      const now = new Date();
      expect(await box.deliver(key, 'desk@desk.local', contentWith(documentKey), now)).toBe('sent');
      expect(await box.deliver(key, 'desk@desk.local', contentWith(documentKey), now)).toBe(
        'already-sent',
      );
    } finally {
      if (saved === undefined) delete process.env.DOCUMENTS_BUCKET;
      else process.env.DOCUMENTS_BUCKET = saved;
    }
    const emails = await waitForEmailsTo(cloud, recipient);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.attachments).toHaveLength(1);
    const attachment = emails[0]?.attachments[0];
    expect(attachment?.filename).toBe('invoice-2026-000042.pdf');
    expect(attachment?.contentType).toBe('application/pdf');
    expect(new Uint8Array(Buffer.from(attachment?.content ?? '', 'base64'))).toEqual(bytes);
  });

  it('the retry job (declared with documents read) sends a claimed message with its attachment once', async () => {
    const recipient = uniqueAddress('retried-attachment');
    const documentKey = `invoices/retry-${Date.now()}.pdf`;
    const bytes = pdfBytes();
    await putDocument(documentKey, bytes);
    const key = { kind: 'invoice', subject: documentKey, recipient, period: '-' };
    // Claimed long ago and never sent, as after a crash between the claim and SES.
    await outboxStore(table).claim({
      ...key,
      messageId: outboxMessageId(key),
      sender: 'desk@desk.local',
      content: contentWith(documentKey),
      state: 'claimed',
      attempts: 0,
      claimedAt: '2020-01-01T00:00:00.000Z',
    });
    for (let run = 0; run < 2; run++) {
      const response = await fetch(`${cloud.consoleUrl}/schedules/outbox-retry/run`, {
        method: 'POST',
      });
      expect(await response.json()).toMatchObject({ kind: 'returned' });
    }
    const emails = await emailsTo(cloud, recipient);
    expect(emails).toHaveLength(1);
    expect(new Uint8Array(Buffer.from(emails[0]?.attachments[0]?.content ?? '', 'base64'))).toEqual(
      bytes,
    );
    expect((await outboxStore(table).get(outboxMessageId(key)))?.state).toBe('sent');
  });
});
