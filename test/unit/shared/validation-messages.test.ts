import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseQuoteInput } from '../../../functions/quotes/rules/quote';
import { ValidationError } from '../../../functions/shared/errors';
import { parseInput } from '../../../functions/shared/validation';
import {
  parseNewStaffMember,
  parseStaffEdit,
  parseTeamName,
} from '../../../functions/staff/rules/staff';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';
import { saveBusinessRules } from '../../../functions/staff/settings/settings';
import type { SettingsStore } from '../../../functions/staff/settings/settings-store';

/**
 * Validation messages are plain words naming the field, for every form and JSON API that checks
 * its input with zod: never zod's own "Too small: expected number to be >=1".
 */

function problemsOf(check: () => unknown) {
  try {
    check();
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('Expected a ValidationError');
}

const order = z.object({
  quantity: z.number().int().min(1).max(1000),
  name: z.string().trim().min(1).max(20),
  email: z.email(),
  size: z.enum(['small', 'large']),
  lines: z.array(z.object({ unitPriceMinor: z.number() })).min(1),
  paid: z.boolean(),
});

const good = {
  quantity: 2,
  name: 'Ada',
  email: 'ada@example.org',
  size: 'small',
  lines: [{ unitPriceMinor: 100 }],
  paid: false,
};

const messageOf = (input: Record<string, unknown>) =>
  problemsOf(() => parseInput(order, { ...good, ...input }));

describe('a validation message', () => {
  it('says a number is too small or too big in plain words, naming the field', () => {
    expect(messageOf({ quantity: 0 })).toEqual([
      { field: 'quantity', message: 'Quantity must be at least 1' },
    ]);
    expect(messageOf({ quantity: 1001 })).toEqual([
      { field: 'quantity', message: 'Quantity must be at most 1000' },
    ]);
  });

  it('says what is required, and what kind of value a field takes', () => {
    expect(messageOf({ quantity: undefined })[0]?.message).toBe('Quantity is required');
    expect(messageOf({ name: '  ' })[0]?.message).toBe('Name is required');
    expect(messageOf({ quantity: 'two' })[0]?.message).toBe('Quantity must be a number');
    expect(messageOf({ quantity: 1.5 })[0]?.message).toBe('Quantity must be a whole number');
    expect(messageOf({ paid: 'yes' })[0]?.message).toBe('Paid must be true or false');
    expect(messageOf({ name: 'x'.repeat(21) })[0]?.message).toBe(
      'Name must be at most 20 characters',
    );
  });

  it('names the format and the choices', () => {
    expect(messageOf({ email: 'ada' })[0]?.message).toBe(
      'Email must be an email address, like name@example.com',
    );
    expect(messageOf({ size: 'huge' })[0]?.message).toBe('Size must be one of small, large');
  });

  it('names a field of a list by its own name, and a list that needs entries', () => {
    expect(messageOf({ lines: [{ unitPriceMinor: 'x' }] })).toEqual([
      { field: 'lines.0.unitPriceMinor', message: 'Unit price must be a number' },
    ]);
    expect(messageOf({ lines: [] })[0]?.message).toBe('Lines needs at least 1 entry');
  });

  it('keeps a message the schema gives itself', () => {
    expect(problemsOf(() => parseTeamName('North Team!'))).toEqual([
      {
        field: 'team',
        message:
          'use 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit',
      },
    ]);
  });
});

describe('the desk’s forms and JSON APIs', () => {
  const untouched: SettingsStore = new Proxy({} as SettingsStore, {
    get: () => () => {
      throw new Error('Refused rules must not reach the store');
    },
  });
  const save = (rules: unknown) => () => saveBusinessRules(untouched, rules, 1, new Date());

  it('settings: a day below its least is refused by name', async () => {
    const rules = structuredClone(defaultBusinessRules) as unknown as Record<
      string,
      Record<string, unknown>
    >;
    (rules.leads as Record<string, unknown>).firstContactReminderDay = 0;
    await expect(save(rules)()).rejects.toMatchObject({
      problems: [
        {
          field: 'leads.firstContactReminderDay',
          message: 'First contact reminder day must be at least 1',
        },
      ],
    });
  });

  it('staff and quotes: plain words too', () => {
    const staff = {
      name: 'Ada',
      email: 'ada@example.org',
      role: 'agent',
      team: 'north',
      capacity: 10,
      language: 'en',
      workingHours: { start: '09:00', end: '17:00' },
    };
    expect(problemsOf(() => parseNewStaffMember({ ...staff, nickname: 'A' }))).toEqual([
      { field: '(body)', message: 'The request has a field the desk does not know: nickname' },
    ]);
    const line = {
      service: 'Membership',
      quantity: 1,
      unitPriceMinor: 100,
      discountPercent: 0,
      taxRatePercent: 24,
    };
    expect(
      problemsOf(() => parseQuoteInput({ currency: 'EUR', lines: [line], paymentTermsDays: 400 })),
    ).toEqual([{ field: 'paymentTermsDays', message: 'Payment terms days must be at most 365' }]);
  });

  it('never answers with zod’s own words, whatever is sent', async () => {
    const zodWords =
      /^(Too small|Too big|Invalid|Unrecognized|Expected)|expected \w+ to be|received/;
    const checks: ((input: unknown) => unknown)[] = [
      (input) => parseQuoteInput(input),
      (input) => parseNewStaffMember(input),
      (input) => parseStaffEdit(input),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record({ leads: fc.anything(), quotes: fc.anything(), outbox: fc.anything() }),
          fc.record({ currency: fc.string(), lines: fc.array(fc.anything()) }),
        ),
        async (input) => {
          const found = [];
          for (const check of [...checks, (i: unknown) => save(i)()]) {
            try {
              await check(input);
            } catch (error) {
              if (!(error instanceof ValidationError)) throw error;
              found.push(...error.problems);
            }
          }
          for (const p of found) {
            expect(p.message, p.field).not.toMatch(zodWords);
            expect(p.message.trim(), p.field).not.toBe('');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
