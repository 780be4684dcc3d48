import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { accountStore } from '../../../functions/accounts/store/accounts';
import { invoiceNumberStore } from '../../../functions/invoicing/store/invoice-numbers';
import { invoiceStore } from '../../../functions/invoicing/store/invoices';
import { chargesInvoiceDraft } from '../../../functions/payments/charges';
import { chargesRequestKey } from '../../../functions/payments/rules/charges';
import { chargeStore } from '../../../functions/payments/store/charges';
import {
  at,
  billingEnvironment,
  billingRunner,
  invoicesEmailedTo,
  invoicesOf,
  signedContract,
  zone,
} from '../../support/billing-fixtures';
import {
  csrfOf,
  decodeEntities,
  fieldValue,
  postForm,
  seeded,
  staffIdOf,
} from '../../support/office';
import { localTable } from '../../support/payment-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * Usage and miscellaneous charges on the local cloud: recorded by staff in the back office or
 * from a CSV file (once per reference), then invoiced by the billing run on the 13th of the next
 * month, one invoice per account and month, each line a charge, emailed once. Each account has a
 * one-off contract (its first invoice at signing), so its charges invoice is its second. Dates
 * are in 2036, this file's own months.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const { env, close } = billingEnvironment(cloud, table);
const ours = new Set<string>();
const billingRun = billingRunner(env, ours);
const charges = chargeStore(table);
let owner: { staffId: string; team: string };
let finance: StaffSession;
let agentSouth: StaffSession;
let financeCsrf: string;

beforeAll(async () => {
  const manager = await signInAs(cloud, seeded.manager);
  owner = { staffId: await staffIdOf(manager, seeded.agentNorth), team: 'north' };
  finance = await signInAs(cloud, seeded.finance);
  agentSouth = await signInAs(cloud, seeded.agentSouth);
  financeCsrf = await csrfOf(finance);
});

afterAll(() => {
  close();
  table.client.destroy();
});

async function account(signedOn: string) {
  const c = await signedContract(env, {
    owner,
    plan: 'one-off',
    prepaid: false,
    startDate: signedOn,
    termMonths: 12,
    signedOn,
  });
  ours.add(c.accountId);
  return c;
}

const charge = (over: Record<string, string>) => ({
  date: '2036-03-05',
  description: 'Extra placement',
  quantity: '2',
  unitPrice: '25.00',
  taxRatePercent: '24',
  currency: 'EUR',
  kind: 'usage',
  reference: `JOB-${Math.random().toString(36).slice(2, 8)}`,
  ...over,
});

function upload(csv: string) {
  const form = new FormData();
  form.set('csrf', financeCsrf);
  form.set('file', new Blob([csv], { type: 'text/csv' }), 'charges.csv');
  return finance.fetch('/office/charges/import', {
    method: 'POST',
    headers: { accept: 'text/html' },
    body: form,
  });
}

const header = 'account,date,description,quantity,unit_price,tax_rate,currency,kind,reference';

describe('charges', () => {
  it('recorded on the account page are billed once by the run on the 13th of the next month', async () => {
    const a = await account('2036-02-02');
    const path = `/office/accounts/${a.accountId}/charges`;
    const page = await finance.fetch(`${path}/new`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const first = charge({ reference: 'MTR-0305' });
    expect((await postForm(finance, path, { csrf: financeCsrf, ...first })).status).toBe(303);
    // The same form posted twice records one charge.
    expect((await postForm(finance, path, { csrf: financeCsrf, ...first })).status).toBe(303);
    const second = charge({
      date: '2036-03-31',
      description: 'Call-out fee',
      quantity: '1',
      unitPrice: '80.00',
      kind: 'misc',
      reference: 'JS-77',
    });
    expect((await postForm(finance, path, { csrf: financeCsrf, ...second })).status).toBe(303);
    const listed = await (
      await finance.fetch(`${path}/new`, { headers: { accept: 'text/html' } })
    ).text();
    expect(listed).toContain('MTR-0305');
    expect(listed).toContain('Not billed yet');

    const run = billingRun('charges');
    await run('2036-04-12');
    expect(await invoicesOf(table, a.accountId)).toHaveLength(1);
    await run('2036-04-13');
    const [, invoice] = await invoicesOf(table, a.accountId);
    // 2 × 25.00 + 24 % = 62.00; 80.00 + 24 % = 99.20.
    expect(invoice).toMatchObject({
      issueDate: '2036-04-13',
      dueDate: '2036-05-13',
      period: '2036-03-01..2036-03-31',
      totalMinor: 16_120,
    });
    const stored = await invoiceStore(table).get(invoice?.number ?? '');
    expect(stored?.lines.map((l) => l.service)).toEqual([
      '2036-03-05 Extra placement (MTR-0305)',
      '2036-03-31 Call-out fee (JS-77)',
    ]);
    // Run again, and by a second job for the same date: nothing more.
    await run('2036-04-14');
    await billingRun('charges-again')('2036-04-13');
    const all = await invoicesOf(table, a.accountId);
    expect(all).toHaveLength(2);
    expect(await invoicesEmailedTo(cloud, a.email)).toEqual(all.map((i) => i.number));
    const after = await (
      await finance.fetch(`${path}/new`, { headers: { accept: 'text/html' } })
    ).text();
    expect(after).toContain(invoice?.number);
  });

  it('a form with bad fields names each and records nothing; another agent’s account is not found', async () => {
    const a = await account('2036-02-03');
    const path = `/office/accounts/${a.accountId}/charges`;
    const bad = await postForm(finance, path, {
      csrf: financeCsrf,
      ...charge({ date: '2036-02-30', quantity: '-1', unitPrice: '1.999', reference: '' }),
    });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain('Date: is not a date (YYYY-MM-DD)');
    expect(page).toContain('Quantity: is not a number');
    expect(page).toContain('Reference: is required');
    expect(await charges.ofAccount(a.accountId, 10)).toEqual([]);
    const other = await agentSouth.fetch(`${path}/new`, { headers: { accept: 'text/html' } });
    expect(other.status).toBe(404);
  });

  it('a CSV imported twice adds nothing; a file with a bad row is refused whole, naming it', async () => {
    const a = await account('2036-02-04');
    const b = await account('2036-02-04');
    const csv = [
      header,
      `${a.accountId},2036-03-10,Data overage,1.5,10.00,24,EUR,usage,IMP-1`,
      `${b.accountId},2036-03-11,Setup,1,50.00,24,EUR,misc,IMP-1`,
    ].join('\n');
    const first = await upload(csv);
    const summary = await first.text();
    expect(first.status, summary).toBe(200);
    expect(summary).toMatch(/Recorded: <strong>2</);
    const again = await (await upload(csv)).text();
    expect(again).toMatch(/Recorded: <strong>0</);
    expect(again).toMatch(/Already recorded: <strong>2</);
    expect(await charges.ofAccount(a.accountId, 10)).toHaveLength(1);

    const refused = await upload(
      [
        header,
        `${a.accountId},2036-03-12,Fine row,1,1.00,24,EUR,usage,IMP-2`,
        `ACC-NOBODY,2036-03-12,Unknown,1,1.00,24,EUR,usage,IMP-3`,
        `${b.accountId},2036-03-12,Bad kind,1,1.00,24,EUR,gift,IMP-4`,
        `${a.accountId},2036-03-12,Changed,1,2.00,24,EUR,usage,IMP-1`,
      ].join('\n'),
    );
    expect(refused.status).toBe(400);
    const problems = await refused.text();
    expect(problems).toContain('Row 3, account: there is no account ACC-NOBODY');
    expect(problems).toContain('Row 4, kind: is not one of usage, misc');
    expect(problems).toContain(
      'Row 5, reference: &quot;IMP-1&quot; is already used by another charge of this account',
    );
    expect(await charges.ofAccount(a.accountId, 10)).toHaveLength(1);

    const run = billingRun('imported');
    await run('2036-04-13');
    expect(await invoicesOf(table, a.accountId)).toHaveLength(2);
    expect(await invoicesOf(table, b.accountId)).toHaveLength(2);
  });

  it('an invoice issued by a run that stopped before its email is emailed once by the next', async () => {
    const a = await account('2036-02-05');
    const path = `/office/accounts/${a.accountId}/charges`;
    const posted = charge({ date: '2036-05-20', reference: 'CRASH-1' });
    expect((await postForm(finance, path, { csrf: financeCsrf, ...posted })).status).toBe(303);
    // The stopped run: the invoice numbered with its charges marked billed, nothing after.
    const [stored] = await charges.pendingOf(a.accountId, '2036-05', 'EUR');
    const profile = await accountStore(table).get(a.accountId);
    if (!stored || !profile) throw new Error('charge or account missing');
    const requestKey = chargesRequestKey(a.accountId, '2036-05', 'EUR', [stored.chargeId]);
    const { invoice } = await invoiceNumberStore(table).issueInvoice(
      chargesInvoiceDraft(profile, [stored], '2036-05', 'EUR', { kind: 'net', days: 30 }),
      requestKey,
      at('2036-06-13', '06:30'),
      zone,
      { companions: async () => ({ items: charges.billedWrites([stored], requestKey) }) },
    );
    expect(await invoicesEmailedTo(cloud, a.email)).toHaveLength(1); // the first invoice only

    await billingRun('after-crash')('2036-06-13');
    const all = await invoicesOf(table, a.accountId);
    expect(all.map((i) => i.number)).toContain(invoice.number);
    expect(all).toHaveLength(2);
    expect(await invoicesEmailedTo(cloud, a.email)).toEqual(all.map((i) => i.number));
    expect(await charges.pendingOf(a.accountId, '2036-05', 'EUR')).toEqual([]);
    expect((await charges.ofAccount(a.accountId, 1))[0]?.invoiceNumber).toBe(invoice.number);
  });

  it('in another currency than the account’s are refused at entry; the form offers its currency', async () => {
    // Billed in arrears: no invoice yet, so the account's currency is its contract's.
    const c = await signedContract(env, {
      owner,
      plan: 'monthly',
      prepaid: false,
      startDate: '2036-02-06',
      termMonths: 12,
      signedOn: '2036-02-06',
      currency: 'CNY',
    });
    ours.add(c.accountId);
    const path = `/office/accounts/${c.accountId}/charges`;
    const form = await (
      await finance.fetch(`${path}/new`, { headers: { accept: 'text/html' } })
    ).text();
    expect(fieldValue(form, 'currency')).toBe('CNY');

    const refused = await postForm(finance, path, {
      csrf: financeCsrf,
      ...charge({ currency: 'EUR' }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Currency: the account is kept in CNY, not EUR');
    const file = await upload(
      [header, `${c.accountId},2036-03-10,Overage,1,10.00,24,EUR,usage,CUR-1`].join('\n'),
    );
    expect(file.status).toBe(400);
    expect(await file.text()).toContain('Row 2, currency: the account is kept in CNY, not EUR');
    expect(await charges.ofAccount(c.accountId, 10)).toEqual([]);
    // A payment too: before its first invoice, the account is kept in its contract's currency.
    const payment = await finance.fetch('/payments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `cur-${c.accountId}` },
      body: JSON.stringify({
        accountId: c.accountId,
        amount: '10.00',
        currency: 'EUR',
        date: '2026-01-02',
        method: 'cash',
        reference: 'Wrong currency',
      }),
    });
    expect(payment.status).toBe(400);
    expect(await payment.text()).toContain('the account is kept in CNY, not EUR');

    const kept = await postForm(finance, path, {
      csrf: financeCsrf,
      ...charge({ currency: 'CNY', unitPrice: '12,50' }),
    });
    expect(kept.status).toBe(303);
    expect((await charges.ofAccount(c.accountId, 10))[0]).toMatchObject({
      currency: 'CNY',
      unitPriceMinor: 1_250,
    });
  });

  it('whose line or month would not fit the ledger are refused on the unit price, never billed', async () => {
    const a = await account('2036-02-07');
    const path = `/office/accounts/${a.accountId}/charges`;
    const huge = await postForm(finance, path, {
      csrf: financeCsrf,
      ...charge({ quantity: '1000000', unitPrice: '99999999999.99' }),
    });
    expect(huge.status).toBe(400);
    expect(decodeEntities(await huge.text())).toContain(
      'Unit price: times the quantity, with tax, is too large: the ledger holds at most €90,071,992,547,409.91',
    );
    // Each fits; the month's invoice of both, tax included, would not.
    const half = { quantity: '1', unitPrice: '45000000000000.00', taxRatePercent: '10' };
    expect(
      (
        await postForm(finance, path, {
          csrf: financeCsrf,
          ...charge({ ...half, reference: 'BIG-1' }),
        })
      ).status,
    ).toBe(303);
    const second = await postForm(finance, path, {
      csrf: financeCsrf,
      ...charge({ ...half, reference: 'BIG-2' }),
    });
    expect(second.status).toBe(400);
    expect(decodeEntities(await second.text())).toContain(
      "Unit price: with the account's other charges of the month, the invoice would come to more than the ledger holds",
    );
    const file = await upload(
      [header, `${a.accountId},2036-03-12,Big,1,45000000000000.00,10,EUR,usage,BIG-3`].join('\n'),
    );
    expect(file.status).toBe(400);
    expect(decodeEntities(await file.text())).toContain('Row 2, unit_price: with the account');
    expect((await charges.ofAccount(a.accountId, 10)).map((c) => c.reference)).toEqual(['BIG-1']);
  });

  it('not yet billed is voided once with a reason, audited, and never billed; a billed one is not', async () => {
    const a = await account('2036-02-08');
    const path = `/office/accounts/${a.accountId}/charges`;
    for (const reference of ['VOID-1', 'KEEP-1']) {
      const posted = await postForm(finance, path, { csrf: financeCsrf, ...charge({ reference }) });
      expect(posted.status).toBe(303);
    }
    const [voided] = (await charges.ofAccount(a.accountId, 10)).filter(
      (c) => c.reference === 'VOID-1',
    );
    if (!voided) throw new Error('charge missing');
    const voidPath = `${path}/${voided.chargeId}/void`;
    const listed = await (
      await finance.fetch(`${path}/new`, { headers: { accept: 'text/html' } })
    ).text();
    expect(listed).toContain(voidPath);
    expect((await finance.fetch(voidPath, { headers: { accept: 'text/html' } })).status).toBe(200);

    const noReason = await postForm(finance, voidPath, { csrf: financeCsrf, reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('Reason: say why the charge is voided');
    // A double click: both answered, voided once, one timeline entry.
    const twice = await Promise.all(
      [1, 2].map(() => postForm(finance, voidPath, { csrf: financeCsrf, reason: 'Meter misread' })),
    );
    expect(twice.map((r) => r.status)).toEqual([303, 303]);
    const timeline = await accountStore(table).timeline(a.accountId);
    expect(timeline.filter((e) => e.step === 'charge-voided')).toEqual([
      expect.objectContaining({ summary: expect.stringContaining('voided: Meter misread') }),
    ]);
    const page = await (
      await finance.fetch(`${path}/new`, { headers: { accept: 'text/html' } })
    ).text();
    expect(page).toContain('Voided by Finn');

    await billingRun('voided')('2036-04-13');
    const [, invoice] = await invoicesOf(table, a.accountId);
    const billed = await invoiceStore(table).get(invoice?.number ?? '');
    expect(billed?.lines.map((l) => l.service)).toEqual(['2036-03-05 Extra placement (KEEP-1)']);

    const [kept] = (await charges.ofAccount(a.accountId, 10)).filter(
      (c) => c.reference === 'KEEP-1',
    );
    const late = await postForm(finance, `${path}/${kept?.chargeId}/void`, {
      csrf: financeCsrf,
      reason: 'Too late',
    });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain(`is billed already on ${invoice?.number}`);
  });
});
