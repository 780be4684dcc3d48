import { describe, expect, it } from 'vitest';
import type { MoneyOverview } from '../../../functions/accounts/money-overview';
import { jobItemRef, jobItemsPage } from '../../../functions/daily-job/pages/job-item-pages';
import { dashboardPage } from '../../../functions/desk/pages/dashboard-pages';
import { issueFirstInvoice } from '../../../functions/invoicing/invoices';
import { type ContractBilling, invoiceDraft } from '../../../functions/invoicing/rules/invoice';
import type { StoredInvoice } from '../../../functions/invoicing/store/invoice-numbers';
import { issueCreditNote } from '../../../functions/payments/credit-notes';
import { ValidationError } from '../../../functions/shared/errors';
import { itemRecordOf } from '../../../functions/shared/jobs/item-records';
import type { OpenJobItem } from '../../../functions/shared/jobs/open-items';
import type { Frame } from '../../../functions/shared/office/layout';
import type { StaffPrincipal } from '../../../functions/shared/staff-member';
import {
  type CompanyDetailsSetting,
  defaultCompanyDetails,
  missingCompanyDetails,
} from '../../../functions/staff/settings/company';
import { testCompany } from '../../support/settings';

/**
 * Issue 11, must-have 8: no invoice, credit note or statement with placeholder company details;
 * and the back office's failed job items page.
 */

const frame = (role: StaffPrincipal['role']): Frame => ({
  principal: { staffId: `${role}-1`, name: `Pat ${role}`, email: 'p@desk.local', role, team: 'x' },
  base: '',
  csrf: 'token-1',
});

const billing: ContractBilling = {
  contractId: 'CON-1',
  accountId: 'ACC-1',
  customer: { name: 'Payer GmbH', addressLines: ['1 Hauptstraße'], email: 'payer@example.org' },
  language: 'de',
  currency: 'EUR',
  lines: [
    {
      service: 'Setup',
      quantity: 1,
      unitPriceMinor: 10_000,
      discountPercent: 0,
      taxRatePercent: 19,
    },
  ],
  billingPlan: 'one-off',
  paymentTerms: { kind: 'net', days: 30 },
  startDate: '2026-01-01',
  endDate: '2026-12-31',
};

/** Every store call fails the test: nothing may be numbered, written or sent. */
const untouchable = new Proxy(
  {},
  {
    get: (_target, name) => () => {
      throw new Error(`${String(name)} was called`);
    },
  },
) as never;

describe('the company’s details an invoice needs', () => {
  it('a new desk’s placeholders are all missing', () => {
    expect(missingCompanyDetails(defaultCompanyDetails)).toEqual([
      'legal name',
      'address',
      'tax id',
      'payment details (bank account)',
    ]);
  });

  it('filled in, nothing is missing; blank or left as the placeholder, each is named', () => {
    expect(missingCompanyDetails(testCompany)).toEqual([]);
    const partly: CompanyDetailsSetting = {
      ...testCompany,
      taxId: defaultCompanyDetails.taxId,
      addressLines: ['  '],
      paymentDetails: ' ',
    };
    expect(missingCompanyDetails(partly)).toEqual([
      'address',
      'tax id',
      'payment details (bank account)',
    ]);
  });

  it('a first invoice due now waits, unnumbered, and nothing is written', async () => {
    const deps = {
      numbers: untouchable,
      terms: untouchable,
      documents: untouchable,
      outbox: untouchable,
      sender: 'desk@desk.local',
      zone: 'Europe/Berlin',
      company: defaultCompanyDetails,
    };
    await expect(
      issueFirstInvoice(deps, billing, new Date('2026-01-02T10:00:00Z')),
    ).resolves.toEqual({ invoiceNumber: null, waitingFor: 'company-details' });
  });

  it('a credit note staff ask for is refused, naming what a manager fills in, and none is issued', async () => {
    const invoice = {
      ...invoiceDraft(billing, undefined),
      number: 'INV-2026-000007',
      openMinor: 11_900,
    } as StoredInvoice;
    const table = { name: 'desk', client: { send: async () => ({}) } } as never;
    const refused = issueCreditNote(
      {
        table,
        numbers: untouchable,
        invoices: { get: async () => invoice },
        documents: untouchable,
        outbox: untouchable,
        sender: 'desk@desk.local',
        zone: 'Europe/Berlin',
        company: { ...testCompany, taxId: 'Not set' },
      },
      invoice.number,
      { kind: 'full', reason: 'Billed twice' },
      'office#1',
      'payer@example.org',
      new Date('2026-01-05T10:00:00Z'),
    );
    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toThrow(/its tax id is not filled in yet.*settings page/);
  });
});

describe('the back office while details are missing, and failed job items', () => {
  const money: MoneyOverview = {
    today: '2026-05-04',
    countedFrom: '2024-05-04',
    overdue: [],
    overdueTruncated: false,
    overdueRead: 0,
    attention: { uncertain: 0, failed: 0, more: false },
  };

  it('a manager’s dashboard leads to the settings page and to the job items; finance is told who fills them in', () => {
    const view = {
      money,
      jobItems: { failed: 2, waiting: 1 },
      missingCompanyDetails: ['tax id'],
    };
    const manager = dashboardPage(frame('manager'), 'Europe/Athens', {
      role: 'manager',
      unassigned: 0,
      months: [],
      ...view,
    });
    expect(manager).toContain('href="/office/settings#f-company-legalName"');
    expect(manager).toContain('the company’s tax id is\nfilled in');
    expect(manager).toContain('<a href="/office/job-items">2 failed items</a>');
    expect(manager).toContain('<a href="/office/job-items">1 item waiting</a>');
    const finance = dashboardPage(frame('finance'), 'Europe/Athens', { role: 'finance', ...view });
    expect(finance).not.toContain('/office/settings');
    expect(finance).toContain('a manager fills them in on the settings page');
    const calm = dashboardPage(frame('finance'), 'Europe/Athens', {
      role: 'finance',
      money,
      jobItems: { failed: 0, waiting: 0 },
      missingCompanyDetails: [],
    });
    expect(calm).toContain('Nothing needs a person');
    expect(calm).not.toContain('Invoices wait');
  });

  it('lists a failed item with its job, date, record, reason and attempts, and forms that post with CSRF', () => {
    const failed: OpenJobItem = {
      job: 'billing',
      itemId: 'charges#ACC-9#2026-04#CNY',
      date: '2026-05-13',
      state: 'failed',
      attempts: 5,
      reason: 'CurrencyMismatch: Account ACC-9 is kept in another currency than CNY <b>',
      since: '2026-05-13T04:30:00.000Z',
      lastAttemptAt: '2026-05-17T04:30:00.000Z',
    };
    const waiting: OpenJobItem = {
      ...failed,
      itemId: 'first-invoice#CON-3',
      state: 'waiting',
      attempts: 0,
      reason: 'waits',
    };
    const page = jobItemsPage({
      frame: frame('finance'),
      zone: 'Europe/Athens',
      open: [failed, waiting],
      isFirst: true,
      dismissed: [],
      attemptsPerItem: 5,
      missingCompanyDetails: ['tax id'],
      recordOf: itemRecordOf,
    });
    const ref = jobItemRef('billing', failed.itemId);
    expect(page).toContain('href="/office/accounts/ACC-9">Charges of account ACC-9, 2026-04, CNY');
    expect(page).toContain('than CNY &lt;b&gt;');
    expect(page).toContain('5 of 5<br><strong>left for a person</strong>');
    expect(page).toContain(`action="/office/job-items/${ref}/retry"`);
    expect(page).toContain(`action="/office/job-items/${ref}/dismiss"`);
    expect(page).toContain('name="csrf" value="token-1"');
    // Waiting is no failure: no buttons, its record linked.
    expect(page).toContain('href="/office/contracts/CON-3">First invoice of contract CON-3');
    expect(page).not.toContain(jobItemRef('billing', waiting.itemId));
  });
});
