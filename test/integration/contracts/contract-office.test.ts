import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { contractStore } from '../../../functions/contracts/store/contracts';
import {
  acceptedQuote,
  emailMatching,
  multipartForm,
  officeView,
  pdfBytes,
  startContractFor,
  waitUntil,
} from '../../support/contracts';
import { uniqueAddress } from '../../support/local-cloud-clients';
import { fieldValue, postForm, seeded, uniqueWord } from '../../support/office';
import { localTable } from '../../support/staff-fixtures';
import { type StaffSession, signInAs } from '../../support/staff-session';

/**
 * The back office's contract page: staff upload the documents (refusals shown next to the form,
 * nothing stored), the supervisor and the manager approve with the page's buttons (only the
 * level waiting, only the right role), a document downloads, the contract appears in the list.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const contracts = contractStore(table);
let agent: StaffSession;
let supervisor: StaffSession;
let manager: StaffSession;

beforeAll(async () => {
  const sessions = await Promise.all(
    [seeded.agentNorth, seeded.supervisorNorth, seeded.manager].map((e) => signInAs(cloud, e)),
  );
  [agent, supervisor, manager] = sessions as [StaffSession, StaffSession, StaffSession];
});

afterAll(() => table.client.destroy());

/** Follows the list's "Next page" links until `text` shows or the pages end. */
async function listedOnSomePage(session: StaffSession, first: string, text: string) {
  for (let path: string | undefined = first, pages = 0; path && pages < 50; pages++) {
    const shown = await officeView(session, path);
    expect(shown.status).toBe(200);
    if (shown.text.includes(text)) return true;
    path = /<a href="([^"]+)" rel="next">/.exec(shown.text)?.[1]?.replaceAll('&#61;', '=');
  }
  return false;
}

describe('a contract in the back office', () => {
  it('takes documents from staff and approvals from the page, each from the right role', async () => {
    const legalName = `Office ${uniqueWord()} Ltd`;
    const email = uniqueAddress('office-contract');
    const { quoteId } = await acceptedQuote(cloud, { legalName, email });
    const { contractId } = await startContractFor(cloud, quoteId);
    await emailMatching(cloud, email, (s) => s.startsWith('Documents needed'));
    const path = `/office/contracts/${contractId}`;

    // Newest first; other tests' contracts are drafted years ahead, so it may be a page or two on.
    expect(await listedOnSomePage(agent, '/office/contracts', legalName)).toBe(true);

    const before = await officeView(agent, path);
    expect(before.status).toBe(200);
    expect(before.text).toContain('Missing: Business licence');
    const csrf = fieldValue(before.text, 'csrf') ?? '';

    const refused = await agent.fetch(`${path}/documents`, {
      method: 'POST',
      body: multipartForm(
        { csrf, documentType: 'business-licence', legalName: 'Not The Same Ltd' },
        { name: 'file', fileName: 'l.pdf', contentType: 'application/pdf', bytes: pdfBytes() },
      ),
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('does not match the contract');
    expect((await contracts.get(contractId))?.documents).toEqual([]);

    const noCsrf = await agent.fetch(`${path}/documents`, {
      method: 'POST',
      body: multipartForm(
        { documentType: 'business-licence', legalName },
        { name: 'file', fileName: 'l.pdf', contentType: 'application/pdf', bytes: pdfBytes() },
      ),
    });
    expect(noCsrf.status).toBe(403);

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
    const withDocument = await waitUntil(
      () => contracts.get(contractId),
      (c) => c?.status === 'awaiting-approval',
    );
    const fileId = withDocument?.documents[0]?.documentKey.split('/').pop() ?? '';
    const download = await agent.fetch(`${path}/documents/${fileId}`);
    expect(download.status).toBe(200);
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // The agent sees no buttons; the manager may not take the supervisor's turn from the form
    // of another level; the supervisor approves.
    const agentView = await officeView(agent, path);
    expect(agentView.text).not.toContain('value="approve"');
    const supervisorView = await waitUntil(
      () => officeView(supervisor, path),
      (p) => p.text.includes('Your decision (supervisor)'),
    );
    const early = await postForm(manager, `${path}/approval`, {
      csrf: fieldValue((await officeView(manager, path)).text, 'csrf') ?? '',
      level: 'manager',
      decision: 'approve',
    });
    expect(early.status).toBe(409);
    const approved = await postForm(supervisor, `${path}/approval`, {
      csrf: fieldValue(supervisorView.text, 'csrf') ?? '',
      level: 'supervisor',
      round: '1',
      decision: 'approve',
    });
    expect(approved.status).toBe(303);
    const twice = await postForm(supervisor, `${path}/approval`, {
      csrf: fieldValue(supervisorView.text, 'csrf') ?? '',
      level: 'supervisor',
      round: '1',
      decision: 'approve',
    });
    expect(twice.status).toBe(409);

    const managerView = await waitUntil(
      () => officeView(manager, path),
      (p) => p.text.includes('Your decision (manager)'),
    );
    const noReason = await postForm(manager, `${path}/approval`, {
      csrf: fieldValue(managerView.text, 'csrf') ?? '',
      level: 'manager',
      round: '1',
      decision: 'reject',
    });
    expect(noReason.status).toBe(400);
    const rejected = await postForm(manager, `${path}/approval`, {
      csrf: fieldValue(managerView.text, 'csrf') ?? '',
      level: 'manager',
      round: '1',
      decision: 'reject',
      reason: 'Start date too early',
    });
    expect(rejected.status).toBe(303);
    const returned = await waitUntil(
      () => contracts.get(contractId),
      (c) => c?.status === 'returned',
    );
    expect(returned?.returned?.reason).toBe('Start date too early');

    // The agent resubmits: a new round asks the supervisor again (documents are on file).
    const returnedView = await officeView(agent, path);
    expect(returnedView.text).toContain('Start date too early');
    const resubmitted = await postForm(agent, `${path}/resubmit`, {
      csrf: fieldValue(returnedView.text, 'csrf') ?? '',
      version: fieldValue(returnedView.text, 'version') ?? '',
    });
    expect(resubmitted.status).toBe(303);
    const again = await waitUntil(
      () => officeView(supervisor, path),
      (p) => p.text.includes('Your decision (supervisor)'),
    );
    expect(again.text).toContain('submission 2');
  });
});
