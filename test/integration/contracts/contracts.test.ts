import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { accountStore } from '../../../functions/accounts/store/accounts';
import { maxDocumentBytes } from '../../../functions/contracts/contract-documents';
import { contractStepKey, contractStore } from '../../../functions/contracts/store/contracts';
import { decisionSteps } from '../../../functions/shared/decisions/decision-step';
import { loadBusinessRules } from '../../../functions/staff/settings/settings';
import { settingsStore } from '../../../functions/staff/settings/settings-store';
import { localCredentials } from '../../../infra/local/aws-clients';
import { localNames } from '../../../infra/local/names';
import {
  acceptedQuote,
  emailMatching,
  linkIn,
  multipartForm,
  pdfBytes,
  pngBytes,
  startContractFor,
} from '../../support/contracts';
import {
  emailsTo,
  executionArn,
  uniqueAddress,
  waitForExecution,
} from '../../support/local-cloud-clients';
import { seeded, uniqueWord } from '../../support/office';
import { pdfText } from '../../support/pdf-text';
import { localTable } from '../../support/staff-fixtures';

/**
 * A contract from an accepted quote to an active account, on the local cloud: missing documents,
 * uploads through the emailed link (refusals change nothing), both approvals through their
 * emailed links, the customer's signature, the account, the archived PDF and the welcome; a
 * rejection returning the draft; an approval timing out and escalating once.
 */

const cloud = inject('localCloud');
const table = localTable(cloud);
const contracts = contractStore(table);
const s3 = new S3Client({
  endpoint: cloud.s3Endpoint,
  region: cloud.region,
  credentials: localCredentials,
  forcePathStyle: true,
});

afterAll(() => {
  table.client.destroy();
  s3.destroy();
});

const get = (path: string) =>
  fetch(`${cloud.gatewayUrl}${path}`, { headers: { accept: 'text/html' } });
const postForm = (path: string, fields: Record<string, string>) =>
  fetch(`${cloud.gatewayUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
  });
const upload = (path: string, form: FormData) =>
  fetch(`${cloud.gatewayUrl}${path}`, { method: 'POST', body: form });

async function objectsUnder(prefix: string): Promise<string[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: localNames.documentsBucket, Prefix: prefix }),
  );
  return (listed.Contents ?? []).map((o) => String(o.Key));
}

async function waitForStatus(contractId: string, status: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const contract = await contracts.get(contractId);
    if (contract?.status === status) return contract;
    if (Date.now() > deadline) {
      throw new Error(`Contract ${contractId} is ${contract?.status}, not ${status}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** A contract waiting for its documents, with the customer's upload link. */
async function contractAwaitingDocuments(legalName: string, needsOperatingPermit = false) {
  const email = uniqueAddress('customer');
  const { quoteId } = await acceptedQuote(cloud, { legalName, email, needsOperatingPermit });
  const { contractId } = await startContractFor(cloud, quoteId);
  const request = await emailMatching(cloud, email, (s) => s.startsWith('Documents needed'));
  return { contractId, email, uploadLink: linkIn(request, '/contracts/documents'), quoteId };
}

async function approveThroughEmail(to: string, level: string, legalName: string) {
  const request = await emailMatching(
    cloud,
    to,
    (s) => s === `Contract to approve (${level}): ${legalName}`,
  );
  const link = linkIn(request, '/contracts/approval');
  expect(link).toContain('decision=approve');
  const page = await get(link);
  expect(page.status).toBe(200);
  const answer = await postForm(link.split('?')[0] ?? link, { decision: 'approve' });
  expect(answer.status, await answer.clone().text()).toBe(200);
}

describe('a contract from an accepted quote', () => {
  it('is drafted once per quote with every field filled', async () => {
    const legalName = `Once ${uniqueWord()} Ltd`;
    const { quoteId } = await acceptedQuote(cloud, {
      legalName,
      email: uniqueAddress('once'),
      needsOperatingPermit: true,
    });
    const first = await startContractFor(cloud, quoteId);
    const again = await startContractFor(cloud, quoteId);
    expect(first.created).toBe(true);
    expect(again).toEqual({ contractId: first.contractId, created: false });
    const contract = await contracts.get(first.contractId);
    expect(contract?.customer.legalName).toBe(legalName);
    expect(contract?.requiredDocuments).toEqual(['business-licence', 'operating-permit']);
    expect(contract?.paymentTerms).toEqual({ kind: 'prepaid' });
    expect(contract?.endDate).toBeTruthy();
  });

  it('walks from missing documents to an active account with the signed PDF and a welcome', async () => {
    const legalName = `Harbour ${uniqueWord()} Trading S.A.`;
    const { contractId, email, uploadLink } = await contractAwaitingDocuments(legalName, true);
    const agentNotice = await emailMatching(cloud, seeded.agentNorth, (s) =>
      s.startsWith(`Documents missing: ${legalName}`),
    );
    expect(agentNotice.body.text).toContain('business licence, operating permit');

    const form = await get(uploadLink);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('business licence, operating permit');

    // Refused: a text file, a file too big, a licence naming someone else. Nothing is stored.
    const wrongType = await upload(
      uploadLink,
      multipartForm(
        { documentType: 'business-licence', legalName },
        {
          name: 'file',
          fileName: 'licence.pdf',
          contentType: 'application/pdf',
          bytes: new TextEncoder().encode('just text'),
        },
      ),
    );
    expect(wrongType.status).toBe(400);
    expect(await wrongType.text()).toContain('The file must be a PDF, JPEG or PNG.');
    const tooBig = await upload(
      uploadLink,
      multipartForm(
        { documentType: 'business-licence', legalName },
        {
          name: 'file',
          fileName: 'big.pdf',
          contentType: 'application/pdf',
          bytes: pdfBytes(maxDocumentBytes + 1),
        },
      ),
    );
    expect(tooBig.status).toBe(400);
    expect(await tooBig.text()).toContain('larger than 4 MB');
    const mismatch = await upload(
      uploadLink,
      multipartForm(
        { documentType: 'business-licence', legalName: 'Someone Else GmbH' },
        {
          name: 'file',
          fileName: 'licence.pdf',
          contentType: 'application/pdf',
          bytes: pdfBytes(),
        },
      ),
    );
    expect(mismatch.status).toBe(400);
    const mismatchPage = await mismatch.text();
    expect(mismatchPage).toContain('does not match the name on the contract');
    expect(mismatchPage).toContain('id="f-legalName" name="legalName" value="Someone Else GmbH"');
    expect((await contracts.get(contractId))?.documents).toEqual([]);
    expect(await objectsUnder(`contracts/${contractId}/`)).toEqual([]);

    // Accepted: the licence with the name written differently (case, spaces, punctuation).
    const licence = await upload(
      uploadLink,
      multipartForm(
        {
          documentType: 'business-licence',
          legalName: legalName.toUpperCase().replaceAll('.', ''),
        },
        {
          name: 'file',
          fileName: 'licence.pdf',
          contentType: 'application/pdf',
          bytes: pdfBytes(),
        },
      ),
    );
    expect(licence.status).toBe(201);
    expect(await licence.text()).toContain('operating permit');
    // Still missing the permit: asked again for just that, once.
    await emailMatching(cloud, seeded.agentNorth, (s) => s === `Documents missing: ${legalName}`);
    const permit = await upload(
      uploadLink,
      multipartForm(
        { documentType: 'operating-permit' },
        { name: 'file', fileName: 'permit.png', contentType: 'image/png', bytes: pngBytes() },
      ),
    );
    expect(permit.status).toBe(201);
    const stored = await objectsUnder(`contracts/${contractId}/`);
    expect(stored).toHaveLength(2);
    expect(stored.some((k) => /business-licence\/[0-9A-Z]{26}\.pdf$/.test(k))).toBe(true);
    expect(stored.some((k) => /operating-permit\/[0-9A-Z]{26}\.png$/.test(k))).toBe(true);

    await approveThroughEmail(seeded.supervisorNorth, 'supervisor', legalName);
    await approveThroughEmail(seeded.manager, 'manager', legalName);

    const signRequest = await emailMatching(cloud, email, (s) => s.includes('ready to sign'));
    const signLink = linkIn(signRequest, '/contracts/sign');
    const signPage = await get(signLink);
    expect(signPage.status).toBe(200);
    expect(await signPage.text()).toContain(legalName);
    const unticked = await postForm(signLink, { signerName: 'Dana Contact' });
    expect(unticked.status).toBe(400);
    expect((await contracts.get(contractId))?.signature).toBeUndefined();
    const signed = await postForm(signLink, { signerName: 'Dana Contact', agree: 'yes' });
    expect(signed.status).toBe(200);
    const again = await postForm(signLink, { signerName: 'Dana Contact', agree: 'yes' });
    expect(again.status).toBe(409);

    const active = await waitForStatus(contractId, 'active');
    expect(active.signature?.signerName).toBe('Dana Contact');
    expect(active.accountId).toBeTruthy();
    const accounts = accountStore(table);
    const account = await accounts.get(String(active.accountId));
    expect(account).toMatchObject({ status: 'active', team: 'north', legalName, email });
    expect((await accounts.contracts(String(active.accountId))).map((c) => c.contractId)).toEqual([
      contractId,
    ]);

    const welcome = await emailMatching(cloud, email, (s) => s.startsWith('Welcome'));
    expect(welcome.attachments).toHaveLength(1);
    expect(welcome.attachments[0]?.filename).toBe(`contract-${contractId}.pdf`);
    const archived = await contracts.get(contractId);
    expect(archived?.signedDocumentKey).toBeTruthy();
    const pdf = await s3.send(
      new GetObjectCommand({
        Bucket: localNames.documentsBucket,
        Key: archived?.signedDocumentKey,
      }),
    );
    const bytes = await pdf.Body?.transformToByteArray();
    expect(
      Buffer.from(bytes ?? [])
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // The supplier is the company of the settings; the signing time is the company's.
    const { rules } = await loadBusinessRules(settingsStore(table));
    const read = await pdfText(bytes ?? new Uint8Array(), '');
    expect(read).toContain(`Supplier${rules.company.legalName}`);
    expect(read).toMatch(/Signed at: .+ \(Europe\/\w+\)/);

    const execution = await waitForExecution(
      cloud,
      executionArn(cloud, 'contract', contractId),
      90_000,
    );
    expect(execution.status, `${execution.error}: ${execution.cause}`).toBe('SUCCEEDED');
    const steps = (await contracts.timeline(contractId)).map((e) => e.step);
    for (const step of [
      'contract-drafted',
      'contract-document-uploaded',
      'contract-approval-requested',
      'contract-approved',
      'contract-signature-requested',
      'contract-signed',
      'contract-activated',
    ]) {
      expect(steps).toContain(step);
    }
    // One welcome, one signature request: however the steps ran.
    const mail = await emailsTo(cloud, email);
    expect(mail.filter((m) => m.subject.startsWith('Welcome'))).toHaveLength(1);
    expect(mail.filter((m) => m.subject.includes('ready to sign'))).toHaveLength(1);
  });

  it('rejected by the supervisor with a reason, is returned and its agent told', async () => {
    const legalName = `Returned ${uniqueWord()} Ltd`;
    const { contractId, uploadLink } = await contractAwaitingDocuments(legalName);
    const licence = await upload(
      uploadLink,
      multipartForm(
        { documentType: 'business-licence', legalName },
        {
          name: 'file',
          fileName: 'licence.jpg',
          contentType: 'image/jpeg',
          bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
        },
      ),
    );
    expect(licence.status).toBe(201);
    const request = await emailMatching(
      cloud,
      seeded.supervisorNorth,
      (s) => s === `Contract to approve (supervisor): ${legalName}`,
    );
    const link = linkIn(request, '/contracts/approval').split('?')[0] ?? '';
    const noReason = await postForm(link, { decision: 'reject' });
    expect(noReason.status).toBe(400);
    const rejected = await postForm(link, { decision: 'reject', reason: 'Wrong billing plan' });
    expect(rejected.status).toBe(200);
    const returned = await waitForStatus(contractId, 'returned');
    expect(returned.returned?.reason).toBe('Wrong billing plan');
    const told = await emailMatching(
      cloud,
      seeded.agentNorth,
      (s) => s === `Contract returned: ${legalName}`,
    );
    expect(told.body.text).toContain('Reason: Wrong billing plan');
    const second = await postForm(link, { decision: 'approve' });
    expect(second.status).toBe(409);
    const execution = await waitForExecution(cloud, executionArn(cloud, 'contract', contractId));
    expect(execution.status).toBe('SUCCEEDED');
  });

  it('unapproved for 3 business days, is escalated to the managers once and still waits', async () => {
    const legalName = `Overdue ${uniqueWord()} Ltd`;
    const { contractId, uploadLink } = await contractAwaitingDocuments(legalName);
    const licence = await upload(
      uploadLink,
      multipartForm(
        { documentType: 'business-licence', legalName },
        {
          name: 'file',
          fileName: 'licence.pdf',
          contentType: 'application/pdf',
          bytes: pdfBytes(),
        },
      ),
    );
    expect(licence.status).toBe(201);
    await emailMatching(
      cloud,
      seeded.supervisorNorth,
      (s) => s === `Contract to approve (supervisor): ${legalName}`,
    );
    const moved = await fetch(`${cloud.consoleUrl}/clock/advance`, {
      method: 'POST',
      body: JSON.stringify({ milliseconds: 6 * 24 * 3_600_000 }),
    });
    expect(moved.status).toBe(200);
    await emailMatching(
      cloud,
      seeded.manager,
      (s) => s === `Contract approval overdue: ${legalName}`,
    );
    // The step is waiting again, on a new token, and the emailed link still decides it.
    const steps = decisionSteps(table);
    const deadline = Date.now() + 30_000;
    let step = await steps.get(contractStepKey(contractId, 1, 'supervisor'));
    while (!step?.escalatedAt && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      step = await steps.get(contractStepKey(contractId, 1, 'supervisor'));
    }
    expect(step?.escalatedAt).toBeTruthy();
    expect((await contracts.get(contractId))?.status).toBe('awaiting-approval');
    await new Promise((r) => setTimeout(r, 1500));
    const escalations = (await emailsTo(cloud, seeded.manager)).filter(
      (e) => e.subject === `Contract approval overdue: ${legalName}`,
    );
    expect(escalations).toHaveLength(1);
  });
});
