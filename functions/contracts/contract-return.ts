import { InvalidPayload } from '../shared/errors';
import { looseText } from '../shared/rules/text-fields';
import { type ApprovalDeps, isApprovalLevel, officeContractUrl } from './contract-approvals';
import { changeContract } from './contracts';
import { contractReturnedKey, renderContractReturned } from './mail/contract-staff-notices';
import type { StaffRef } from './rules/contract';
import { contractRecordPk } from './store/contracts';

/** A rejected draft goes back to its agent, who fixes it and resubmits it from the back office. */

/** The `Return to agent` step: the contract is `returned` with the reason; the agent is told. */
export async function returnContract(
  deps: ApprovalDeps,
  payload: { contractId?: unknown; level?: unknown; by?: unknown; reason?: unknown },
  now: Date,
): Promise<{ returned: true }> {
  const { level } = payload;
  if (!isApprovalLevel(level)) throw new InvalidPayload('"level" must be supervisor or manager');
  const by = (payload.by ?? {}) as Partial<StaffRef>;
  const reason = looseText(payload.reason, 1000);
  const byRef = { staffId: String(by.staffId ?? ''), name: String(by.name ?? 'an approver') };
  const contract = await changeContract(deps.contracts, String(payload.contractId), (current) =>
    current.status === 'returned'
      ? undefined
      : {
          next: {
            ...current,
            status: 'returned',
            returned: { level, by: byRef, reason, at: now.toISOString() },
          },
          entry: {
            at: now.toISOString(),
            step: 'contract-returned',
            summary: `Returned to the agent: ${reason}`,
            by: { kind: 'system' },
            via: 'contract workflow',
          },
          stepKey: `returned#${current.round}`,
        },
  );
  const agent = await deps.staff.getMember(contract.agentId);
  if (agent?.active) {
    await deps.outbox.deliver(
      contractReturnedKey(contract, agent.email),
      deps.sender,
      renderContractReturned(
        contract,
        agent.name,
        level,
        byRef.name,
        reason,
        officeContractUrl(contract.contractId),
      ),
      now,
      { timelineOf: contractRecordPk(contract.contractId) },
    );
  }
  return { returned: true };
}
