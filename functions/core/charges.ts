import { ulid } from 'ulidx';
import { type Charge, type ChargeInput, chargeLine, chargesRequestKey } from './domain/charges';
import { ChargesFileInvalid, readChargesFile } from './domain/charges-csv';
import { businessDate, type InvoiceDraft, type PaymentTerms } from './domain/invoice';
import { isoDate, parseBusinessDate } from './domain/job-dates';
import { priceLine, taxByRate, totalsOf } from './domain/quote';
import { ValidationError } from './errors';
import { type InvoicingDeps, invoicesWait, sendInvoice } from './invoices';
import type { Account, AccountStore } from './store/accounts';
import type { ChargeStore } from './store/charges';
import { numberIssuedFor, type StoredInvoice } from './store/invoice-numbers';
import type { LedgerStore } from './store/ledger';
import type { Table } from './store/table';

/**
 * Recording charges (back-office form, CSV import) and invoicing a month's charges of an account.
 * A charge is recorded once per account and reference; its account must exist and be kept in
 * the charge's currency. The month's invoice marks its charges billed in the same transaction
 * that numbers it, so a charge is on exactly one invoice whatever runs twice or crashes.
 */

export interface ChargeDeps {
  charges: ChargeStore;
  accounts: AccountStore;
  ledger: LedgerStore;
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

/** Problems with a charge beyond its fields: its date, its account (missing, another currency). */
async function accountProblems(deps: ChargeDeps, input: ChargeInput, today: string) {
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
  const kept = (await deps.ledger.getBalance(input.accountId))?.currency;
  if (kept && kept !== input.currency) {
    return [
      { field: 'currency', message: `the account is kept in ${kept}, not ${input.currency}` },
    ];
  }
  return [];
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
  const checked = new Map<string, { field: string; message: string }[]>();
  for (const { row, charge } of rows) {
    const key = `${charge.accountId}#${charge.currency}#${charge.date}`;
    if (!checked.has(key)) checked.set(key, await accountProblems(deps, charge, today));
    for (const p of checked.get(key) ?? []) {
      const field = p.field === 'accountId' ? 'account' : p.field;
      problems.push({ row, field, message: p.message });
    }
    const earlier = await deps.charges.byReference(charge.accountId, charge.reference);
    if (earlier && !sameCharge(earlier, charge)) {
      problems.push({
        row,
        field: 'reference',
        message: `"${charge.reference}" is already used by another charge of this account`,
      });
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
  const unbilled = pending.filter((c) => c.billedRequest === undefined);
  if (unbilled.length === 0) return sent;
  const draft = chargesInvoiceDraft(account, unbilled, month, currency, deps.paymentTerms);
  const requestKey = chargesRequestKey(
    accountId,
    month,
    currency,
    unbilled.map((c) => c.chargeId),
  );
  const { invoice } = await deps.numbers.issueInvoice(draft, requestKey, issuedAt, deps.zone, {
    companions: async () => ({ items: deps.charges.billedWrites(unbilled, requestKey) }),
  });
  await send(invoice, unbilled);
  return sent;
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
