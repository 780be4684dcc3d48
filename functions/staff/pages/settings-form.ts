import type { FieldProblem } from '../../shared/errors';
import type { BusinessRules } from '../settings/business-rules';

/**
 * The business rules as a form: every setting is one field named by its path
 * (`leads.firstContactReminderDay`, `dunning.ladder.0.actions`), so a rule problem reported on a
 * path lands next to its field. The shape comes from the rules being edited; lists are typed as
 * comma-separated text and holidays one date per line.
 */

export type SettingKind = 'number' | 'text' | 'number-list' | 'text-list' | 'date-lines';

export interface SettingField {
  name: string;
  kind: SettingKind;
  /** Names from the top group down: `['Dunning', 'Ladder', 'Step 1', 'Days past due']`. */
  labels: string[];
  value: string;
}

/** Where the holidays live: a record of year → dates, shown as one textarea. */
const holidaysPath = 'calendar.holidays';

const words = (key: string) => {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
};

/** The fields of a rules object, in the order of its keys. */
export function settingFields(rules: BusinessRules): SettingField[] {
  const fields: SettingField[] = [];
  const walk = (value: unknown, path: string[], labels: string[]) => {
    const name = path.join('.');
    if (name === holidaysPath) {
      const dates = Object.values(value as Record<string, string[]>)
        .flat()
        .sort();
      fields.push({ name, kind: 'date-lines', labels, value: dates.join('\n') });
    } else if (typeof value === 'number') {
      fields.push({ name, kind: 'number', labels, value: String(value) });
    } else if (typeof value === 'string') {
      fields.push({ name, kind: 'text', labels, value });
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) {
      fields.push({ name, kind: 'number-list', labels, value: value.join(', ') });
    } else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      fields.push({ name, kind: 'text-list', labels, value: value.join(', ') });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        walk(item, [...path, String(i)], [...labels, `Step ${i + 1}`]);
      });
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value))
        walk(inner, [...path, key], [...labels, words(key)]);
    }
  };
  walk(rules, [], []);
  return fields;
}

/**
 * The rules a posted form describes, shaped like `current`. Text that is not the kind its
 * field takes is a problem naming the field; the rules' own checks come after (`saveBusinessRules`).
 */
export function rulesFromForm(
  current: BusinessRules,
  posted: Record<string, string>,
): { rules: unknown; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const rules = structuredClone(current) as unknown as Record<string, unknown>;
  for (const field of settingFields(current)) {
    const raw = (posted[field.name] ?? '').trim();
    const value = parseField(field, raw);
    if (value === invalid) {
      problems.push({ field: field.name, message: messages[field.kind] });
      continue;
    }
    setPath(rules, field.name.split('.'), value);
  }
  return { rules, problems };
}

const invalid = Symbol('invalid');

const messages: Record<SettingKind, string> = {
  number: 'enter a number',
  text: 'enter a value',
  'number-list': 'enter whole numbers separated by commas, for example 30, 7',
  'text-list': 'enter values separated by commas',
  'date-lines': 'enter one date per line, as YYYY-MM-DD',
};

function parseField(field: SettingField, raw: string): unknown {
  const list = () =>
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  switch (field.kind) {
    case 'number':
      return raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : invalid;
    case 'text':
      return raw;
    case 'number-list': {
      const numbers = list().map(Number);
      return numbers.every(Number.isFinite) ? numbers : invalid;
    }
    case 'text-list':
      return list();
    case 'date-lines': {
      const byYear: Record<string, string[]> = {};
      for (const date of raw
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean)) {
        if (!/^\d{4}-\d\d-\d\d$/.test(date)) return invalid;
        const year = date.slice(0, 4);
        byYear[year] = [...(byYear[year] ?? []), date];
      }
      return byYear;
    }
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path[path.length - 1] as string] = value;
}

/** The field a rule problem belongs to: its path, or the nearest field above it. */
export function fieldOfProblem(fields: readonly SettingField[], path: string): string {
  const names = new Set(fields.map((f) => f.name));
  const parts = path.split('.');
  while (parts.length > 0) {
    const candidate = parts.join('.');
    if (names.has(candidate)) return candidate;
    parts.pop();
  }
  return path;
}
