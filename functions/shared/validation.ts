import { z } from 'zod';
import { type FieldProblem, ValidationError } from './errors';

/**
 * The one place zod's findings become what a person reads: plain words naming the field
 * ("Quantity must be at least 1", not "Too small: expected number to be >=1"). A schema's own
 * message, where it gives one, still wins; this map words everything else, for every form and JSON
 * API of the desk. Staff and API messages are English; the public forms translate their own.
 */

/** Field names whose words are not just the name split up: `unitPriceMinor` is a unit price. */
const fieldWords: Record<string, string> = {
  unitPriceMinor: 'unit price',
  amountMinor: 'amount',
  netMinor: 'amount',
  discountPercent: 'discount',
  taxRatePercent: 'tax rate',
  overallDiscountPercent: 'overall discount',
  taxId: 'tax id',
};

/** The field an issue is about, in words: the last name on its path (`lines.0.quantity` → quantity). */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const name = [...path].reverse().find((p): p is string => typeof p === 'string');
  if (name === undefined) return 'the request';
  return fieldWords[name] ?? name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

const typeWords: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of fields',
  date: 'a date',
};

const formatWords: Record<string, string> = {
  email: 'an email address, like name@example.com',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time (YYYY-MM-DDTHH:MM:SSZ)',
  time: 'a time (HH:MM)',
  url: 'a web address',
};

const many = (n: number | bigint, one: string, more: string) =>
  Number(n) === 1 ? `1 ${one}` : `${n} ${more}`;

/** The rest of the sentence after the field's name. */
function predicate(issue: z.core.$ZodRawIssue): string {
  const missing = issue.input === undefined || issue.input === null;
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'is required' : `must be ${typeWords[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const { minimum: min, inclusive } = issue;
      if (issue.origin === 'string') {
        return Number(min) <= 1 ? 'is required' : `must be at least ${min} characters`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        return `needs at least ${many(min, 'entry', 'entries')}`;
      }
      return inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case 'too_big': {
      const { maximum: max, inclusive } = issue;
      if (issue.origin === 'string') return `must be at most ${max} characters`;
      if (issue.origin === 'array' || issue.origin === 'set') {
        return `can have at most ${many(max, 'entry', 'entries')}`;
      }
      return inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'invalid_format':
      return formatWords[issue.format]
        ? `must be ${formatWords[issue.format]}`
        : 'is not written the way it should be';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${String(issue.values[0])}`
        : `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return missing ? 'is required' : 'is not one of the forms it can take';
    case 'unrecognized_keys':
      return `has ${issue.keys.length === 1 ? 'a field' : 'fields'} the desk does not know: ${issue.keys.join(', ')}`;
    default:
      return 'is not valid';
  }
}

/** Zod's error map for the desk: a plain sentence that starts with the field's name. */
export const plainError: z.core.$ZodErrorMap = (issue) => {
  const sentence = `${fieldLabel(issue.path ?? [])} ${predicate(issue)}`;
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
};

// Every parse in a process that loads this module speaks plainly, even one not made through
// `parseInput` (a schema's own messages still win).
z.config({ customError: plainError });

/** Each issue as a problem naming its field by path (`lines.0.quantity`; the body: `(body)`). */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}

/** The input as the schema reads it, or a ValidationError naming every bad field in plain words. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input, { error: plainError });
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error));
  return parsed.data;
}
