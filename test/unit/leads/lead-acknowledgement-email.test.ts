import { describe, expect, it } from 'vitest';
import {
  leadAcknowledgementKey,
  renderLeadAcknowledgement,
} from '../../../functions/leads/mail/lead-acknowledgement';
import { leadAcknowledgementText } from '../../../functions/leads/mail/lead-acknowledgement-text';
import { buildSendEmailRequest } from '../../../functions/messages/ses';
import { locales } from '../../../functions/shared/locales';

const lead = {
  leadId: '01JPA7Q0Z3V8M2K4N6R8T0W2Y4',
  name: 'Min-jun Kim',
  email: 'minjun@example.kr',
  interest: 'Contracts and renewals',
  language: 'ko' as const,
};

describe('lead acknowledgement email', () => {
  it('exists in every language with the same texts', () => {
    const englishKeys = Object.keys(leadAcknowledgementText.en).sort();
    for (const locale of locales) {
      expect(Object.keys(leadAcknowledgementText[locale]).sort(), locale).toEqual(englishKeys);
      for (const value of Object.values(leadAcknowledgementText[locale])) {
        expect(value.trim(), locale).not.toBe('');
      }
    }
  });

  it('is translated: no text of another language equals the English one', () => {
    for (const locale of locales.filter((l) => l !== 'en')) {
      for (const [key, english] of Object.entries(leadAcknowledgementText.en)) {
        const text =
          leadAcknowledgementText[locale][key as keyof typeof leadAcknowledgementText.en];
        expect(text, `${locale}.${key}`).not.toBe(english);
      }
    }
  });

  it('is written in the lead language, with the name and interest in the body, the reference in the subject', () => {
    for (const language of locales) {
      const email = renderLeadAcknowledgement({ ...lead, language });
      expect(email.html).toContain(`<html lang="${language}">`);
      for (const part of [email.html, email.text]) {
        expect(part).toContain(lead.name);
        expect(part).toContain(lead.interest);
        expect(part).toContain(lead.leadId);
      }
      expect(email.subjectLine).toContain(lead.leadId);
      expect(email.subjectLine).not.toContain(lead.name);
    }
    expect(renderLeadAcknowledgement(lead).text).toContain('문의해 주셔서 감사합니다');
    expect(renderLeadAcknowledgement({ ...lead, language: 'de' }).subjectLine).toBe(
      'Vielen Dank für Ihre Anfrage (Referenz 01JPA7Q0Z3V8M2K4N6R8T0W2Y4)',
    );
  });

  it('escapes a name holding markup in the HTML part, and keeps it as typed in the text part', () => {
    const name = '<script>alert("x")</script> & <b>Co</b>';
    const email = renderLeadAcknowledgement({ ...lead, name, language: 'en' });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;Co&lt;/b&gt;',
    );
    expect(email.text).toContain(name);
  });

  it('does not treat a name as a template', () => {
    const email = renderLeadAcknowledgement({
      ...lead,
      name: '{{leadId}} {{#each this}}x{{/each}}',
    });
    expect(email.text).toContain('{{leadId}} {{#each this}}x{{/each}}');
  });

  it('cannot be made to add a header by a line break in the name', () => {
    const name = 'Eve\r\nBcc: victim@example.com\nX-Evil: 1';
    const email = renderLeadAcknowledgement({ ...lead, name, language: 'en' });
    expect(email.subjectLine).not.toMatch(/[\r\n]/);
    expect(email.subjectLine).toBe(
      'Thank you for your enquiry (reference 01JPA7Q0Z3V8M2K4N6R8T0W2Y4)',
    );
    const request = buildSendEmailRequest('desk@example.com', lead.email, email);
    expect(request.Destination).toEqual({ ToAddresses: [lead.email] });
    expect(request.Content?.Simple?.Subject?.Data).not.toMatch(/[\r\n]/);
  });

  it('is sent as UTF-8 HTML and plain text to exactly one address', () => {
    const email = renderLeadAcknowledgement({ ...lead, language: 'zh' });
    const request = buildSendEmailRequest('desk@example.com', 'minjun@example.kr', email);
    expect(request).toEqual({
      FromEmailAddress: 'desk@example.com',
      Destination: { ToAddresses: ['minjun@example.kr'] },
      Content: {
        Simple: {
          Subject: { Data: email.subjectLine, Charset: 'UTF-8' },
          Body: {
            Html: { Data: email.html, Charset: 'UTF-8' },
            Text: { Data: email.text, Charset: 'UTF-8' },
          },
        },
      },
    });
  });

  it.each([
    'a@example.com, b@example.com',
    'a@example.com;b@example.com',
    'Eve <a@example.com>',
    'a@example.com\r\nBcc: b@example.com',
    'not an address',
  ])('refuses to build a request to %j', (to) => {
    expect(() =>
      buildSendEmailRequest('desk@example.com', to, renderLeadAcknowledgement(lead)),
    ).toThrow(/single valid email address/);
  });

  it('has one business key per lead, whatever the retries', () => {
    expect(leadAcknowledgementKey(lead)).toEqual({
      kind: 'lead-acknowledgement',
      subject: `lead#${lead.leadId}`,
      recipient: lead.email,
      period: '-',
    });
  });
});
