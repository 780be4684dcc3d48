import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Contract } from '../../../functions/contracts/rules/contract';
import { contractStore } from '../../../functions/contracts/store/contracts';
import {
  acceptedQuote,
  emailMatching,
  multipartForm,
  pdfBytes,
  startContractFor,
} from '../../support/contracts';
import { uniqueAddress } from '../../support/local-cloud-clients';
import { fieldValue, postForm, seeded, uniqueWord } from '../../support/office';
import { localTable } from '../../support/staff-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * A contract its supervisor returned is corrected by its agent (a bad field is refused naming it,
 * a stale edit is refused, nothing changes either time), resubmitted, and its next approver's
 * page shows what changed since it was returned.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const contracts = contractStore(table);
let agent: StaffSession;
let supervisor: StaffSession;

beforeAll(async () => {
  [agent, supervisor] = (await Promise.all(
    [seeded.agentNorth, seeded.supervisorNorth].map((e) => signInAs(cloud, e)),
  )) as [StaffSession, StaffSession];
});

afterAll(() => table.client.destroy());

const page = async (session: StaffSession, path: string) => {
  const response = await session.fetch(path, { headers: { accept: 'text/html' } });
  return { status: response.status, text: await response.text() };
};

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** The edit form's fields as the contract holds them. */
const formOf = (c: Contract, csrf: string): Record<string, string> => ({
  csrf,
  version: String(c.version),
  legalName: c.customer.legalName,
  contactName: c.customer.contactName,
  email: c.customer.email,
  phone: c.customer.phone ?? '',
  addressLines: c.customer.addressLines.join('\n'),
  taxId: c.customer.taxId ?? '',
  country: c.customer.country,
  startDate: c.startDate,
  termMonths: String(c.termMonths),
  billingPlan: c.billingPlan,
  paymentTerms: c.paymentTerms.kind,
  paymentDays: c.paymentTerms.kind === 'net' ? String(c.paymentTerms.days) : '',
  renewal: c.renewal,
});

describe('correcting a returned contract', () => {
  it('is edited by its agent, resubmitted, and its approver sees what changed', async () => {
    const legalName = `Corrected ${uniqueWord()} Ltd`;
    const email = uniqueAddress('corrected-contract');
    const { quoteId } = await acceptedQuote(cloud, { legalName, email });
    const { contractId } = await startContractFor(cloud, quoteId);
    await emailMatching(cloud, email, (s) => s.startsWith('Documents needed'));
    const path = `/office/contracts/${contractId}`;
    const csrf = fieldValue((await page(agent, path)).text, 'csrf') ?? '';

    // Not returned yet: nothing to correct.
    expect((await page(agent, `${path}/edit`)).status).toBe(409);

    const uploaded = await agent.fetch(`${path}/documents`, {
      method: 'POST',
      body: multipartForm(
        { csrf, documentType: 'business-licence', legalName },
        {
          name: 'file',
          fileName: 'licence.pdf',
          contentType: 'application/pdf',
          bytes: pdfBytes(),
        },
      ),
    });
    expect(uploaded.status).toBe(303);
    const supervisorView = await waitFor(
      () => page(supervisor, path),
      (p) => p.text.includes('Your decision (supervisor)'),
    );
    const rejected = await postForm(supervisor, `${path}/approval`, {
      csrf: fieldValue(supervisorView.text, 'csrf') ?? '',
      level: 'supervisor',
      round: '1',
      decision: 'reject',
      reason: 'Starts a month too early',
    });
    expect(rejected.status).toBe(303);
    const returned = (await waitFor(
      () => contracts.get(contractId),
      (c) => c?.status === 'returned',
    )) as Contract;

    // The form shows the contract as it is.
    const form = await page(agent, `${path}/edit`);
    expect(form.status).toBe(200);
    expect(fieldValue(form.text, 'contactName')).toBe(returned.customer.contactName);
    expect(form.text).toContain('Starts a month too early');

    const later =
      DateTime.fromISO(returned.startDate, { zone: 'UTC' }).plus({ months: 1 }).toISODate() ?? '';
    const good = {
      ...formOf(returned, csrf),
      contactName: 'Dana Correct',
      startDate: later,
    };

    const bad = await postForm(agent, `${path}/edit`, { ...good, email: 'not an address' });
    expect(bad.status).toBe(400);
    const badText = await bad.text();
    expect(badText).toContain('Email must be an email address');
    expect(badText).toContain('aria-invalid="true"');
    expect((await contracts.get(contractId))?.version).toBe(returned.version);

    const stale = await postForm(agent, `${path}/edit`, {
      ...good,
      version: String(returned.version - 1),
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('reload it');
    expect((await contracts.get(contractId))?.version).toBe(returned.version);

    const saved = await postForm(agent, `${path}/edit`, good);
    expect(saved.status).toBe(303);
    const corrected = await contracts.get(contractId);
    expect(corrected?.customer.contactName).toBe('Dana Correct');
    expect(corrected?.startDate).toBe(later);
    expect(corrected?.version).toBe(returned.version + 1);
    const timeline = await contracts.timeline(contractId);
    expect(timeline.find((e) => e.step === 'contract-corrected')?.summary).toContain(
      `Contact name "${returned.customer.contactName}" → "Dana Correct"`,
    );

    // The edit the agent made from the old page is now stale.
    const again = await postForm(agent, `${path}/edit`, { ...good, contactName: 'Someone' });
    expect(again.status).toBe(409);

    const returnedView = await page(agent, path);
    const resubmitted = await postForm(agent, `${path}/resubmit`, {
      csrf,
      version: fieldValue(returnedView.text, 'version') ?? '',
    });
    expect(resubmitted.status).toBe(303);
    const nextRound = await waitFor(
      () => page(supervisor, path),
      (p) => p.text.includes('Your decision (supervisor)'),
    );
    expect(nextRound.text).toContain('submission 2');
    expect(nextRound.text).toContain('What changed since it was returned');
    expect(nextRound.text).toContain(
      `Contact name: ${returned.customer.contactName} → Dana Correct`,
    );
    expect(nextRound.text).toContain(`Start date: ${returned.startDate} → ${later}`);
  });
});
