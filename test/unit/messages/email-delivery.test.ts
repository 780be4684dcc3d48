import { describe, expect, it } from 'vitest';
import { emailDelivery } from '../../../functions/messages/email-delivery';
import { deliveryText } from '../../../functions/messages/pages/email-delivery';
import { outboxPage, recordOf } from '../../../functions/messages/pages/outbox-pages';
import type { OutboxMessage } from '../../../functions/messages/store/outbox-store';
import { quoteStatusBadge } from '../../../functions/quotes/pages/quote-pages';
import type { Frame } from '../../../functions/shared/office/layout';

const message = (changes: Partial<OutboxMessage>): OutboxMessage => ({
  kind: 'quote',
  subject: 'quote#01JQUOTE000000000000000000',
  recipient: 'dana@example.org',
  period: '-',
  messageId: 'OUTBOX#quote#quote#01JQUOTE000000000000000000#dana@example.org#-',
  sender: 'desk@example.org',
  content: { subjectLine: 'Your quote', html: '', text: '' },
  state: 'claimed',
  attempts: 0,
  claimedAt: '2026-05-04T09:00:00.000Z',
  ...changes,
});
const frame = (role: 'agent' | 'manager'): Frame => ({
  principal: { staffId: 'S', name: 'S', email: 's@desk.local', role, team: 'north' },
  base: '',
  csrf: 'c',
});
const text = (m: OutboxMessage, role: 'agent' | 'manager' = 'manager') =>
  String(deliveryText(frame(role), 'Europe/Athens', emailDelivery(m)));

describe("a document's email, as staff see it", () => {
  it('is sent only once the email service took it', () => {
    const sent = message({ state: 'sent', sentAt: '2026-05-04T09:01:00.000Z' });
    expect(emailDelivery(sent)).toMatchObject({ kind: 'sent', recipient: 'dana@example.org' });
    expect(text(sent)).toMatch(/^Sent to dana@example.org/);
    expect(String(quoteStatusBadge('sent', emailDelivery(sent)))).toContain('Sent to the customer');
  });

  it.each([
    [
      'its address bounced',
      message({
        state: 'failed',
        attempts: 0,
        lastError:
          'Address bounced: SES reported dana@example.org as a permanent bounce (General) on 2026-05-01; not sent',
      }),
      /Address bounced: SES reported dana@example.org.*waits on the outbox page/,
    ],
    [
      'the email service kept refusing it',
      message({
        state: 'failed',
        attempts: 3,
        lastError: 'MessageRejected: Email address is not verified',
      }),
      /refused it \(3 attempts\): MessageRejected/,
    ],
    [
      'it was refused once and is retried',
      message({ state: 'claimed', attempts: 1, lastError: 'ThrottlingException: slow down' }),
      /refused it \(1 attempt\).*tries again on its own/,
    ],
    [
      'the desk was interrupted while sending it',
      message({ state: 'uncertain', sendingSince: '2026-05-04T09:00:01.000Z' }),
      /may or may not have arrived/,
    ],
  ])('is "Not sent" with the reason when %s, never "Sent to the customer"', (_why, m, reason) => {
    const delivery = emailDelivery(m);
    expect(delivery.kind).toBe('not-sent');
    expect(text(m)).toContain('Not sent</strong> to dana@example.org');
    expect(text(m)).toMatch(reason);
    const badge = String(quoteStatusBadge('sent', delivery));
    expect(badge).toContain('Not sent');
    expect(badge).not.toContain('Sent to the customer');
  });

  it('is being sent while the outbox holds it unrefused; "Not sent" before it is made', () => {
    expect(emailDelivery(message({ state: 'sending' }))).toMatchObject({ kind: 'sending' });
    expect(emailDelivery(undefined)).toMatchObject({ kind: 'not-sent', needsPerson: false });
    expect(String(quoteStatusBadge('sent', emailDelivery(undefined)))).toContain('Not sent');
  });

  it('links the outbox for those who act on it', () => {
    const failed = message({ state: 'failed', attempts: 3, lastError: 'x' });
    expect(text(failed, 'manager')).toContain('href="/office/outbox"');
    expect(text(failed, 'agent')).not.toContain('href="/office/outbox"');
  });
});

describe('the outbox page', () => {
  it('says "Not sent" of every message it lists and links the record it is about', () => {
    const page = outboxPage({
      frame: frame('manager'),
      zone: 'Europe/Athens',
      messages: [
        message({ state: 'failed', attempts: 3, lastError: 'MessageRejected' }),
        message({ state: 'uncertain', kind: 'invoice', subject: 'invoice#INV-2026-000001' }),
      ],
    });
    expect(page.match(/Not sent<\/strong> \(/g)).toHaveLength(2);
    expect(page).toContain(
      '<a href="/office/quotes/01JQUOTE000000000000000000">Quote 01JQUOTE000000000000000000</a>',
    );
    expect(page).toContain(
      '<a href="/office/invoices/INV-2026-000001">Invoice INV-2026-000001</a>',
    );
  });

  it.each([
    [
      { kind: 'credit-note', subject: 'credit-note#CN-2026-000002', period: '-' },
      '/office/invoices/CN-2026-000002',
    ],
    [{ kind: 'contract-welcome', subject: 'contract#C1', period: '-' }, '/office/contracts/C1'],
    [
      { kind: 'statement', subject: 'statement#A1', period: '2026-04' },
      '/office/accounts/A1/statements',
    ],
    [
      { kind: 'arrears', subject: 'INV-2026-000003', period: '14' },
      '/office/invoices/INV-2026-000003',
    ],
    [{ kind: 'renewal', subject: 'C2', period: '2026-12-31#reminder' }, '/office/contracts/C2'],
    [{ kind: 'lead-acknowledgement', subject: 'lead#L1', period: '-' }, '/office/leads/L1'],
  ])('finds the record of %j', (key, path) => {
    expect(recordOf(key).path).toBe(path);
  });
});
