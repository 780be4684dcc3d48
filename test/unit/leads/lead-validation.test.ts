import { describe, expect, it } from 'vitest';
import {
  type LeadDetails,
  leadFingerprint,
  validateLead,
} from '../../../functions/leads/rules/lead';
import { countryCodes } from '../../../functions/shared/rules/countries';

const valid = {
  name: 'Eleni Papadopoulou',
  company: 'Kafeneio Eleni',
  email: 'eleni@example.org',
  phone: '+30 210 555 0199',
  country: 'GR',
  language: 'el',
  interest: 'Invoicing for three cafés',
  message: 'Please call me.',
};

function problemsOf(input: Record<string, unknown>) {
  const result = validateLead(input, 'en');
  if (result.ok) throw new Error(`expected problems, got ${JSON.stringify(result.lead)}`);
  return result.problems;
}

function leadOf(input: Record<string, unknown>): LeadDetails {
  const result = validateLead(input, 'en');
  if (!result.ok) throw new Error(`expected a lead, got ${JSON.stringify(result.problems)}`);
  return result.lead;
}

describe('lead validation', () => {
  it('accepts a complete lead as given', () => {
    expect(leadOf(valid)).toEqual(valid);
  });

  it('names every missing required field, in form order, and nothing else', () => {
    expect(problemsOf({})).toEqual([
      { field: 'name', problem: 'required' },
      { field: 'email', problem: 'required' },
      { field: 'country', problem: 'required' },
      { field: 'interest', problem: 'required' },
    ]);
  });

  it('treats blank text as missing', () => {
    expect(problemsOf({ ...valid, name: '   \t ' })).toEqual([
      { field: 'name', problem: 'required' },
    ]);
  });

  it.each([
    ['name', 200],
    ['company', 200],
    ['interest', 200],
    ['phone', 30],
    ['message', 5000],
  ])('refuses a %s longer than %i characters, giving the limit', (field, limit) => {
    const long = field === 'phone' ? `+${'1'.repeat(limit)}` : 'x'.repeat(limit + 1);
    expect(problemsOf({ ...valid, [field]: long })).toEqual([
      { field, problem: 'too-long', limit },
    ]);
    const atLimit = field === 'phone' ? undefined : 'x'.repeat(limit);
    if (atLimit) expect(validateLead({ ...valid, [field]: atLimit }, 'en').ok).toBe(true);
  });

  it.each(['not-an-email', 'a@b', 'two@@example.org', 'a b@example.org', 'a@example.org, c@d.org'])(
    'refuses the email %j',
    (email) => {
      expect(problemsOf({ ...valid, email })).toEqual([
        { field: 'email', problem: 'invalid-email' },
      ]);
    },
  );

  it('refuses an email longer than 254 characters', () => {
    const email = `${'a'.repeat(250)}@example.org`;
    expect(problemsOf({ ...valid, email })).toEqual([
      { field: 'email', problem: 'too-long', limit: 254 },
    ]);
  });

  it('normalises an email: trimmed, domain in lower case, local part kept', () => {
    expect(leadOf({ ...valid, email: '  Eleni.P@Example.ORG ' }).email).toBe('Eleni.P@example.org');
    expect(leadOf({ ...valid, email: 'X@Müller.DE' }).email).toBe('X@xn--mller-kva.de');
  });

  it.each(['call me', '12', '+30 210 555 0199 ext 5', '++30 210', '1234567890123456'])(
    'refuses the phone %j',
    (phone) => {
      expect(problemsOf({ ...valid, phone })).toEqual([
        { field: 'phone', problem: 'invalid-phone' },
      ]);
    },
  );

  it('accepts common phone notations', () => {
    for (const phone of ['+30 210 555 0199', '(030) 1234-567', '030/123.4567', '02 555 0142']) {
      expect(leadOf({ ...valid, phone }).phone).toBe(phone);
    }
  });

  it('takes a country as an ISO 3166-1 alpha-2 code, in any case', () => {
    expect(leadOf({ ...valid, country: ' gr ' }).country).toBe('GR');
    for (const country of ['XX', 'GRC', 'Greece', 'UK', 'EU']) {
      expect(problemsOf({ ...valid, country })).toEqual([
        { field: 'country', problem: 'invalid-country' },
      ]);
    }
  });

  it('knows all 249 assigned country codes, once each', () => {
    expect(countryCodes).toHaveLength(249);
    expect(new Set(countryCodes).size).toBe(249);
  });

  it('takes one of the five languages, the default one when none is given', () => {
    expect(leadOf({ ...valid, language: 'KO' }).language).toBe('ko');
    expect(validateLead({ ...valid, language: undefined }, 'de')).toMatchObject({
      ok: true,
      lead: { language: 'de' },
    });
    expect(problemsOf({ ...valid, language: 'fr' })).toEqual([
      { field: 'language', problem: 'invalid-language' },
    ]);
  });

  it('refuses values that are not text', () => {
    expect(problemsOf({ ...valid, name: 42, interest: ['a'] })).toEqual([
      { field: 'name', problem: 'not-text' },
      { field: 'interest', problem: 'not-text' },
    ]);
  });

  it('keeps one-line fields on one line: line breaks and runs of spaces become one space', () => {
    const lead = leadOf({ ...valid, name: '  Eleni \r\n  Papadopoulou\t', company: 'A\n\nB' });
    expect(lead.name).toBe('Eleni Papadopoulou');
    expect(lead.company).toBe('A B');
  });

  it('refuses control characters', () => {
    expect(problemsOf({ ...valid, name: 'Eleni\u0007', message: 'hi\u001b[31m' })).toEqual([
      { field: 'name', problem: 'control-characters' },
      { field: 'message', problem: 'control-characters' },
    ]);
  });

  it('removes bidi controls, zero-width characters and NUL from names and text', () => {
    const lead = leadOf({
      ...valid,
      name: 'Ele\u200Bni\u0000 Papa\u202Edopoulou',
      company: '\uFEFFKafeneio\u2066 Eleni\u2069',
      interest: 'invoice\u202Efdp.exe',
      message: 'Line\u200D one\n\u200Eline two',
    });
    expect(lead).toMatchObject({
      name: 'Eleni Papadopoulou',
      company: 'Kafeneio Eleni',
      interest: 'invoicefdp.exe',
      message: 'Line one\nline two',
    });
  });

  it('keeps the paragraphs of a message, with one kind of line break', () => {
    expect(leadOf({ ...valid, message: '  Hello,\r\n\r\nplease call.\r\n ' }).message).toBe(
      'Hello,\n\nplease call.',
    );
  });

  it('leaves empty optional fields out', () => {
    const lead = leadOf({ ...valid, company: ' ', phone: '', message: undefined });
    expect(lead).not.toHaveProperty('company');
    expect(lead).not.toHaveProperty('phone');
    expect(lead).not.toHaveProperty('message');
  });

  it('ignores fields it does not know', () => {
    expect(leadOf({ ...valid, formToken: 'x', isAdmin: true })).toEqual(valid);
  });

  it('fingerprints the details, not their spelling', () => {
    const a = leadOf(valid);
    const b = leadOf({ ...valid, email: ' eleni@EXAMPLE.org', name: ` ${valid.name} ` });
    expect(leadFingerprint(a)).toBe(leadFingerprint(b));
    expect(leadFingerprint(a)).not.toBe(leadFingerprint({ ...a, interest: 'Something else' }));
  });
});
