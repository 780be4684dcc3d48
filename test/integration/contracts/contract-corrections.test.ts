import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { correctionValues } from '../../../functions/contracts/pages/contract-edit-page';
import type { Contract } from '../../../functions/contracts/rules/contract';
import { contractStore } from '../../../functions/contracts/store/contracts';
import {
  acceptedQuote,
  emailMatching,
  linkIn,
  multipartForm,
  officeView,
  pdfBytes,
  startContractFor,
  waitUntil,
} from '../../support/contracts';
import { emailsTo, uniqueAddress } from '../../support/local-cloud-clients';
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

/** The edit form's fields as the contract holds them. */
const formOf = (c: Contract, csrf: string) => ({ csrf, ...correctionValues(c) });

describe('correcting a returned contract', () => {
  it('is edited by its agent, resubmitted, and its approver sees what changed', async () => {
    const legalName = `Corrected ${uniqueWord()} Ltd`;
    const email = uniqueAddress('corrected-contract');
    const { quoteId } = await acceptedQuote(cloud, { legalName, email });
    const { contractId } = await startContractFor(cloud, quoteId);
    await emailMatching(cloud, email, (s) => s.startsWith('Documents needed'));
    const path = `/office/contracts/${contractId}`;
    const csrf = fieldValue((await officeView(agent, path)).text, 'csrf') ?? '';

    // Not returned yet: nothing to correct.
    expect((await officeView(agent, `${path}/edit`)).status).toBe(409);

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
    const supervisorView = await waitUntil(
      () => officeView(supervisor, path),
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
    const returned = (await waitUntil(
      () => contracts.get(contractId),
      (c) => c?.status === 'returned',
    )) as Contract;

    // The form shows the contract as it is.
    const form = await officeView(agent, `${path}/edit`);
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

    const returnedView = await officeView(agent, path);
    const resubmitted = await postForm(agent, `${path}/resubmit`, {
      csrf,
      version: fieldValue(returnedView.text, 'version') ?? '',
    });
    expect(resubmitted.status).toBe(303);
    const nextRound = await waitUntil(
      () => officeView(supervisor, path),
      (p) => p.text.includes('Your decision (supervisor)'),
    );
    expect(nextRound.text).toContain('submission 2');
    expect(nextRound.text).toContain('What changed since it was returned');
    expect(nextRound.text).toContain(
      `Contact name: ${returned.customer.contactName} → Dana Correct`,
    );
    expect(nextRound.text).toContain(`Start date: ${returned.startDate} → ${later}`);

    // The approval email of the new round says so too, and so does the page behind its link.
    const [approvalEmail] = await waitUntil(
      async () =>
        (await emailsTo(cloud, seeded.supervisorNorth)).filter(
          (e) =>
            e.subject === `Contract to approve (supervisor): ${legalName}` &&
            (e.body.text ?? '').includes('What changed since it was returned'),
        ),
      (found) => found.length > 0,
    );
    expect(approvalEmail?.body.text).toContain(
      `Contact name: ${returned.customer.contactName} → Dana Correct`,
    );
    const link = approvalEmail ? linkIn(approvalEmail, '/contracts/approval') : '';
    const approvalPage = await fetch(`${cloud.gatewayUrl}${link}`, {
      headers: { accept: 'text/html' },
    });
    expect(approvalPage.status).toBe(200);
    expect(await approvalPage.text()).toContain(`Start date: ${returned.startDate} → ${later}`);
  });
});
