import { beforeAll, describe, expect, inject, it } from 'vitest';
import { manifest } from '../../../infra/manifest';
import { acceptedQuote, startContractFor } from '../../support/contracts';
import { accountWithInvoice } from '../../support/invoice-fixtures';
import {
  assignLead,
  csrfOf,
  postForm,
  seeded,
  staffIdOf,
  submitLead,
  uniqueWord,
} from '../../support/office';
import { drawQuote } from '../../support/quotes';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Who may open what in the back office, WRITTEN OUT BY HAND (not derived from the manifest or the
 * access rules: this table is what they must agree with).
 *
 * The people: agent = Alex (team north), supervisor = Sam (north), manager = Maria,
 * finance = Finn. Records:
 * - lead "own": assigned to Alex (so Sam's team's); lead "other": assigned to Bea (team south).
 * - staff "own": the caller's own entry; staff "other": Bea's entry (agent, south).
 * - invoice "own": of an account Alex owns (team north); invoice "other": of Bea's account.
 * Posts carry a valid CSRF token and change nothing (an assignment to the current owner; forms
 * that fail validation), so the table tests access, not side effects.
 *
 * Decisions: agents, supervisors and managers enter leads (New lead); the directory list is for supervisors (their team) and managers (everyone); every
 * role may open their own entry ("My profile"); only managers add or edit entries, and only
 * managers see and change the settings. Managers and finance look after the outbox's uncertain
 * and failed messages. Finance has no lead access. Finance and managers read every invoice;
 * agents their accounts', supervisors their team's. Agents record the cash and cheques they
 * collect on their own accounts; finance and managers record any payment and write off; whoever
 * sees an account may put it on hold. A record one may not see is answered 404, a route one's
 * role may not use 403, no session 401.
 */

type Who = 'agent' | 'supervisor' | 'manager' | 'finance';
type RecordKind = 'none' | 'own' | 'other';

interface Row {
  route: string;
  record: RecordKind;
  expected: Record<Who, number>;
}

const all = (status: number) => ({
  agent: status,
  supervisor: status,
  manager: status,
  finance: status,
});

const matrix: Row[] = [
  { route: 'GET /office', record: 'none', expected: all(200) },
  {
    route: 'GET /office/leads',
    record: 'none',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/leads/new',
    record: 'none',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    // A form without fields: refused as incomplete, nothing entered.
    route: 'POST /office/leads/new',
    record: 'none',
    expected: { agent: 400, supervisor: 400, manager: 400, finance: 403 },
  },
  {
    route: 'GET /office/leads/{leadId}',
    record: 'own',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/leads/{leadId}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/assign',
    record: 'own',
    expected: { agent: 403, supervisor: 303, manager: 303, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/assign',
    record: 'other',
    expected: { agent: 403, supervisor: 404, manager: 303, finance: 403 },
  },
  {
    // A stale version: refused as changed meanwhile, so nothing is logged.
    route: 'POST /office/leads/{leadId}/first-contact',
    record: 'own',
    expected: { agent: 409, supervisor: 409, manager: 409, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/first-contact',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 409, finance: 403 },
  },
  {
    // Without the version and a reason: refused as incomplete, so nothing is lost.
    route: 'POST /office/leads/{leadId}/lost',
    record: 'own',
    expected: { agent: 400, supervisor: 400, manager: 400, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/lost',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 400, finance: 403 },
  },
  {
    // These leads wait for no review: a post without a decision is refused as incomplete.
    route: 'POST /office/leads/{leadId}/review',
    record: 'own',
    expected: { agent: 403, supervisor: 400, manager: 400, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/review',
    record: 'other',
    expected: { agent: 403, supervisor: 404, manager: 400, finance: 403 },
  },
  {
    route: 'GET /office/staff',
    record: 'none',
    expected: { agent: 403, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/staff/new',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 403 },
  },
  {
    route: 'POST /office/staff/new',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
  { route: 'GET /office/staff/{staffId}', record: 'own', expected: all(200) },
  {
    route: 'GET /office/staff/{staffId}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 404 },
  },
  {
    route: 'POST /office/staff/{staffId}',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
  {
    route: 'POST /office/staff/{staffId}',
    record: 'other',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
  {
    route: 'GET /office/outbox',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    // No such message: nothing to confirm or send.
    route: 'POST /office/outbox/{messageRef}/confirm',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 404, finance: 404 },
  },
  {
    route: 'POST /office/outbox/{messageRef}/resend',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 404, finance: 404 },
  },
  {
    route: 'POST /office/outbox/{messageRef}/clear-address',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 404, finance: 404 },
  },
  {
    route: 'GET /office/job-items',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    // No such item open: nothing to do, back to the list (as after a double click).
    route: 'POST /office/job-items/{itemRef}/retry',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 303, finance: 303 },
  },
  {
    route: 'POST /office/job-items/{itemRef}/dismiss',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 303, finance: 303 },
  },
  {
    // "own": an invoice of Alex's account (team north); "other": one of Bea's (team south).
    route: 'GET /office/invoices/{number}',
    record: 'own',
    expected: all(200),
  },
  {
    route: 'GET /office/invoices/{number}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 200 },
  },
  { route: 'GET /office/invoices/{number}/pdf', record: 'own', expected: all(200) },
  {
    route: 'GET /office/invoices/{number}/pdf',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 200 },
  },
  // The lookup form: the invoice's page then decides (the rows above).
  { route: 'GET /office/invoices', record: 'none', expected: all(200) },
  // Everyone sees the arrears list; it lists only the invoices one may read (office-arrears test).
  { route: 'GET /office/arrears', record: 'none', expected: all(200) },
  {
    route: 'GET /office/settings',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 403 },
  },
  {
    route: 'POST /office/settings',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
  {
    route: 'GET /office/settings/api-keys',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 403 },
  },
  {
    // No name: refused, no key made.
    route: 'POST /office/settings/api-keys',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 403 },
  },
  {
    // A key that does not exist: nothing to revoke.
    route: 'POST /office/settings/api-keys/{keyId}/revoke',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 404, finance: 403 },
  },
  // Quotes: drawn up by the manager for the "own" lead (Alex's) and the "other" (Bea's); both
  // without special terms, so no decision is awaited and a decision post is refused (409).
  {
    route: 'GET /office/leads/{leadId}/quotes/new',
    record: 'own',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/leads/{leadId}/quotes/new',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 403 },
  },
  {
    // A form without its entry key: refused, nothing drawn up.
    route: 'POST /office/leads/{leadId}/quotes/new',
    record: 'own',
    expected: { agent: 400, supervisor: 400, manager: 400, finance: 403 },
  },
  {
    route: 'POST /office/leads/{leadId}/quotes/new',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 400, finance: 403 },
  },
  {
    route: 'GET /office/quotes/{quoteId}',
    record: 'own',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/quotes/{quoteId}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 403 },
  },
  {
    route: 'POST /office/quotes/{quoteId}/decision',
    record: 'own',
    expected: { agent: 403, supervisor: 409, manager: 409, finance: 403 },
  },
  {
    route: 'POST /office/quotes/{quoteId}/decision',
    record: 'other',
    expected: { agent: 403, supervisor: 404, manager: 409, finance: 403 },
  },
  // Contracts: drafted from accepted quotes of Alex ("own", team north) and Bea ("other", south),
  // waiting for their documents. Finance does no contract work. An upload sent as a plain form
  // is refused (415), a decision without its level (400), a resubmission or correction of a
  // contract that was not returned (409): nothing changes.
  {
    route: 'GET /office/contracts',
    record: 'none',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/contracts/{contractId}',
    record: 'own',
    expected: { agent: 200, supervisor: 200, manager: 200, finance: 403 },
  },
  {
    route: 'GET /office/contracts/{contractId}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 403 },
  },
  {
    // No such document on the contract: 404 for whoever may see the contract.
    route: 'GET /office/contracts/{contractId}/documents/{fileId}',
    record: 'own',
    expected: { agent: 404, supervisor: 404, manager: 404, finance: 403 },
  },
  {
    route: 'POST /office/contracts/{contractId}/documents',
    record: 'own',
    expected: { agent: 415, supervisor: 415, manager: 415, finance: 403 },
  },
  {
    route: 'POST /office/contracts/{contractId}/documents',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 415, finance: 403 },
  },
  {
    route: 'POST /office/contracts/{contractId}/approval',
    record: 'own',
    expected: { agent: 403, supervisor: 400, manager: 400, finance: 403 },
  },
  {
    route: 'POST /office/contracts/{contractId}/approval',
    record: 'other',
    expected: { agent: 403, supervisor: 404, manager: 400, finance: 403 },
  },
  {
    route: 'POST /office/contracts/{contractId}/resubmit',
    record: 'own',
    expected: { agent: 409, supervisor: 409, manager: 409, finance: 403 },
  },
  {
    route: 'POST /office/contracts/{contractId}/resubmit',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 409, finance: 403 },
  },
  // Correcting a contract: only a returned one (409 for these, waiting for their documents).
  {
    route: 'GET /office/contracts/{contractId}/edit',
    record: 'own',
    expected: { agent: 409, supervisor: 409, manager: 409, finance: 403 },
  },
  {
    route: 'GET /office/contracts/{contractId}/edit',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 409, finance: 403 },
  },
  {
    route: 'POST /office/contracts/{contractId}/edit',
    record: 'own',
    expected: { agent: 409, supervisor: 409, manager: 409, finance: 403 },
  },
  {
    route: 'POST /office/contracts/{contractId}/edit',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 409, finance: 403 },
  },
  // Accounts: those of the invoices above (Alex's, Bea's). Finance reads every account.
  { route: 'GET /office/accounts/{accountId}', record: 'own', expected: all(200) },
  {
    route: 'GET /office/accounts/{accountId}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 200 },
  },
  // Holds: whoever may see the account may hold it (agents their own, supervisors their team's,
  // finance and managers every one); another's account is not found (404), as on its page. A
  // form without its fields is refused (400), nothing held or lifted.
  { route: 'POST /office/accounts/{accountId}/holds', record: 'own', expected: all(400) },
  {
    route: 'POST /office/accounts/{accountId}/holds',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 400, finance: 400 },
  },
  { route: 'POST /office/accounts/{accountId}/holds/lift', record: 'own', expected: all(400) },
  {
    route: 'POST /office/accounts/{accountId}/holds/lift',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 400, finance: 400 },
  },
  // An account's statements are read like the account; these accounts have none made yet, so
  // a statement's PDF is not found for anyone.
  { route: 'GET /office/accounts/{accountId}/statements', record: 'own', expected: all(200) },
  {
    route: 'GET /office/accounts/{accountId}/statements',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 200 },
  },
  {
    route: 'GET /office/accounts/{accountId}/statements/{month}/pdf',
    record: 'own',
    expected: all(404),
  },
  // Payments: finance and managers record them on any account; an agent the cash and cheques
  // they collect, on their own accounts (another's is 404). A post without its entry key is
  // refused, nothing recorded; a payment's page is read like its account. The payments shown
  // were recorded on the accounts above (1.00 each).
  {
    route: 'GET /office/accounts/{accountId}/payments/new',
    record: 'own',
    expected: { agent: 200, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'GET /office/accounts/{accountId}/payments/new',
    record: 'other',
    expected: { agent: 404, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'POST /office/accounts/{accountId}/payments',
    record: 'own',
    expected: { agent: 400, supervisor: 403, manager: 400, finance: 400 },
  },
  {
    route: 'POST /office/accounts/{accountId}/payments',
    record: 'other',
    expected: { agent: 404, supervisor: 403, manager: 400, finance: 400 },
  },
  {
    route: 'GET /office/accounts/{accountId}/payments/{paymentId}',
    record: 'own',
    expected: all(200),
  },
  {
    route: 'GET /office/accounts/{accountId}/payments/{paymentId}',
    record: 'other',
    expected: { agent: 404, supervisor: 404, manager: 200, finance: 200 },
  },
  // Credit notes: finance and managers, for any invoice (a post without its entry key is refused,
  // nothing issued).
  {
    route: 'GET /office/invoices/{number}/credit-notes/new',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'GET /office/invoices/{number}/credit-notes/new',
    record: 'other',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'POST /office/invoices/{number}/credit-notes',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 400 },
  },
  {
    route: 'POST /office/invoices/{number}/credit-notes',
    record: 'other',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 400 },
  },
  // Write-offs are finance's and managers': a post without its entry key is refused, nothing
  // written off.
  {
    route: 'GET /office/accounts/{accountId}/write-offs/new',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'GET /office/accounts/{accountId}/write-offs/new',
    record: 'other',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'POST /office/accounts/{accountId}/write-offs',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 400 },
  },
  {
    route: 'POST /office/accounts/{accountId}/write-offs',
    record: 'other',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 400 },
  },
  {
    route: 'GET /office/payments/import',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    // A statement is uploaded as multipart: a plain form is refused (415), nothing imported.
    route: 'POST /office/payments/import',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 415, finance: 415 },
  },
  {
    // No import has this id: the page is refused (404) to whoever may see imports.
    route: 'GET /office/payments/imports/{importId}',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 404, finance: 404 },
  },
  // Charges: the account's agent, finance and managers record them (a post without its fields is
  // refused, nothing recorded); finance and managers import files.
  {
    route: 'GET /office/accounts/{accountId}/charges/new',
    record: 'own',
    expected: { agent: 200, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'GET /office/accounts/{accountId}/charges/new',
    record: 'other',
    expected: { agent: 404, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'POST /office/accounts/{accountId}/charges',
    record: 'own',
    expected: { agent: 400, supervisor: 403, manager: 400, finance: 400 },
  },
  {
    route: 'POST /office/accounts/{accountId}/charges',
    record: 'other',
    expected: { agent: 404, supervisor: 403, manager: 400, finance: 400 },
  },
  {
    route: 'GET /office/charges/import',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    // Charges are uploaded as multipart: a plain form is refused (415), nothing imported.
    route: 'POST /office/charges/import',
    record: 'none',
    expected: { agent: 403, supervisor: 403, manager: 415, finance: 415 },
  },
  // Voiding a charge not yet billed: finance and managers (no such charge here: 404).
  {
    route: 'GET /office/accounts/{accountId}/charges/{chargeId}/void',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 404, finance: 404 },
  },
  {
    route: 'POST /office/accounts/{accountId}/charges/{chargeId}/void',
    record: 'other',
    expected: { agent: 403, supervisor: 403, manager: 404, finance: 404 },
  },
  // Reversing a mis-posted payment: finance and managers (a post without its form: 400, nothing
  // reversed).
  {
    route: 'GET /office/accounts/{accountId}/payments/{paymentId}/reversal',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'GET /office/accounts/{accountId}/payments/{paymentId}/reversal',
    record: 'other',
    expected: { agent: 403, supervisor: 403, manager: 200, finance: 200 },
  },
  {
    route: 'POST /office/accounts/{accountId}/payments/{paymentId}/reversal',
    record: 'own',
    expected: { agent: 403, supervisor: 403, manager: 400, finance: 400 },
  },
];

const cloud = inject('localCloud');
const people: Record<Who, string> = {
  agent: seeded.agentNorth,
  supervisor: seeded.supervisorNorth,
  manager: seeded.manager,
  finance: seeded.finance,
};

let sessions: Record<Who, StaffSession>;
let csrf: Record<Who, string>;
let staffIds: Record<Who | 'bea', string>;
let leads: { own: string; other: string };
let invoices: { own: string; other: string };
let quotes: { own: string; other: string };
let contracts: { own: string; other: string };
let accounts: { own: string; other: string };
let payments: { own: string; other: string };

beforeAll(async () => {
  const [agent, supervisor, manager, finance] = await Promise.all(
    (['agent', 'supervisor', 'manager', 'finance'] as const).map((who) =>
      signInAs(cloud, people[who]),
    ),
  );
  sessions = { agent, supervisor, manager, finance } as Record<Who, StaffSession>;
  const tokens = await Promise.all(Object.values(sessions).map(csrfOf));
  csrf = {
    agent: tokens[0],
    supervisor: tokens[1],
    manager: tokens[2],
    finance: tokens[3],
  } as Record<Who, string>;
  const ids = await Promise.all(
    [...Object.values(people), seeded.agentSouth].map((email) =>
      staffIdOf(sessions.manager, email),
    ),
  );
  staffIds = {
    agent: ids[0],
    supervisor: ids[1],
    manager: ids[2],
    finance: ids[3],
    bea: ids[4],
  } as Record<Who | 'bea', string>;
  const word = uniqueWord();
  leads = {
    own: await submitLead(cloud, { name: 'Own Lead', email: `own.${word}@example.org` }),
    other: await submitLead(cloud, { name: 'Other Lead', email: `other.${word}@example.org` }),
  };
  expect((await assignLead(sessions.manager, leads.own, staffIds.agent)).status).toBe(303);
  expect((await assignLead(sessions.manager, leads.other, staffIds.bea)).status).toBe(303);
  const [ownInvoice, otherInvoice] = await Promise.all([
    accountWithInvoice(cloud, { staffId: staffIds.agent, team: 'north' }),
    accountWithInvoice(cloud, { staffId: staffIds.bea, team: 'south' }),
  ]);
  invoices = { own: ownInvoice.invoiceNumber, other: otherInvoice.invoiceNumber };
  accounts = { own: ownInvoice.accountId, other: otherInvoice.accountId };
  const [ownPayment, otherPayment] = await Promise.all(
    [accounts.own, accounts.other].map(async (accountId) => {
      const response = await sessions.finance.fetch('/payments', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `matrix-${accountId}` },
        body: JSON.stringify({
          accountId,
          amount: '1.00',
          currency: 'EUR',
          date: '2026-01-15',
          method: 'cash',
          reference: 'Role matrix',
        }),
      });
      expect(response.status).toBe(201);
      return ((await response.json()) as { paymentId: string }).paymentId;
    }),
  );
  payments = { own: String(ownPayment), other: String(otherPayment) };
  const [ownContract, otherContract] = await Promise.all(
    [seeded.agentNorth, seeded.agentSouth].map(async (agentEmail) => {
      const { quoteId } = await acceptedQuote(cloud, {
        legalName: `Matrix ${uniqueWord()} Ltd`,
        email: `contract.${uniqueWord()}@example.org`,
        agentEmail,
      });
      return (await startContractFor(cloud, quoteId)).contractId;
    }),
  );
  contracts = { own: String(ownContract), other: String(otherContract) };
  const [ownQuote, otherQuote] = await Promise.all([
    drawQuote(sessions.manager, leads.own),
    drawQuote(sessions.manager, leads.other),
  ]);
  quotes = { own: ownQuote.quoteId, other: otherQuote.quoteId };
});

function pathOf(route: string, record: RecordKind, who: Who): string {
  const path = route.split(' ')[1] ?? '';
  const staffId = record === 'own' ? staffIds[who] : staffIds.bea;
  return path
    .replace('{leadId}', record === 'other' ? leads.other : leads.own)
    .replace('{staffId}', staffId)
    .replace('{number}', record === 'other' ? invoices.other : invoices.own)
    .replace('{quoteId}', record === 'other' ? quotes.other : quotes.own)
    .replace('{contractId}', record === 'other' ? contracts.other : contracts.own)
    .replace('{fileId}', 'none.pdf')
    .replace('{paymentId}', record === 'other' ? payments.other : payments.own)
    .replace('{chargeId}', 'CHG-01ARZ3NDEKTSV4RRFFQ69G5FAV')
    .replace('{accountId}', record === 'other' ? accounts.other : accounts.own)
    .replace('{month}', '2039-01')
    .replace('{importId}', '01KN0000000000000000000000')
    .replace('{messageRef}', 'T1VUQk9YI25vLXN1Y2gtbWVzc2FnZQ')
    .replace('{itemRef}', 'YmlsbGluZyNuby1zdWNoLWl0ZW0') // billing#no-such-item
    .replace('{keyId}', '01JV0000000000000000000000');
}

function formFor(route: string, record: RecordKind, who: Who): Record<string, string> {
  if (route === 'POST /office/leads/{leadId}/assign') {
    // The lead's current owner again: allowed or not, nothing changes.
    return {
      csrf: csrf[who],
      version: '2',
      agentId: record === 'own' ? staffIds.agent : staffIds.bea,
    };
  }
  if (route === 'POST /office/leads/{leadId}/first-contact')
    return { csrf: csrf[who], version: '1' };
  return { csrf: csrf[who] };
}

describe('back office role matrix', () => {
  it('every /office route of the manifest is in the matrix', () => {
    const declared = manifest.routes
      .filter((r) => r.path.startsWith('/office') && r.access.kind === 'staff')
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect([...new Set(matrix.map((r) => r.route))].sort()).toEqual(declared);
  });

  for (const row of matrix) {
    for (const who of ['agent', 'supervisor', 'manager', 'finance'] as const) {
      it(`${row.route} (${row.record}) as ${who} → ${row.expected[who]}`, async () => {
        const path = pathOf(row.route, row.record, who);
        const response = row.route.startsWith('POST')
          ? await postForm(sessions[who], path, formFor(row.route, row.record, who))
          : await sessions[who].fetch(path, { headers: { accept: 'text/html' } });
        expect(response.status).toBe(row.expected[who]);
      });
    }
  }

  it('the lead assignments above changed nothing', async () => {
    const page = await (
      await sessions.manager.fetch(`/office/leads/${leads.other}`, {
        headers: { accept: 'text/html' },
      })
    ).text();
    expect(page).toContain('Bea Agent (team south)');
    expect(page.match(/Assigned to /g)?.length).toBe(1);
  });

  it('every staff route refuses a call without a session (401)', async () => {
    for (const row of matrix) {
      const [method] = row.route.split(' ');
      const response = await fetch(`${cloud.gatewayUrl}${pathOf(row.route, row.record, 'agent')}`, {
        method,
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        ...(method === 'POST' ? { body: 'csrf=x' } : {}),
      });
      expect(response.status, row.route).toBe(401);
    }
  });

  it('serves the stylesheet to anyone', async () => {
    const response = await fetch(`${cloud.gatewayUrl}/office/assets/desk.css`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/css');
    expect(await response.text()).toContain('.skip-link');
  });
});
