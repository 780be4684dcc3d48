import { ulid } from 'ulidx';
import { type AccountCurrencyDeps, currencyProblem } from '../accounts/account-currency';
import type { Account, AccountStore } from '../accounts/store/accounts';
import { type InvoicingDeps, invoicesWait, sendInvoice } from '../invoicing/invoices';
import { businessDate, type InvoiceDraft, type PaymentTerms } from '../invoicing/rules/invoice';
import { numberIssuedFor, type StoredInvoice } from '../invoicing/store/invoice-numbers';
import { priceLine, taxByRate, totalsOf } from '../quotes/rules/quote';
import { type FieldProblem, NotFound, ValidationError } from '../shared/errors';
import { isoDate, parseBusinessDate } from '../shared/rules/job-dates';
import { formatMoney } from '../shared/rules/money';
import type { Table } from '../shared/store/table';
import {
  type Charge,
  type ChargeInput,
  chargeLine,
  chargeMonth,
  chargesRequestKey,
  monthTotalProblem,
} from './rules/charges';
import { ChargesFileInvalid, readChargesFile } from './rules/charges-csv';
import type { ChargeStore } from './store/charges';

/**
 * Recording charges (back-office form, CSV import) and invoicing a month's charges of an account.
 * A charge is recorded once per account and reference; its account must exist and be kept in
 * the charge's currency. The month's invoice marks its charges billed in the same transaction
 * that numbers it, so a charge is on exactly one invoice whatever runs twice or crashes.
 */

export interface ChargeDeps extends AccountCurrencyDeps {
  charges: ChargeStore;
  accounts: Pick<AccountStore, 'get' | 'contracts'>;
  /** The company's zone: what day "today" is, for the earliest date a charge may carry. */
  zone: string;
}

export type StaffRef = { staffId: string; name: string };

/**
 * How many months before the current one a charge may be dated: the billing run looks back this
 * far (and one more), so a charge recorded late is still billed, never silently left out.
 */
export const chargeMonthsAccepted = 2;

/** The first date a charge recorded on business date `today` may carry. */
export function earliestChargeDate(today: string): string {
  return isoDate(parseBusinessDate(today).startOf('month').minus({ months: chargeMonthsAccepted }));
}

/**
 * Problems with a charge beyond its fields: its date, its account (missing, kept in another
 * currency), and its month's invoice, which must fit the ledger with the account's other unbilled
 * charges of the month (`alongside`: charges of the same file not recorded yet).
 */
async function accountProblems(
  deps: ChargeDeps,
  input: ChargeInput,
  today: string,
  alongside: readonly ChargeInput[] = [],
): Promise<FieldProblem[]> {
  const earliest = earliestChargeDate(today);
  if (input.date < earliest) {
    return [
      {
        field: 'date',
        message: `is before ${earliest}: the billing run no longer bills it; invoice it by hand`,
      },
    ];
  }
  if (!(await deps.accounts.get(input.accountId))) {
    return [{ field: 'accountId', message: `there is no account ${input.accountId}` }];
  }
  const currency = await currencyProblem(deps, input.accountId, input.currency);
  if (currency) return [currency];
  const month = chargeMonth(input.date);
  const recorded = (await deps.charges.pendingOf(input.accountId, month, input.currency)).filter(
    // Billed ones are on an invoice already; the same reference again is this charge.
    (c) => c.billedRequest === undefined && c.reference !== input.reference,
  );
  const others = alongside.filter(
    (c) => chargeMonth(c.date) === month && c.reference !== input.reference,
  );
  const tooLarge = monthTotalProblem([...recorded, ...others, input], input.currency);
  return tooLarge ? [{ field: 'unitPrice', message: tooLarge }] : [];
}

const newCharge = (
  input: ChargeInput,
  by: StaffRef,
  via: Charge['recordedBy']['via'],
  now: Date,
): Charge => ({
  ...input,
  chargeId: `CHG-${ulid(now.getTime())}`,
  recordedAt: now.toISOString(),
  recordedBy: { ...by, via },
});

/** Records one charge (form or API); ValidationError names the field, and nothing is stored. */
export async function recordCharge(
  deps: ChargeDeps,
  input: ChargeInput,
  by: StaffRef,
  via: 'back-office' | 'api',
  now: Date,
) {
  const problems = await accountProblems(deps, input, businessDate(now, deps.zone));
  if (problems.length > 0) throw new ValidationError(problems);
  return deps.charges.record(newCharge(input, by, via, now));
}

export interface ChargesImportSummary {
  recorded: { row: number; charge: Charge }[];
  alreadyRecorded: { row: number; charge: Charge }[];
}

/**
 * Imports a CSV of charges: refused whole (ChargesFileInvalid, each row and field named) when any
 * row is bad, its account unknown or its reference used for a different charge; else each row
 * recorded once, so importing the file again adds nothing.
 */
export async function importCharges(
  deps: ChargeDeps,
  csv: string,
  by: StaffRef,
  now: Date,
): Promise<ChargesImportSummary> {
  const { charges: rows, problems } = readChargesFile(csv);
  const today = businessDate(now, deps.zone);
  const checks = readOnce(deps);
  for (const { row, charge } of rows) {
    const earlier = await deps.charges.byReference(charge.accountId, charge.reference);
    if (earlier && !sameCharge(earlier, charge)) {
      problems.push({
        row,
        field: 'reference',
        message: `"${charge.reference}" is already used by another charge of this account`,
      });
    }
    // The month's invoice must fit with the rows above this one, for the same account.
    const above = rows
      .filter((r) => r.row < row && r.charge.accountId === charge.accountId)
      .map((r) => r.charge);
    for (const p of await accountProblems(checks, charge, today, above)) {
      const field =
        p.field === 'accountId' ? 'account' : p.field === 'unitPrice' ? 'unit_price' : p.field;
      problems.push({ row, field, message: p.message });
    }
  }
  problems.sort((a, b) => a.row - b.row);
  if (problems.length > 0) throw new ChargesFileInvalid(problems);
  const summary: ChargesImportSummary = { recorded: [], alreadyRecorded: [] };
  for (const { row, charge } of rows) {
    const result = await deps.charges.record(newCharge(charge, by, 'import', now));
    (result.created ? summary.recorded : summary.alreadyRecorded).push({
      row,
      charge: result.charge,
    });
  }
  return summary;
}

/** The deps with each account, ledger and month read once: a file names few accounts. */
function readOnce(deps: ChargeDeps): ChargeDeps {
  const once = <A extends unknown[], R>(read: (...args: A) => Promise<R>) => {
    const seen = new Map<string, Promise<R>>();
    return (...args: A) => {
      const key = JSON.stringify(args);
      if (!seen.has(key)) seen.set(key, read(...args));
      return seen.get(key) as Promise<R>;
    };
  };
  return {
    ...deps,
    accounts: { get: once(deps.accounts.get), contracts: once(deps.accounts.contracts) },
    ledger: { getBalance: once(deps.ledger.getBalance) },
    contracts: { get: once(deps.contracts.get) },
    charges: { ...deps.charges, pendingOf: once(deps.charges.pendingOf) },
  };
}

function sameCharge(a: ChargeInput, b: ChargeInput): boolean {
  const fields = [
    'date',
    'description',
    'quantity',
    'unitPriceMinor',
    'taxRatePercent',
    'currency',
    'kind',
  ] as const;
  return fields.every((f) => a[f] === b[f]);
}

export interface MonthChargesDeps extends InvoicingDeps {
  charges: ChargeStore;
  accounts: AccountStore;
  table: Table;
  /** Terms of a charges invoice: the desk's default net days. */
  paymentTerms: PaymentTerms;
}

/**
 * Invoices an account's unbilled charges of `month` in `currency` (one line each, oldest first),
 * dated `issuedAt`, and emails the invoice once. Charges a crashed attempt billed but did not
 * email are emailed now. Answers the invoices sent (none: nothing was left to bill), or
 * `waiting` while the company's details are missing.
 */
export async function billMonthCharges(
  deps: MonthChargesDeps,
  accountId: string,
  month: string,
  currency: string,
  issuedAt: Date,
  now: Date,
): Promise<string[] | 'waiting'> {
  const pending = await deps.charges.pendingOf(accountId, month, currency);
  if (pending.length === 0) return [];
  if (invoicesWait(deps)) return 'waiting';
  const account = await deps.accounts.get(accountId);
  if (!account) throw new Error(`Account ${accountId} of charges is missing`);
  const sent: string[] = [];
  const send = async (invoice: StoredInvoice, charges: Charge[]) => {
    await sendInvoice(deps, invoice, account.email, now);
    await deps.charges.finishBilling(charges, invoice.number);
    sent.push(invoice.number);
  };
  // Billed by an attempt that stopped before its email: that invoice, found by its request.
  const byRequest = new Map<string, Charge[]>();
  for (const c of pending) {
    if (c.billedRequest)
      byRequest.set(c.billedRequest, [...(byRequest.get(c.billedRequest) ?? []), c]);
  }
  for (const [requestKey, charges] of byRequest) {
    const number = await numberIssuedFor(deps.table, 'INV', requestKey);
    const invoice = number ? await deps.numbers.getInvoice(number) : undefined;
    if (!invoice) throw new Error(`The invoice of ${requestKey} is missing`);
    await send(invoice, charges);
  }
  let unbilled = pending.filter((c) => c.billedRequest === undefined);
  for (let attempt = 1; unbilled.length > 0; attempt++) {
    const draft = chargesInvoiceDraft(account, unbilled, month, currency, deps.paymentTerms);
    const requestKey = chargesRequestKey(
      accountId,
      month,
      currency,
      unbilled.map((c) => c.chargeId),
    );
    const billing = unbilled;
    try {
      const { invoice } = await deps.numbers.issueInvoice(draft, requestKey, issuedAt, deps.zone, {
        companions: async () => {
          // A charge voided (or billed) since it was read: the invoice is drawn up again.
          if (!(await deps.charges.stillUnbilled(billing))) throw new ChargesChanged();
          return { items: deps.charges.billedWrites(billing, requestKey) };
        },
      });
      await send(invoice, billing);
      return sent;
    } catch (error) {
      if (!(error instanceof ChargesChanged) || attempt >= 5) throw error;
    }
    unbilled = (await deps.charges.pendingOf(accountId, month, currency)).filter(
      (c) => c.billedRequest === undefined,
    );
  }
  return sent;
}

/** The charges of an invoice being drawn up changed (one was voided): read them again. */
class ChargesChanged extends Error {
  override name = 'ChargesChanged';
}

/**
 * Voids a charge not yet billed (finance, managers): it is never billed, and the account's
 * timeline says who voided it and why. Voiding twice (a double click) acts once; a billed charge
 * is refused: its invoice is corrected with a credit note.
 */
export async function voidCharge(
  deps: Pick<ChargeDeps, 'charges'>,
  charge: Charge,
  reason: string,
  by: StaffRef,
  now: Date,
): Promise<'voided' | 'already-voided'> {
  const why = reason.trim().replace(/\s+/g, ' ');
  if (why === '' || why.length > 500) {
    throw new ValidationError([
      { field: 'reason', message: 'say why the charge is voided (up to 500 characters)' },
    ]);
  }
  const price = formatMoney(
    { amountMinor: charge.unitPriceMinor, currency: charge.currency },
    'en',
  );
  const outcome = await deps.charges.void({
    charge,
    reason: why,
    by,
    at: now.toISOString(),
    timeline: {
      at: now.toISOString(),
      step: 'charge-voided',
      summary: `Charge ${charge.reference} of ${charge.date} (${charge.description}, ${charge.quantity} × ${price}) voided: ${why}`,
      by: { kind: 'staff', ...by },
      via: 'back office',
    },
  });
  if (outcome === 'voided' || outcome === 'already-voided') return outcome;
  if (outcome === 'missing') throw new NotFound('There is no such charge on this account.');
  throw new ValidationError([
    {
      field: 'charge',
      message: `is billed already${charge.invoiceNumber ? ` on ${charge.invoiceNumber}` : ''}: correct the invoice with a credit note`,
    },
  ]);
}

/** The invoice of a month's charges of an account: a line per charge, the month as its period. */
export function chargesInvoiceDraft(
  account: Account,
  charges: readonly Charge[],
  month: string,
  currency: string,
  paymentTerms: PaymentTerms,
): InvoiceDraft {
  const lines = charges.map((c) => priceLine(chargeLine(c), currency));
  return {
    series: 'INV',
    accountId: account.accountId,
    // Charges belong to the account, not to one contract.
    contractId: '',
    customer: {
      name: account.legalName,
      addressLines: account.addressLines,
      email: account.email,
      ...(account.taxId ? { taxId: account.taxId } : {}),
    },
    language: account.language,
    currency,
    lines,
    totals: totalsOf(lines, currency),
    taxByRate: taxByRate(lines, currency),
    paymentTerms,
    period: {
      start: `${month}-01`,
      end: isoDate(parseBusinessDate(`${month}-01`).endOf('month')),
    },
  };
}
