import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSendEmailRequest, isSingleAddress } from '../../../functions/messages/ses';
import {
  emailAddressField,
  isSendableAddress,
  readEmailAddress,
} from '../../../functions/shared/rules/email-address';

const content = { subjectLine: 'Hello', html: '<p>Hello</p>', text: 'Hello' };

describe('one email address rule for the desk and the mailer', () => {
  it.each([
    ['anna@example.org', 'anna@example.org'],
    ['  Anna.Mueller@Example.DE ', 'Anna.Mueller@example.de'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['anna+desk@example.org', 'anna+desk@example.org'],
    ['x!#$%&*/=?^_`{|}~-@example.com', 'x!#$%&*/=?^_`{|}~-@example.com'],
    ['info@müller.de', 'info@xn--mller-kva.de'],
    ['info@xn--mller-kva.de', 'info@xn--mller-kva.de'],
    ['team@sub.domain.example.co.uk', 'team@sub.domain.example.co.uk'],
    ['a@b.co', 'a@b.co'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ])('accepts %j as %j, an address SES takes', (typed, stored) => {
    expect(readEmailAddress(typed)).toEqual({ ok: true, address: stored });
    expect(isSendableAddress(stored)).toBe(true);
  });

  it.each([
    ['a local part over 64 characters (SMTP limit; zod takes it)', `${'a'.repeat(65)}@example.com`],
    ['a domain label over 63 characters (zod takes it)', `a@${'b'.repeat(64)}.com`],
    ['a Unicode local part (SES has no SMTPUTF8)', 'müller@example.de'],
    ['a quoted local part', '"anna mueller"@example.org'],
    ['a display name', 'Anna <anna@example.org>'],
    ['two addresses', 'anna@example.org, ben@example.org'],
    ['two addresses with a semicolon', 'anna@example.org;ben@example.org'],
    ['a line break', 'anna@example.org\nBcc: x@evil.example'],
    ['an IP literal', 'anna@[192.0.2.1]'],
    ['a numeric top-level domain', 'anna@192.0.2.1'],
    ['a one-label domain', 'anna@localhost'],
    ['a leading dot', '.anna@example.org'],
    ['a trailing dot in the local part', 'anna.@example.org'],
    ['two dots in a row', 'an..na@example.org'],
    ['a trailing dot in the domain', 'anna@example.org.'],
    ['an empty domain label', 'anna@example..org'],
    ['a hyphen at a label edge', 'anna@-example.org'],
    ['an underscore in the domain', 'anna@ex_ample.org'],
    ['no local part', '@example.org'],
    ['no @', 'anna.example.org'],
    ['two @', 'anna@@example.org'],
    ['a zero-width space', 'an\u200Bna@example.org'],
    ['a bidi override', 'anna@exa\u202Emple.org'],
    ['NUL', 'anna\u0000@example.org'],
  ])('refuses %s', (_why, typed) => {
    expect(readEmailAddress(typed)).toEqual({ ok: false, problem: 'invalid-email' });
    expect(isSingleAddress(typed)).toBe(false);
    expect(() => buildSendEmailRequest('desk@example.org', typed, content)).toThrow();
  });

  it('names a blank address as missing and a long one as too long', () => {
    expect(readEmailAddress('  ')).toEqual({ ok: false, problem: 'required' });
    const label = (c: string) => c.repeat(60);
    const long = `${label('a')}@${label('b')}.${label('c')}.${label('d')}.${label('e')}.org`;
    expect(readEmailAddress(long)).toEqual({ ok: false, problem: 'too-long' });
    // Within the limit as typed, past it once the domain is written in Punycode.
    const korean = '한국어도메인이름시험용주소입니다';
    const unicode = `${label('a')}@${korean}.${korean}.${korean}.${korean}.kr`;
    expect(unicode.length).toBeLessThan(254);
    expect(readEmailAddress(unicode)).toEqual({ ok: false, problem: 'too-long' });
    expect(readEmailAddress(42)).toEqual({ ok: false, problem: 'invalid-email' });
  });

  it('sends to the address in ASCII, a Unicode domain in Punycode', () => {
    const request = buildSendEmailRequest('desk@example.org', 'info@Müller.de', content);
    expect(request.Destination?.ToAddresses).toEqual(['info@xn--mller-kva.de']);
  });

  it('words each problem as the form asks, and answers the address normalised', () => {
    const field = emailAddressField({ 'invalid-email': 'enter an address like name@example.com' });
    expect(field.parse(' Anna@Example.ORG')).toBe('Anna@example.org');
    const refused = field.safeParse('anna@localhost');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toBe('enter an address like name@example.com');
    expect(emailAddressField().safeParse(undefined).error?.issues[0]?.message).toBe('required');
  });

  it('accepts only what it would send to: every accepted address reads back as itself', () => {
    const atext = fc.constantFrom(...'abcXYZ019!#$%&\'*+/=?^_`{|}~-.@ü "<>,;'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: atext, maxLength: 40 }), (typed) => {
        const reading = readEmailAddress(typed);
        if (!reading.ok) return;
        expect(readEmailAddress(reading.address)).toEqual(reading);
        expect(reading.address).toMatch(/^[\x21-\x7E]+$/);
        expect(isSingleAddress(reading.address)).toBe(true);
      }),
    );
  });
});
