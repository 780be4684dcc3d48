import { describe, expect, it } from 'vitest';
import {
  arrearsNoticeKey,
  renderArrearsNotice,
  renderStaffArrearsNotice,
} from '../../../functions/collections/mail/arrears-notices';
import { type ArrearsNotice, arrearsText } from '../../../functions/collections/mail/arrears-text';
import { outboxMessageId } from '../../../functions/messages/store/outbox-store';
import { locales } from '../../../functions/shared/locales';

const invoice = {
  number: 'INV-2026-000042',
  dueDate: '2026-03-10',
  currency: 'EUR',
  openMinor: 12_400,
};
const notices: ArrearsNotice[] = ['reminder', 'second-notice', 'final-notice'];

describe('arrears notices', () => {
  it.each(locales)(
    'exist in %s for every step, with the invoice, amount and due date',
    (locale) => {
      const subjectsSeen = new Set<string>();
      for (const notice of notices) {
        const email = renderArrearsNotice(
          notice,
          invoice,
          { contactName: 'Ada <b>', legalName: 'Acme', language: locale },
          'Customer Desk',
        );
        expect(email.subjectLine).toContain(invoice.number);
        expect(email.text).toContain(invoice.number);
        expect(email.text).toMatch(/124[.,]00/);
        expect(email.html).toContain(`lang="${locale}"`);
        // The customer's name is text, never markup.
        expect(email.html).toContain('Ada &lt;b&gt;');
        expect(email.html).not.toContain('Ada <b>');
        subjectsSeen.add(email.subjectLine);
      }
      expect(subjectsSeen.size).toBe(notices.length);
    },
  );

  it('is written in each language, not copied from English', () => {
    for (const locale of locales.filter((l) => l !== 'en')) {
      expect(arrearsText[locale].bodies.reminder).not.toBe(arrearsText.en.bodies.reminder);
      expect(arrearsText[locale].subjects['final-notice']).not.toBe(
        arrearsText.en.subjects['final-notice'],
      );
    }
  });

  it('keys a notice by invoice, step and recipient: arrears#<number>#<days>', () => {
    const key = arrearsNoticeKey(invoice.number, 14, 'ada@example.org');
    expect(outboxMessageId(key)).toBe('OUTBOX#arrears#INV-2026-000042#ada@example.org#14');
    expect(outboxMessageId(arrearsNoticeKey(invoice.number, 30, 'ada@example.org'))).not.toBe(
      outboxMessageId(key),
    );
  });

  it('tells staff in English what to do, naming the account', () => {
    const email = renderStaffArrearsNotice(
      'call-task',
      invoice,
      { accountId: 'ACC-1', legalName: 'Acme', contactName: 'Ada', phone: '+30 210 000' },
      'Alex',
    );
    expect(email.subjectLine).toContain('Call task');
    expect(email.text).toContain('Acme (account ACC-1) owes €124.00 on invoice INV-2026-000042');
    expect(email.text).toContain('+30 210 000');
  });
});
