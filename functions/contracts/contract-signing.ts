import { ulid } from 'ulidx';
import { type Account, openAccountWrites } from '../accounts/store/accounts';
import type { ContactStore } from '../accounts/store/contacts';
import type { ContractBilling } from '../invoicing/rules/invoice';
import { leadWonWrites } from '../leads/store/lead-outcomes';
import type { LeadStore } from '../leads/store/lead-store';
import type { Outbox } from '../messages/outbox';
import type { DecisionOutcome, DecisionSteps } from '../shared/decisions/decision-step';
import { cleanText } from '../shared/rules/text-fields';
import type { SignedLink } from '../shared/signed-link';
import type { DocumentFiles } from './contract-documents';
import { changeContract, requireContract } from './contracts';
import { renderWelcome, welcomeKey } from './mail/contract-customer-mail';
import { type ContractPdfContext, renderContractPdf } from './pdf/contract-pdf';
import { type Contract, contractBilling } from './rules/contract';
import { type ContractStore, contractStepKey, customerEmailTimelines } from './store/contracts';

/**
 * The customer signs; the account opens; the signed contract is archived and sent with a welcome.
 */

/** A step ran on a contract not yet at its stage (activation before the signature). */
export class ContractNotReady extends Error {
  override name = 'ContractNotReady';
}

export type SignatureProblem = 'name-missing' | 'name-too-long' | 'agree-missing';

export interface SignatureInput {
  contractId: string;
  round: number;
  signerName: string;
  agreed: boolean;
  sourceIp: string;
  userAgent?: string;
}

export function checkSignature(input: Pick<SignatureInput, 'signerName' | 'agreed'>) {
  const problems: { field: 'signerName' | 'agree'; problem: SignatureProblem }[] = [];
  // A name: invisible characters removed (`text-fields.ts`), as in every name the desk keeps.
  const name = cleanText(input.signerName);
  if (!name) problems.push({ field: 'signerName', problem: 'name-missing' });
  else if (name.length > 200) problems.push({ field: 'signerName', problem: 'name-too-long' });
  if (!input.agreed) problems.push({ field: 'agree', problem: 'agree-missing' });
  return problems;
}

/**
 * Records the signature (signer, time, address) and resumes the workflow. The signature step is
 * decided once: a second post finds it decided.
 */
export async function signContract(
  deps: { contracts: ContractStore; steps: DecisionSteps },
  input: SignatureInput,
  now: Date,
  link?: SignedLink,
): Promise<DecisionOutcome> {
  const contract = await requireContract(deps.contracts, input.contractId);
  if (contract.round !== input.round || contract.status !== 'awaiting-signature') {
    return contract.signature ? 'already-decided' : 'not-waiting';
  }
  const signature = {
    signerName: cleanText(input.signerName),
    signedAt: now.toISOString(),
    sourceIp: input.sourceIp,
    ...(input.userAgent ? { userAgent: input.userAgent.slice(0, 300) } : {}),
  };
  const apply = () =>
    changeContract(deps.contracts, contract.contractId, (current) =>
      current.signature
        ? undefined
        : {
            next: { ...current, status: 'signed', signature },
            entry: {
              at: now.toISOString(),
              step: 'contract-signed',
              summary: `Signed by ${signature.signerName} from ${signature.sourceIp}`,
              by: { kind: 'customer', name: signature.signerName },
              via: 'emailed signing link',
            },
            stepKey: `signed#${current.round}`,
          },
    );
  // Too late for the workflow: the contract waits for its signature again.
  const revert = () =>
    changeContract(deps.contracts, contract.contractId, (current) => {
      if (current.signature?.signedAt !== signature.signedAt) return undefined;
      const { signature: _late, ...unsigned } = current;
      return {
        next: { ...unsigned, status: 'awaiting-signature' },
        entry: {
          at: signature.signedAt,
          step: 'contract-signature-requested',
          summary: 'The signature came too late for the workflow: nothing changed',
          by: { kind: 'customer', name: signature.signerName },
          via: 'emailed signing link',
        },
        stepKey: `signature-too-late#${current.round}#${signature.signedAt}`,
      };
    });
  return deps.steps.decide(
    contractStepKey(contract.contractId, contract.round, 'signature'),
    { decision: 'signed', output: { signed: true } },
    now,
    { ...(link ? { link } : {}), effects: () => ({ apply, revert }) },
  );
}

/**
 * The `Activate` step: the account is opened (profile, link to the contract, timeline) in one
 * transaction with the contract becoming active. A rerun finds the account and answers it.
 */
export async function activateContract(
  deps: {
    contracts: ContractStore;
    tableName: string;
    /** The customer's email and phone now point at the account (duplicate leads link to it). */
    contacts: Pick<ContactStore, 'recordAccountContact'>;
    /** The lead the contract came from, if it is still kept: it is won with the contract. */
    leads: Pick<LeadStore, 'getLead'>;
  },
  contractId: unknown,
  now: Date,
): Promise<{ accountId: string; billing: ContractBilling }> {
  const found = await requireContract(deps.contracts, contractId);
  const accountId = found.accountId ?? ulid(now.getTime());
  // A lead erased since (or a contract drawn up without one) must not keep the account closed.
  const lead = await deps.leads.getLead(found.leadId);
  const contract = await changeContract(deps.contracts, found.contractId, (current) => {
    if (current.accountId) return undefined;
    if (current.status !== 'signed') {
      throw new ContractNotReady(`Contract ${current.contractId} is ${current.status}, not signed`);
    }
    const account: Account = {
      accountId,
      legalName: current.customer.legalName,
      contactName: current.customer.contactName,
      email: current.customer.email,
      ...(current.customer.phone ? { phone: current.customer.phone } : {}),
      addressLines: current.customer.addressLines,
      ...(current.customer.taxId ? { taxId: current.customer.taxId } : {}),
      country: current.customer.country,
      language: current.customer.language,
      team: current.team,
      ownerId: current.agentId,
      status: 'active',
      openedAt: now.toISOString(),
      version: 1,
    };
    const at = now.toISOString();
    return {
      next: { ...current, status: 'active', accountId, activatedAt: at },
      entry: {
        at,
        step: 'contract-activated',
        summary: `Active: account ${accountId} opened`,
        by: { kind: 'system' },
        via: 'contract workflow',
      },
      stepKey: `activated#${accountId}`,
      extra: [
        // The lead the contract came from is won: nothing chases it any more.
        ...(lead ? leadWonWrites(deps.tableName, current.leadId, current.contractId, now) : []),
        ...openAccountWrites(
          deps.tableName,
          account,
          {
            contractId: current.contractId,
            startDate: current.startDate,
            endDate: current.endDate,
            serviceName: current.service.name,
            activatedAt: at,
          },
          {
            at,
            step: 'account-opened',
            summary: `Account opened with contract ${current.contractId}`,
            by: { kind: 'system' },
            via: 'contract workflow',
          },
        ),
      ],
    };
  });
  const id = contract.accountId ?? accountId;
  await deps.contacts.recordAccountContact(
    {
      email: contract.customer.email,
      ...(contract.customer.phone ? { phone: contract.customer.phone } : {}),
    },
    id,
  );
  return { accountId: id, billing: contractBilling(contract, id) };
}

export const signedContractKey = (contract: Pick<Contract, 'contractId'>) =>
  `contracts/${contract.contractId}/signed/contract-${contract.contractId}.pdf`;

/**
 * The `Archive and welcome` step: the signed contract's PDF (naming the supplier from the company's
 * details, the signing time by the company's clock) is written once to the documents bucket (finance and the archive read it there), recorded on the contract, and emailed to the
 * customer with a welcome, in their language.
 */
export async function archiveAndWelcome(
  deps: {
    contracts: ContractStore;
    files: DocumentFiles;
    outbox: Outbox;
    sender: string;
  } & ContractPdfContext,
  contractId: unknown,
  now: Date,
): Promise<{ documentKey: string; welcome: string }> {
  const contract = await requireContract(deps.contracts, contractId);
  if (!contract.signature) {
    throw new ContractNotReady(`Contract ${contract.contractId} is not signed`);
  }
  const documentKey = signedContractKey(contract);
  if (!contract.signedDocumentKey) {
    const pdf = await renderContractPdf(contract, deps);
    await deps.files.putNew(documentKey, pdf, 'application/pdf');
    await changeContract(deps.contracts, contract.contractId, (current) =>
      current.signedDocumentKey
        ? undefined
        : {
            next: { ...current, signedDocumentKey: documentKey },
            entry: {
              at: now.toISOString(),
              step: 'contract-signed',
              summary: 'Signed contract archived (PDF)',
              by: { kind: 'system' },
              via: 'contract workflow',
            },
            stepKey: `archived#${documentKey}`,
          },
    );
  }
  const welcome = await deps.outbox.deliver(
    welcomeKey(contract),
    deps.sender,
    renderWelcome(contract, {
      filename: `contract-${contract.contractId}.pdf`,
      contentType: 'application/pdf',
      documentKey,
    }),
    now,
    { timelineOf: customerEmailTimelines(contract) },
  );
  return { documentKey, welcome };
}
