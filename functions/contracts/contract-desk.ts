import { maySee } from '../shared/access';
import type { DecisionSteps } from '../shared/decisions/decision-step';
import { Conflict, NotFound } from '../shared/errors';
import type { StaffPrincipal } from '../shared/staff-member';
import type { WorkflowStarter } from '../shared/workflow';
import { changeContract, contractExecutionName } from './contracts';
import type { ApprovalLevel, Contract } from './rules/contract';
import { type ContractStore, contractStepKey } from './store/contracts';

/** What staff may do with a contract in the back office. */

const ownership = (c: Contract) => ({ ownerId: c.agentId, team: c.team });

/** The contract if the caller may see it; otherwise NotFound, as if it did not exist. */
export async function openContract(
  contracts: ContractStore,
  principal: StaffPrincipal,
  contractId: string,
): Promise<Contract> {
  const contract = await contracts.get(contractId);
  if (!contract || !maySee(principal, 'contract', ownership(contract))) {
    throw new NotFound('There is no contract with this id, or it is not yours to see.');
  }
  return contract;
}

/** Agents (their own), supervisors (their team) and managers work contracts; finance reads. */
export const mayWork = (principal: StaffPrincipal, contract: Contract) =>
  principal.role !== 'finance' && maySee(principal, 'contract', ownership(contract));

/** The approval level waiting now, if the workflow waits on one. */
export async function waitingLevel(
  steps: DecisionSteps,
  contract: Contract,
): Promise<ApprovalLevel | undefined> {
  if (contract.status !== 'awaiting-approval') return undefined;
  const level: ApprovalLevel | undefined = !contract.approvals.supervisor
    ? 'supervisor'
    : !contract.approvals.manager
      ? 'manager'
      : undefined;
  if (!level) return undefined;
  const step = await steps.get(contractStepKey(contract.contractId, contract.round, level));
  return step && step.decision === undefined ? level : undefined;
}

/** The supervisor level: the team's supervisor or a manager; the manager level: a manager. */
export function mayDecide(principal: StaffPrincipal, contract: Contract, level: ApprovalLevel) {
  if (principal.role === 'manager') return true;
  return (
    level === 'supervisor' && principal.role === 'supervisor' && principal.team === contract.team
  );
}

/**
 * A returned draft goes round again: documents checked, both approvals asked anew, as a new
 * execution (`<contractId>-r<round>`). Only a returned contract, at the version the agent saw.
 */
export async function resubmitContract(
  deps: { contracts: ContractStore; workflow: WorkflowStarter },
  principal: StaffPrincipal,
  contract: Contract,
  version: number,
  now: Date,
): Promise<Contract> {
  if (contract.status !== 'returned') {
    throw new Conflict('Only a returned contract can be resubmitted.');
  }
  if (contract.version !== version) {
    throw new Conflict('Someone changed this contract while you were looking at it; reload.');
  }
  const next = await changeContract(deps.contracts, contract.contractId, (current) => {
    if (current.status !== 'returned') {
      throw new Conflict('Only a returned contract can be resubmitted.');
    }
    const { returned: _returned, ...rest } = current;
    const round = current.round + 1;
    return {
      next: { ...rest, status: 'awaiting-documents', round, approvals: {} },
      entry: {
        at: now.toISOString(),
        step: 'contract-resubmitted',
        summary: `Resubmitted for approval (submission ${round})`,
        by: { kind: 'staff', staffId: principal.staffId, name: principal.name },
        via: 'back office',
      },
      stepKey: `resubmitted#${round}`,
    };
  });
  await deps.workflow.start(contractExecutionName(next.contractId, next.round), {
    contractId: next.contractId,
  });
  return next;
}
