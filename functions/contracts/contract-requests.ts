import type { Outbox } from '../messages/outbox';
import type { DecisionSteps } from '../shared/decisions/decision-step';
import { InvalidPayload } from '../shared/errors';
import { publicUrl } from '../shared/public-url';
import { createSignedLink } from '../shared/signed-link';
import type { SigningKeyInput } from '../shared/signing-key';
import type { StaffStore } from '../staff/store/staff-store';
import { officeContractUrl } from './contract-approvals';
import { changeContract, requireContract } from './contracts';
import {
  documentRequestKey,
  renderDocumentRequest,
  renderSignatureRequest,
  signatureRequestKey,
} from './mail/contract-customer-mail';
import { documentsMissingKey, renderDocumentsMissing } from './mail/contract-staff-notices';
import { missingDocuments } from './rules/contract';
import { type ContractStore, contractRecordPk, contractStepKey } from './store/contracts';

/**
 * The steps that wait for the customer: the missing documents (the agent is told what is
 * missing, the customer gets an upload link) and the signature (the customer gets a signing
 * link). Both keep the step's task token; the upload that completes the set, or the signature,
 * resumes the workflow.
 */

export const documentsLinkPurpose = 'contract-documents';
export const signatureLinkPurpose = 'contract-signature';
/** Customer links stay valid for 30 days; the documents link works for several uploads. */
const customerLinkDays = 30;

export interface RequestDeps {
  contracts: ContractStore;
  steps: DecisionSteps;
  staff: StaffStore;
  outbox: Outbox;
  sender: string;
  signingKey: SigningKeyInput;
}

function requireToken(taskToken: unknown): string {
  if (typeof taskToken !== 'string' || !taskToken) {
    throw new InvalidPayload('The payload must carry "taskToken"');
  }
  return taskToken;
}

/** `Await documents`: keeps the token, tells the agent and the customer (once per missing set). */
export async function requestDocuments(
  deps: RequestDeps,
  payload: { contractId?: unknown; taskToken?: unknown },
  now: Date,
): Promise<{ missing: string[] }> {
  const taskToken = requireToken(payload.taskToken);
  const contract = await requireContract(deps.contracts, payload.contractId);
  const step = { contractId: contract.contractId, round: contract.round, step: 'documents' };
  const key = contractStepKey(contract.contractId, contract.round, 'documents');
  await deps.steps.wait(key, { taskToken, requestedAt: now.toISOString(), fields: step });
  // Re-read after keeping the token: an upload that completed the set just before found no
  // token to resume, so this step resumes itself.
  const current = await requireContract(deps.contracts, contract.contractId);
  const missing = missingDocuments(current);
  if (missing.length === 0) {
    await deps.steps.decide(key, { decision: 'complete', output: { complete: true } }, now);
    return { missing };
  }
  const agent = await deps.staff.getMember(current.agentId);
  if (agent?.active) {
    await deps.outbox.deliver(
      documentsMissingKey(current, agent.email, missing),
      deps.sender,
      renderDocumentsMissing(current, agent.name, missing, officeContractUrl(current.contractId)),
      now,
      { timelineOf: contractRecordPk(current.contractId) },
    );
  }
  const { token } = createSignedLink(
    {
      purpose: documentsLinkPurpose,
      subject: current.contractId,
      expiresAt: new Date(now.getTime() + customerLinkDays * 86_400_000),
      locale: current.customer.language,
    },
    deps.signingKey,
  );
  await deps.outbox.deliver(
    documentRequestKey(current, missing),
    deps.sender,
    renderDocumentRequest(current, missing, publicUrl(`/contracts/documents/${token}`)),
    now,
    { timelineOf: contractRecordPk(current.contractId) },
  );
  return { missing };
}

/** `Customer signature`: keeps the token, marks the contract awaiting signature, emails the link. */
export async function requestSignature(
  deps: RequestDeps,
  payload: { contractId?: unknown; taskToken?: unknown },
  now: Date,
): Promise<{ requested: true }> {
  const taskToken = requireToken(payload.taskToken);
  const contract = await requireContract(deps.contracts, payload.contractId);
  await deps.steps.wait(contractStepKey(contract.contractId, contract.round, 'signature'), {
    taskToken,
    requestedAt: now.toISOString(),
    fields: { contractId: contract.contractId, round: contract.round, step: 'signature' },
  });
  const current = await changeContract(deps.contracts, contract.contractId, (c) =>
    c.status === 'awaiting-signature'
      ? undefined
      : {
          next: { ...c, status: 'awaiting-signature' },
          entry: {
            at: now.toISOString(),
            step: 'contract-signature-requested',
            summary: `Approved: sent to ${c.customer.email} to sign`,
            by: { kind: 'system' },
            via: 'contract workflow',
          },
          stepKey: `signature-requested#${c.round}`,
        },
  );
  const { token } = createSignedLink(
    {
      purpose: signatureLinkPurpose,
      subject: `${current.contractId}#${current.round}`,
      expiresAt: new Date(now.getTime() + customerLinkDays * 86_400_000),
      locale: current.customer.language,
    },
    deps.signingKey,
  );
  await deps.outbox.deliver(
    signatureRequestKey(current),
    deps.sender,
    renderSignatureRequest(current, publicUrl(`/contracts/sign/${token}`)),
    now,
    { timelineOf: contractRecordPk(current.contractId) },
  );
  return { requested: true };
}
