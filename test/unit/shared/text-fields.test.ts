import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDecisionForm } from '../../../functions/leads/lead-review-decision';
import { parseCharge } from '../../../functions/payments/rules/charges';
import { readDecision } from '../../../functions/quotes/quote-decisions';
import { readQuoteForm } from '../../../functions/quotes/quote-form';
import { ValidationError } from '../../../functions/shared/errors';
import {
  cleanText,
  fileNameField,
  looseText,
  readReason,
  readText,
  textField,
} from '../../../functions/shared/rules/text-fields';
import { parseNewStaffMember } from '../../../functions/staff/rules/staff';
import {
  companyDetailsSchema,
  defaultCompanyDetails,
} from '../../../functions/staff/settings/company';

/** A name with every kind of invisible character the review found, and NUL. */
const marked = 'An\u200Bna\u0000 Mü\u202Eller\u2066 GmbH\uFEFF\u200D';
const clean = 'Anna Müller GmbH';

describe('a text field', () => {
  it('removes bidi controls, zero-width characters and NUL from a name', () => {
    expect(textField({ max: 200 }).parse(marked)).toBe(clean);
    expect(cleanText('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
  });

  it('keeps one line on one line and the paragraphs of a multi-line text', () => {
    expect(textField({ max: 50 }).parse('  a \r\n b\t c ')).toBe('a b c');
    expect(textField({ max: 50, multiline: true }).parse(' a\r\n\r\nb\u2028c \n')).toBe(
      'a\n\nb\nc',
    );
  });

  it('names each problem: blank, not text, too long, control characters', () => {
    const field = textField({ max: 5 });
    expect(readText(field, '\u200B ')).toEqual({ ok: false, problem: 'required' });
    expect(readText(field, 42)).toEqual({ ok: false, problem: 'not-text' });
    expect(readText(field, 'abcdef')).toEqual({ ok: false, problem: 'too-long' });
    expect(readText(field, 'a\u0007b')).toEqual({ ok: false, problem: 'control-characters' });
    expect(readText(textField({ max: 5, required: false }), undefined)).toEqual({
      ok: true,
      value: '',
    });
  });

  it('counts the length after cleaning: invisible characters take no room', () => {
    expect(textField({ max: 4 }).parse('a\u200Bb\u200Bc\u200Bd')).toBe('abcd');
  });

  it('never keeps an invisible character, whatever is typed', () => {
    const unit = fc.constantFrom(
      ...'ab \n\t\u0000\u200B\u200C\u200D\u202A\u202E\u2066\u2069\uFEFF\u00AD'.split(''),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), fc.boolean(), (typed, multiline) => {
        const read = readText(textField({ max: 100, required: false, multiline }), typed);
        if (read.ok) expect(read.value).not.toMatch(/\p{Cf}|\p{Cc}(?<![\n\t])/u);
      }),
    );
  });
});

describe('a file name', () => {
  it('is refused, not cleaned, when it holds an invisible or control character', () => {
    const field = fileNameField({ max: 200 });
    for (const name of ['invoice\u202Efdp.exe', 'a\u200B.pdf', 'a\u0000.pdf', 'a\u0007.pdf']) {
      expect(readText(field, name)).toEqual({ ok: false, problem: 'invisible-characters' });
    }
    expect(readText(field, ' Gewerbeschein März.pdf ')).toEqual({
      ok: true,
      value: 'Gewerbeschein März.pdf',
    });
  });
});

describe('a reason', () => {
  it('is cleaned, and required only where the form says so', () => {
    expect(readReason(`  Too ${marked} late `, { max: 100 })).toBe(`Too ${clean} late`);
    expect(readReason('', { max: 100 })).toBe('');
    expect(() => readReason('\u200B', { max: 100, requiredMessage: 'Say why' })).toThrow(
      new ValidationError([{ field: 'reason', message: 'Say why' }]),
    );
    expect(() => readReason('x'.repeat(11), { max: 10 })).toThrow(/at most 10 characters/);
  });

  it('taken from a payload nobody can correct, loses what is not text', () => {
    expect(looseText(`a\u0007b ${marked}`, 100)).toBe(`a b ${clean}`);
    expect(looseText(42, 100)).toBe('');
  });
});

describe('every input of names, reasons and descriptions uses the one text field', () => {
  it('a quote: customer, contact, service and line names, address', () => {
    const terms = readQuoteForm({
      currency: 'EUR',
      service1: `Cleaning ${marked}`,
      quantity1: '1',
      unitPrice1: '10',
      taxRate1: '19',
      paymentTerms: 'net',
      paymentTermsDays: '14',
      billingPlan: 'monthly',
      startDate: '2026-12-01',
      termMonths: '12',
      renewal: 'auto',
      serviceKind: 'placement',
      serviceName: marked,
      needsOperatingPermit: 'no',
      legalName: marked,
      contactName: marked,
      email: 'ada@example.org',
      address: `Main Street 1\u202E\r\n10115 Berlin${marked}`,
      country: 'DE',
      language: 'de',
    });
    expect(terms.customer).toMatchObject({
      legalName: clean,
      contactName: clean,
      addressLines: ['Main Street 1', `10115 Berlin${clean}`],
    });
    expect(terms.service.name).toBe(clean);
    expect(terms.input.lines[0]?.service).toBe(`Cleaning ${clean}`);
  });

  it('a staff member, the company, a charge', () => {
    expect(
      parseNewStaffMember({
        name: marked,
        email: 'Ada@Example.org',
        role: 'agent',
        team: 'north',
        capacity: 5,
        language: 'en',
        workingHours: { start: '09:00', end: '17:00' },
      }),
    ).toMatchObject({ name: clean, email: 'ada@example.org' });
    expect(
      companyDetailsSchema.parse({
        ...defaultCompanyDetails,
        legalName: marked,
        addressLines: [marked],
        paymentDetails: `IBAN\u202E GR16`,
      }),
    ).toMatchObject({ legalName: clean, addressLines: [clean], paymentDetails: 'IBAN GR16' });
    const charge = parseCharge({
      accountId: 'A1',
      date: '2026-05-01',
      description: marked,
      quantity: '1',
      unitPrice: '10',
      taxRatePercent: '19',
      currency: 'EUR',
      kind: 'usage',
      reference: 'R1',
    });
    expect(charge).toMatchObject({ charge: { description: clean } });
  });

  it('decisions on quotes and leads', () => {
    expect(readDecision({ decision: 'reject', reason: marked }).reason).toBe(clean);
    expect(readDecisionForm({ decision: 'reject', reason: marked }).reason).toBe(clean);
    expect(() => readDecision({ decision: 'reject', reason: '\u202E\u200B' })).toThrow(
      ValidationError,
    );
  });
});
