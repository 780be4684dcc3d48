import { z } from 'zod';
import { ValidationError } from '../errors';

/**
 * Text people type into the desk: names, reasons, notes, descriptions, addresses and the names of
 * uploaded files. Every form and JSON input of such text goes through one of these schemas.
 *
 * Some characters change how text is displayed without being seen: bidi controls (U+202E turns
 * `invoice\u202Efdp.exe` into what reads as "invoiceexe.pdf"), zero-width spaces and joiners, the
 * byte-order mark, and NUL. What is done with them depends on the kind of field:
 * - names and free text: they are **removed**. A name pasted from a document may carry an
 *   invisible mark; its reader sees the same text without it, so refusing would puzzle them.
 * - file names: they are **refused**. Nobody types them into a file name; one that holds them is
 *   made to disguise the file, and the uploader renames it.
 * Other control characters (a bell, an escape) are refused in both: they are no text at all.
 */

export type TextProblem =
  | 'required'
  | 'not-text'
  | 'too-long'
  | 'control-characters'
  | 'invisible-characters';

export interface TextFieldOptions {
  /** The most characters the field takes (after cleaning). */
  max: number;
  /** Blank is a problem (default true); an optional field answers `''` when blank. */
  required?: boolean;
  /** Keeps line breaks (as `\n`): a message, a note, an address. Else one line, spaces collapsed. */
  multiline?: boolean;
  /** The message of each problem; by default the problem's code, for callers that translate. */
  messages?: Partial<Record<TextProblem, string>>;
}

// Unicode "format" characters (Cf): bidi controls, zero-width space/joiners, word joiner, BOM,
// soft hyphen, invisible operators, tags. None of them is needed by the desk's languages.
const formatCharacters = /\p{Cf}/gu;
const formatCharacter = /\p{Cf}/u;
const controlCharacter = /\p{Cc}/u;

/** Removes what displays differently from what it is: format characters and NUL. */
export function withoutInvisibles(raw: string): string {
  return raw.replace(formatCharacters, '').replaceAll('\u0000', '');
}

/** The text as stored: invisibles removed, trimmed; one line unless `multiline`. */
export function cleanText(raw: string, multiline = false): string {
  const visible = withoutInvisibles(raw);
  if (!multiline) return visible.replace(/\s+/g, ' ').trim();
  return visible
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(/[^\S\n]+$/gm, '')
    .trim();
}

/** Control characters left after cleaning (line breaks and tabs are allowed in multi-line text). */
function hasControlCharacters(text: string, multiline: boolean): boolean {
  return controlCharacter.test(multiline ? text.replace(/[\n\t]/g, ' ') : text);
}

const message = (options: Pick<TextFieldOptions, 'messages'>, problem: TextProblem) =>
  options.messages?.[problem] ?? problem;

/** A name or free text: cleaned as above, then checked for length and control characters. */
export function textField(options: TextFieldOptions) {
  const multiline = options.multiline ?? false;
  return z
    .preprocess((v) => v ?? '', z.string({ error: message(options, 'not-text') }))
    .transform((s) => cleanText(s, multiline))
    .pipe(
      z
        .string()
        .min(options.required === false ? 0 : 1, { error: message(options, 'required') })
        .max(options.max, { error: message(options, 'too-long') })
        .refine((s) => !hasControlCharacters(s, multiline), {
          error: message(options, 'control-characters'),
        }),
    );
}

/** The name of an uploaded file: trimmed; invisible and control characters are refused. */
export function fileNameField(options: Omit<TextFieldOptions, 'multiline'>) {
  return z
    .preprocess((v) => v ?? '', z.string({ error: message(options, 'not-text') }))
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(options.required === false ? 0 : 1, { error: message(options, 'required') })
        .max(options.max, { error: message(options, 'too-long') })
        .refine((s) => !formatCharacter.test(s) && !controlCharacter.test(s), {
          error: message(options, 'invisible-characters'),
        }),
    );
}

/**
 * Text kept where nobody can be shown a problem (a customer's optional reason on a signed-link
 * page, a workflow's payload): invisible and control characters removed, one line, cut at `max`.
 */
export function looseText(raw: unknown, max: number): string {
  if (typeof raw !== 'string') return '';
  return cleanText(raw.replace(/\p{Cc}/gu, ' ')).slice(0, max);
}

/**
 * A reason typed on a form (a decision, a write-off, a lost lead): one line of text. Blank is
 * allowed unless `requiredMessage` says what to write. Throws a ValidationError naming `field`.
 */
export function readReason(
  raw: unknown,
  options: { max: number; requiredMessage?: string; field?: string },
): string {
  const read = readText(textField({ max: options.max, required: false }), raw);
  const problem = !read.ok
    ? read.problem
    : read.value === '' && options.requiredMessage
      ? 'required'
      : undefined;
  if (read.ok && !problem) return read.value;
  const messages: Record<TextProblem, string> = {
    required: options.requiredMessage ?? 'Enter the reason',
    'not-text': 'Enter the reason as text',
    'too-long': `Use at most ${options.max} characters`,
    'control-characters': 'Remove the control characters',
    'invisible-characters': 'Remove the invisible characters',
  };
  throw new ValidationError([
    { field: options.field ?? 'reason', message: messages[problem ?? 'not-text'] },
  ]);
}

export type TextReading = { ok: true; value: string } | { ok: false; problem: TextProblem };

/**
 * One field read through `schema` (`textField` or `fileNameField` built with the default
 * messages), for forms that collect their problems one field at a time.
 */
export function readText(schema: z.ZodType<string>, raw: unknown): TextReading {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const code = parsed.error.issues[0]?.message;
  return { ok: false, problem: isTextProblem(code) ? code : 'not-text' };
}

const problems: readonly string[] = [
  'required',
  'not-text',
  'too-long',
  'control-characters',
  'invisible-characters',
];
function isTextProblem(value: unknown): value is TextProblem {
  return typeof value === 'string' && problems.includes(value);
}
