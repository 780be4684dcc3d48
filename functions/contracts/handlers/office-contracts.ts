import { Logger } from '@aws-lambda-powertools/logger';
import { deliveryOf } from '../../messages/email-delivery';
import { outboxStore } from '../../messages/store/outbox-store';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { BadRequest, Conflict, Forbidden, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { readMultipart } from '../../shared/http/multipart';
import { type HttpAnswer, seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import type { Flash } from '../../shared/office/layout';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { workflowArnVariable, workflowStarter } from '../../shared/workflow';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { decideApproval, isApprovalLevel } from '../contract-approvals';
import { correctContract } from '../contract-corrections';
import { mayDecide, mayWork, openContract, resubmitContract, waitingLevel } from '../contract-desk';
import { documentFiles, maxDocumentBytes, storeContractDocument } from '../contract-documents';
import { isContractId } from '../contracts';
import { signatureRequestKey, welcomeKey } from '../mail/contract-customer-mail';
import { contractEditPage, correctionValues } from '../pages/contract-edit-page';
import { contractListPage, contractPage, fileIdOf } from '../pages/contract-pages';
import type { Contract } from '../rules/contract';
import { contractStore } from '../store/contracts';

/**
 * The back office's contracts: `GET /office/contracts` (the caller's book, newest first),
 * `GET /office/contracts/{contractId}` (fields, documents, approvals, timeline), a document's
 * download, a staff upload (multipart), an approval decision (the same as the emailed link) and
 * the correction (`/edit`) and resubmission of a returned draft.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const outbox = outboxStore(table);
const contracts = contractStore(table);
const steps = decisionSteps(table);
const staff = staffStore(table);
const files = documentFiles(requireEnv('DOCUMENTS_BUCKET'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const workflow = workflowStarter(requireEnv(workflowArnVariable('contract')));
const settings = settingsStore(table);
const pageSize = 25;

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/contracts':
      return list(request);
    case 'GET /office/contracts/{contractId}':
      return show(request);
    case 'GET /office/contracts/{contractId}/documents/{fileId}':
      return download(request);
    case 'POST /office/contracts/{contractId}/documents':
      return upload(request);
    case 'POST /office/contracts/{contractId}/approval':
      return decide(request);
    case 'POST /office/contracts/{contractId}/resubmit':
      return resubmit(request);
    case 'GET /office/contracts/{contractId}/edit':
      return editForm(request);
    case 'POST /office/contracts/{contractId}/edit':
      return edit(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function list({ event, principal, frame }: OfficeRequest) {
  const after = event.queryStringParameters?.after;
  let teams: string[];
  if (principal.role === 'manager' || principal.role === 'finance') {
    teams = [...new Set((await staff.listMembers()).map((m) => m.team))].sort();
  } else teams = [principal.team];
  // One team's page at a time for an agent or supervisor; a manager's list walks every team.
  const found: Contract[] = [];
  let next: string | undefined;
  for (const team of teams) {
    const page = await contracts.listByTeam(team, {
      limit: pageSize,
      ...(teams.length === 1 && after ? { after } : {}),
      ...(principal.role === 'agent' ? { agentId: principal.staffId } : {}),
    });
    found.push(...page.contracts);
    if (teams.length === 1) next = page.next;
  }
  found.sort((a, b) => b.draftedAt.localeCompare(a.draftedAt));
  return pageAnswer(
    200,
    contractListPage({
      frame,
      zone,
      contracts: found,
      ...(next ? { next } : {}),
      isFirst: !after,
    }),
  );
}

function contractIdOf(request: OfficeRequest): string {
  const contractId = request.event.pathParameters?.contractId;
  if (!isContractId(contractId)) {
    throw new NotFound('There is no contract with this id, or it is not yours to see.');
  }
  return contractId;
}

const flashes: Record<string, Flash> = {
  uploaded: { kind: 'done', message: 'Document uploaded.' },
  approve: { kind: 'done', message: 'Approved.' },
  reject: { kind: 'done', message: 'Rejected: the draft goes back to its agent.' },
  resubmitted: { kind: 'done', message: 'Resubmitted: the documents and approvals start again.' },
  corrected: {
    kind: 'done',
    message: 'Corrections saved. Resubmit the contract when it is ready.',
  },
};

async function render(
  request: OfficeRequest,
  contract: Contract,
  status = 200,
  extra: { flash?: Flash; uploadIssues?: Parameters<typeof contractPage>[0]['uploadIssues'] } = {},
): Promise<HttpAnswer> {
  const { principal, frame } = request;
  const level = await waitingLevel(steps, contract);
  const decidable = level && mayDecide(principal, contract, level) ? level : undefined;
  const works = mayWork(principal, contract);
  return pageAnswer(
    status,
    contractPage({
      frame,
      zone,
      contract,
      timeline: await contracts.timeline(contract.contractId),
      ...(decidable ? { decidable } : {}),
      mayUpload: works && contract.status !== 'signed' && contract.status !== 'active',
      mayResubmit: works && contract.status === 'returned',
      emails: await customerLetters(contract),
      ...extra,
    }),
  );
}

/** The signature request and the welcome, once they were due: sent, or not sent and why. */
async function customerLetters(contract: Contract) {
  const asked = ['awaiting-signature', 'signed', 'active', 'lapsed'].includes(contract.status);
  const welcomed = contract.signedDocumentKey !== undefined;
  return [
    ...(asked
      ? [
          {
            label: 'Signature request',
            delivery: await deliveryOf(outbox, signatureRequestKey(contract)),
          },
        ]
      : []),
    ...(welcomed
      ? [{ label: 'Welcome email', delivery: await deliveryOf(outbox, welcomeKey(contract)) }]
      : []),
  ];
}

async function show(request: OfficeRequest) {
  const contract = await openContract(contracts, request.principal, contractIdOf(request));
  const done = request.event.queryStringParameters?.done ?? '';
  const flash = flashes[done];
  return render(request, contract, 200, flash ? { flash } : {});
}

async function download(request: OfficeRequest): Promise<HttpAnswer> {
  const contract = await openContract(contracts, request.principal, contractIdOf(request));
  const fileId = request.event.pathParameters?.fileId ?? '';
  const document = contract.documents.find((d) => fileIdOf(d.documentKey) === fileId);
  const key =
    document?.documentKey ??
    (fileIdOf(contract.signedDocumentKey ?? '') === fileId
      ? contract.signedDocumentKey
      : undefined);
  if (!key) throw new NotFound('There is no such document on this contract.');
  const file = await files.get(key);
  return {
    statusCode: 200,
    headers: {
      'Content-Type': document?.contentType ?? 'application/pdf',
      'Content-Disposition': `attachment; filename="${fileId}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
    body: Buffer.from(file.bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

async function upload(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const contract = await openContract(contracts, principal, contractIdOf(request));
  const { fields, files: uploaded } = readMultipart(event, maxDocumentBytes + 64 * 1024);
  checkCsrf(event, fields, await signingKey());
  if (!mayWork(principal, contract)) throw new Forbidden('You may not change this contract.');
  const file = uploaded.file;
  const result = await storeContractDocument(
    { contracts, steps, files },
    contract,
    {
      documentType: fields.documentType,
      ...(file ? { file: { fileName: file.fileName, bytes: file.bytes } } : {}),
      ...(fields.legalName !== undefined ? { legalName: fields.legalName } : {}),
    },
    { kind: 'staff', staffId: principal.staffId, name: principal.name },
    now,
  );
  if (result.status === 'refused') {
    return render(request, contract, 400, { uploadIssues: result.issues });
  }
  logger.info('Contract document uploaded', {
    contractId: contract.contractId,
    by: principal.staffId,
    workflow: result.workflow,
  });
  return seeOther(`${frame.base}/office/contracts/${contract.contractId}?done=uploaded`);
}

async function decide(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the decision from the contract page');
  checkCsrf(event, body.fields, await signingKey());
  const contract = await openContract(contracts, principal, contractIdOf(request));
  const { level, decision, reason } = body.fields;
  if (!isApprovalLevel(level) || (decision !== 'approve' && decision !== 'reject')) {
    throw new BadRequest('The form is missing the decision or its level; reload the page');
  }
  if (!mayDecide(principal, contract, level)) {
    throw new Forbidden(`Your role does not decide the ${level} approval of this contract.`);
  }
  if ((await waitingLevel(steps, contract)) !== level) {
    throw new Conflict('This approval was decided already, or is not waiting now.');
  }
  try {
    const result = await decideApproval(
      { contracts, steps, settings, zone },
      {
        contractId: contract.contractId,
        round: Number(body.fields.round) || contract.round,
        level,
        decision,
        by: { staffId: principal.staffId, name: principal.name },
        ...(reason ? { reason } : {}),
        via: 'back office',
      },
      now,
    );
    logger.info('Contract approval decided', { contractId: contract.contractId, level, result });
    if (result === 'too-late') {
      throw new Conflict(
        'This approval came too late: the workflow no longer waits for it. Nothing was changed.',
      );
    }
    if (result !== 'decided') {
      throw new Conflict('This approval was decided already, or is not waiting now.');
    }
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return render(request, contract, 400, {
      flash: { kind: 'problem', message: error.problems[0]?.message ?? 'Check the form' },
    });
  }
  return seeOther(`${frame.base}/office/contracts/${contract.contractId}?done=${decision}`);
}

async function resubmit(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Resubmit from the contract page');
  checkCsrf(event, body.fields, await signingKey());
  const contract = await openContract(contracts, principal, contractIdOf(request));
  if (!mayWork(principal, contract)) throw new Forbidden('You may not change this contract.');
  await resubmitContract(
    { contracts, workflow },
    principal,
    contract,
    Number(body.fields.version),
    now,
  );
  logger.info('Contract resubmitted', { contractId: contract.contractId, by: principal.staffId });
  return seeOther(`${frame.base}/office/contracts/${contract.contractId}?done=resubmitted`);
}

/** A returned contract the caller may work, else why not (nothing is shown or changed). */
async function correctable(request: OfficeRequest): Promise<Contract> {
  const contract = await openContract(contracts, request.principal, contractIdOf(request));
  if (!mayWork(request.principal, contract))
    throw new Forbidden('You may not change this contract.');
  if (contract.status !== 'returned') {
    throw new Conflict('Only a returned contract can be corrected.');
  }
  return contract;
}

async function editForm(request: OfficeRequest) {
  const contract = await correctable(request);
  return pageAnswer(
    200,
    contractEditPage({ frame: request.frame, contract, values: correctionValues(contract) }),
  );
}

async function edit(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the corrections from the edit form');
  checkCsrf(event, body.fields, await signingKey());
  const contract = await correctable(request);
  try {
    await correctContract(contracts, principal, contract, body.fields, now);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const values = { ...correctionValues(contract), ...body.fields };
    return pageAnswer(400, contractEditPage({ frame, contract, values, problems: error.problems }));
  }
  logger.info('Contract corrected', { contractId: contract.contractId, by: principal.staffId });
  return seeOther(`${frame.base}/office/contracts/${contract.contractId}?done=corrected`);
}
