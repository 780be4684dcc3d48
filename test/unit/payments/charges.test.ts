import { describe, expect, it } from 'vitest';
import {
  chargeLine,
  chargesRequestKey,
  monthTotalProblem,
  parseCharge,
} from '../../../functions/payments/rules/charges';
import {
  ChargesFileInvalid,
  parseChargesFile,
} from '../../../functions/payments/rules/charges-csv';
import { priceLine } from '../../../functions/quotes/rules/quote';

/** Charges as staff type them and as a CSV file brings them; their invoice line and key. */

const valid = {
  accountId: 'ACC-1',
  date: '2035-03-14',
  description: 'Extra placement',
  quantity: '2.5',
  unitPrice: '12.50',
  taxRatePercent: '24',
  currency: 'eur',
  kind: 'usage',
  reference: 'JOB-17',
};

const problemsOf = (input: unknown) => {
  const result = parseCharge(input);
  return 'problems' in result ? result.problems : [];
};

describe('a charge as staff give it', () => {
  it('keeps the unit price in minor units of its currency', () => {
    expect(parseCharge(valid)).toEqual({
      charge: {
        accountId: 'ACC-1',
        date: '2035-03-14',
        description: 'Extra placement',
        quantity: '2.5',
        unitPriceMinor: 1250,
        taxRatePercent: '24',
        currency: 'EUR',
        kind: 'usage',
        reference: 'JOB-17',
      },
    });
    expect(parseCharge({ ...valid, currency: 'KRW', unitPrice: '15000' })).toMatchObject({
      charge: { unitPriceMinor: 15_000 },
    });
  });

  it('names every bad field', () => {
    const problems = problemsOf({
      ...valid,
      date: '2035-02-30',
      quantity: '0',
      taxRatePercent: '120',
      kind: 'gift',
      reference: '',
    });
    expect(problems.map((p) => p.field).sort()).toEqual([
      'date',
      'kind',
      'quantity',
      'reference',
      'taxRatePercent',
    ]);
    expect(problems.find((p) => p.field === 'reference')?.message).toBe('is required');
  });

  it('refuses a price with more decimals than its currency has', () => {
    expect(problemsOf({ ...valid, unitPrice: '12.505' })).toEqual([
      { field: 'unitPrice', message: 'EUR amounts have at most 2 decimal places' },
    ]);
    expect(problemsOf({ ...valid, currency: 'KRW', unitPrice: '10.5' })[0]?.field).toBe(
      'unitPrice',
    );
  });

  it('takes the unit price with a decimal comma or point, and refuses an unclear one', () => {
    expect(parseCharge({ ...valid, unitPrice: '12,50' })).toMatchObject({
      charge: { unitPriceMinor: 1250 },
    });
    expect(parseCharge({ ...valid, unitPrice: '12.5' })).toMatchObject({
      charge: { unitPriceMinor: 1250 },
    });
    expect(problemsOf({ ...valid, unitPrice: '1,234' })).toEqual([
      {
        field: 'unitPrice',
        message:
          '"1,234" is unclear: 1234 or 1.234? Write it without a thousands separator, or the decimals with a point',
      },
    ]);
    expect(problemsOf({ ...valid, unitPrice: '1.234,50' })[0]?.message).toMatch(
      /thousands separator/,
    );
  });

  it('says a blank field is required once, the unit price included', () => {
    const problems = problemsOf({ ...valid, quantity: '', unitPrice: '' });
    expect(problems).toEqual([
      { field: 'quantity', message: 'is required' },
      { field: 'unitPrice', message: 'is required' },
    ]);
  });

  it('refuses a line that would not fit the ledger, naming the unit price', () => {
    // 1,000,000 × 99,999,999,999.99 is 10^17 cents: beyond the ledger's safe integers.
    const problems = problemsOf({ ...valid, quantity: '1000000', unitPrice: '99999999999.99' });
    expect(problems).toEqual([
      {
        field: 'unitPrice',
        message:
          'times the quantity, with tax, is too large: the ledger holds at most €90,071,992,547,409.91',
      },
    ]);
    expect(problemsOf({ ...valid, unitPrice: '100000000000000000' })[0]?.message).toMatch(
      /^is too large/,
    );
  });

  it("refuses charges whose month's invoice, tax included, would not fit the ledger", () => {
    const parsed = parseCharge({
      ...valid,
      quantity: '1',
      unitPrice: '50000000000000',
      taxRatePercent: '0',
    });
    if (!('charge' in parsed)) throw new Error('expected a charge');
    expect(monthTotalProblem([parsed.charge], 'EUR')).toBeUndefined();
    expect(monthTotalProblem([parsed.charge, parsed.charge], 'EUR')).toMatch(
      /with the account's other charges of the month, the invoice would come to more than the ledger holds/,
    );
    // With tax, one charge under the limit may not fit: 24 % on 80 trillion cents.
    const taxed = parseCharge({ ...valid, quantity: '1', unitPrice: '80000000000000' });
    expect('problems' in taxed && taxed.problems[0]?.field).toBe('unitPrice');
  });

  it('becomes an invoice line dated and referenced, tax rounded half-up on the line', () => {
    const parsed = parseCharge({ ...valid, quantity: '3', unitPrice: '0.35' });
    if (!('charge' in parsed)) throw new Error('expected a charge');
    const line = priceLine(chargeLine(parsed.charge), 'EUR');
    expect(line.service).toBe('2035-03-14 Extra placement (JOB-17)');
    // 3 × 0.35 = 1.05; 24 % of 1.05 = 0.252 → 0.25.
    expect(line.net.amountMinor).toBe(105);
    expect(line.tax.amountMinor).toBe(25);
  });

  it("a month's invoice key is the same for the same charges, in any order", () => {
    const a = chargesRequestKey('ACC-1', '2035-03', 'EUR', ['CHG-2', 'CHG-1']);
    expect(a).toBe(chargesRequestKey('ACC-1', '2035-03', 'EUR', ['CHG-1', 'CHG-2']));
    expect(a).toMatch(/^charges#ACC-1#2035-03#EUR#[0-9a-f]{16}$/);
    expect(a).not.toBe(chargesRequestKey('ACC-1', '2035-03', 'EUR', ['CHG-3']));
  });
});

describe('a CSV file of charges', () => {
  const header = 'Account,Date,Description,Quantity,Unit Price,Tax Rate,Currency,Kind,Reference';

  it('reads each row, columns in any order and case', () => {
    const rows = parseChargesFile(
      [
        'reference,kind,currency,tax_rate,unit_price,quantity,description,date,account',
        'R-1,misc,EUR,24,100.00,1,Setup fee,2035-03-01,ACC-1',
        'R-2,usage,EUR,13,0.10,250,Calls,2035-03-31,ACC-2',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.row, r.charge.accountId, r.charge.unitPriceMinor])).toEqual([
      [2, 'ACC-1', 10_000],
      [3, 'ACC-2', 10],
    ]);
  });

  it('refuses the whole file on a bad row, naming each row and column', () => {
    const csv = [
      header,
      'ACC-1,2035-03-01,Setup,1,100.00,24,EUR,misc,R-1',
      'ACC-1,2035-13-01,Setup,1,1.234,24,EUR,misc,R-2',
      'ACC-1,2035-03-02,Setup,1,5.00,24,EUR,misc,R-1',
    ].join('\n');
    try {
      parseChargesFile(csv);
      expect.fail('the file was accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ChargesFileInvalid);
      expect((error as ChargesFileInvalid).problems).toEqual([
        { row: 3, field: 'date', message: 'is not a date (YYYY-MM-DD)' },
        { row: 3, field: 'unit_price', message: 'EUR amounts have at most 2 decimal places' },
        { row: 4, field: 'reference', message: '"R-1" is used by row 2 for the same account' },
      ]);
    }
  });

  it('names missing columns, and refuses more than 300 rows', () => {
    expect(() => parseChargesFile('account,date\nACC-1,2035-03-01')).toThrow(
      /row 1, description: column missing/,
    );
    const many = [header];
    for (let i = 0; i < 301; i++) many.push(`ACC-1,2035-03-01,X,1,1.00,0,EUR,usage,R-${i}`);
    expect(() => parseChargesFile(many.join('\n'))).toThrow(/301 rows: at most 300/);
  });
});
