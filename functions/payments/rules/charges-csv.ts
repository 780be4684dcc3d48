import { parse } from 'csv-parse/sync';
import type { RowProblem } from './bank-statement';
import { type ChargeInput, parseCharge } from './charges';

/**
 * A CSV file of charges. The first row names the columns (any order, any case): `account`,
 * `date` (YYYY-MM-DD), `description`, `quantity`, `unit_price` ("12.50", or "12,50" quoted),
 * `tax_rate` (percent), `currency`, `kind` (usage or misc) and `reference`. At most 300 rows.
 * Every bad row is reported with its row number (the header is row 1) and field; one bad row
 * refuses the whole file, so nothing is half imported. Each row's reference makes it idempotent:
 * the same file again adds nothing.
 */

export const maxChargeRows = 300;

export interface ImportedCharge {
  row: number;
  charge: ChargeInput;
}

export class ChargesFileInvalid extends Error {
  override name = 'ChargesFileInvalid';
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((p) => `row ${p.row}, ${p.field}: ${p.message}`).join('; '));
  }
}

/** The file's column for each field of a charge. */
const columns = {
  account: 'accountId',
  date: 'date',
  description: 'description',
  quantity: 'quantity',
  unit_price: 'unitPrice',
  tax_rate: 'taxRatePercent',
  currency: 'currency',
  kind: 'kind',
  reference: 'reference',
} as const;
const columnOf = Object.fromEntries(Object.entries(columns).map(([c, f]) => [f, c]));

/** Every row read, or the whole file refused with every problem named. */
export function parseChargesFile(csv: string): ImportedCharge[] {
  const { charges, problems } = readChargesFile(csv);
  if (problems.length > 0) throw new ChargesFileInvalid(problems);
  return charges;
}

/**
 * The good rows and the problems of the bad ones (so a caller can add its own, such as an
 * unknown account, before refusing the file). Throws only when the file itself is unreadable.
 */
export function readChargesFile(csv: string): {
  charges: ImportedCharge[];
  problems: RowProblem[];
} {
  let rows: string[][];
  try {
    rows = parse(csv, { skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'the file is not valid CSV';
    throw new ChargesFileInvalid([{ row: 0, field: 'file', message }]);
  }
  const [header = [], ...data] = rows;
  const names = header.map((h) => h.toLowerCase().replace(/[\s-]/g, '_'));
  const missing = Object.keys(columns).filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new ChargesFileInvalid(
      missing.map((field) => ({ row: 1, field, message: 'column missing' })),
    );
  }
  if (data.length === 0) {
    throw new ChargesFileInvalid([{ row: 2, field: 'file', message: 'no charges in the file' }]);
  }
  if (data.length > maxChargeRows) {
    throw new ChargesFileInvalid([
      {
        row: 0,
        field: 'file',
        message: `${data.length} rows: at most ${maxChargeRows} a file (split it)`,
      },
    ]);
  }
  const problems: RowProblem[] = [];
  const charges: ImportedCharge[] = [];
  const seen = new Map<string, number>();
  data.forEach((cells, i) => {
    const row = i + 2;
    const input = Object.fromEntries(
      Object.entries(columns).map(([column, field]) => [field, cells[names.indexOf(column)] ?? '']),
    );
    const result = parseCharge(input);
    if ('problems' in result) {
      for (const p of result.problems) {
        problems.push({ row, field: columnOf[p.field] ?? p.field, message: p.message });
      }
      return;
    }
    const key = `${result.charge.accountId}\u0000${result.charge.reference}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        row,
        field: 'reference',
        message: `"${result.charge.reference}" is used by row ${earlier} for the same account`,
      });
      return;
    }
    seen.set(key, row);
    charges.push({ row, charge: result.charge });
  });
  return { charges, problems };
}
