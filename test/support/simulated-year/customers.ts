import { accountStore } from '../../../functions/accounts/store/accounts';
import { contactStore } from '../../../functions/accounts/store/contacts';
import { liftSuspensionIfCleared } from '../../../functions/collections/arrears-suspension';
import { arrearsStore } from '../../../functions/collections/store/arrears';
import { activateContract } from '../../../functions/contracts/contract-signing';
import {
  type AcceptedQuote,
  draftContractFromQuote,
  type ServiceKind,
} from '../../../functions/contracts/rules/contract';
import { contractStore } from '../../../functions/contracts/store/contracts';
import { issueFirstInvoice } from '../../../functions/invoicing/invoices';
import type { BillingPlan } from '../../../functions/invoicing/rules/invoice';
import { billingTermStore } from '../../../functions/invoicing/store/billing-terms';
import { invoiceNumberStore } from '../../../functions/invoicing/store/invoice-numbers';
import { ledgerStore } from '../../../functions/invoicing/store/ledger';
import { leadStore } from '../../../functions/leads/store/lead-store';
import { recordPayment } from '../../../functions/payments/payments';
import { paymentStore } from '../../../functions/payments/store/payments';
import { priceQuote } from '../../../functions/quotes/rules/quote';
import type { Locale } from '../../../functions/shared/locales';
import type { TimelineEntry } from '../../../functions/shared/store/timeline';
import { defaultBusinessRules } from '../../../functions/staff/settings/business-rules';
import { loadBusinessRules } from '../../../functions/staff/settings/settings';
import { staffStore } from '../../../functions/staff/store/staff-store';
import { setHold as setAccountHold } from '../arrears-fixtures';
import { seeded } from '../office';
import { at, type SimulatedDesk } from './desk';

/**
 * The customers of the simulated year, signed and paying through the product's own functions:
 * a contract drafted from an accepted quote, signed, activated (the account opens), then
 * `issueFirstInvoice` as the contract workflow's step calls it (it writes the first billing
 * term); payments through `recordPayment` with the suspension lifter, as `POST /payments` does.
 * Only the approvals between draft and signature are skipped: they decide nothing about money.
 */

export interface Customer {
  /** Our name for the account in the test. */
  key: string;
  /** A ULID, as drafting makes them; chosen so a day's invoices are numbered in the story's order. */
  contractId: string;
  legalName: string;
  email: string;
  language: Locale;
  billingPlan: BillingPlan;
  prepaid: boolean;
  /** Net days when not prepaid. */
  netDays?: number;
  startDate: string;
  termMonths: number;
  renewal: 'manual' | 'auto';
  serviceKind?: ServiceKind;
  /** One line, 24 % tax. */
  unitPriceMinor: number;
}

export interface Signed {
  accountId: string;
  firstInvoice: string | null;
}

export async function signCustomer(
  desk: SimulatedDesk,
  customer: Customer,
  signedOn: string,
  time = '10:00',
): Promise<Signed> {
  const { table, env, zone } = desk;
  const now = at(signedOn, time, zone);
  const agent = await staffStore(table).findByEmail(seeded.agentNorth);
  if (!agent) throw new Error('The seeded north agent is not in the directory');
  const quote: AcceptedQuote = {
    quoteId: `Q-${customer.contractId}`,
    leadId: `L-${customer.contractId}`,
    status: 'accepted',
    quote: priceQuote(
      {
        currency: 'EUR',
        lines: [
          {
            service: 'Membership',
            quantity: 1,
            unitPriceMinor: customer.unitPriceMinor,
            discountPercent: 0,
            taxRatePercent: 24,
          },
        ],
        ...(customer.netDays ? { paymentTermsDays: customer.netDays } : {}),
      },
      defaultBusinessRules,
      now,
      zone,
    ),
    customer: {
      legalName: customer.legalName,
      contactName: 'Dana Contact',
      email: customer.email,
      addressLines: ['1 Harbour Road', 'Piraeus'],
      country: 'GR',
      language: customer.language,
    },
    service: { name: 'Membership', needsOperatingPermit: false },
    billingPlan: customer.billingPlan,
    startDate: customer.startDate,
    termMonths: customer.termMonths,
    renewal: customer.renewal,
    ...(customer.serviceKind ? { serviceKind: customer.serviceKind } : {}),
    agentId: agent.staffId,
    team: agent.team,
    prepaid: customer.prepaid,
  };
  const contracts = contractStore(table);
  const draft = draftContractFromQuote(quote, customer.contractId, now);
  const entry = (step: TimelineEntry['step']): TimelineEntry => ({
    at: now.toISOString(),
    step,
    summary: `${step} (simulated year)`,
    by: { kind: 'system' as const },
    via: 'simulated year',
  });
  await contracts.draft(draft, entry('contract-drafted'));
  const signature = {
    signerName: 'Dana Contact',
    signedAt: now.toISOString(),
    sourceIp: '127.0.0.1',
  };
  await contracts.save(
    { ...draft, status: 'signed', signature, version: draft.version + 1 },
    entry('contract-signed'),
    'signed#1',
  );
  const { accountId, billing } = await activateContract(
    { contracts, contacts: contactStore(table), leads: leadStore(table), tableName: table.name },
    customer.contractId,
    now,
  );
  const { rules } = await loadBusinessRules(env.settings);
  const result = await issueFirstInvoice(
    {
      numbers: invoiceNumberStore(table),
      terms: billingTermStore(table),
      documents: env.documents,
      outbox: env.outbox,
      sender: env.sender,
      zone,
      company: rules.company,
    },
    billing,
    now,
  );
  return { accountId, firstInvoice: result.invoiceNumber };
}

/** A bank transfer of `amount` (e.g. '99.20') recorded by finance at noon of `date`. */
export async function pay(
  desk: SimulatedDesk,
  accountId: string,
  amount: string,
  date: string,
  requestKey: string,
) {
  const { table, env, zone } = desk;
  const now = at(date, '12:00', zone);
  const { rules } = await loadBusinessRules(env.settings);
  const suspension = {
    arrears: arrearsStore(table),
    accounts: accountStore(table),
    ledger: ledgerStore(table),
    tableName: table.name,
    zone,
    events: env.events,
  };
  const [units, cents = ''] = amount.split('.');
  return recordPayment(
    {
      payments: paymentStore(table),
      accounts: accountStore(table),
      outbox: env.outbox,
      sender: env.sender,
      zone,
      company: rules.company,
      liftSuspension: (id, at) => liftSuspensionIfCleared(suspension, id, at),
    },
    {
      accountId,
      amount: { amountMinor: Number(units) * 100 + Number(cents.padEnd(2, '0')), currency: 'EUR' },
      date,
      method: 'bank-transfer',
      reference: `Simulated year ${requestKey}`,
    },
    `simulated-year#${requestKey}`,
    { kind: 'staff', staffId: 'finance', name: 'Finn Finance', via: 'api' },
    now,
  );
}

/** Puts an account on hold (a dispute with no end in sight), or releases it (`undefined`). */
export async function setHold(desk: SimulatedDesk, accountId: string, reason: string | undefined) {
  await setAccountHold(desk.table, accountId, reason);
}
