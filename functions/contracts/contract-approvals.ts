import type { Outbox } from '../messages/outbox';
import type { DecisionOutcome, DecisionSteps } from '../shared/decisions/decision-step';
import { InvalidPayload, RecordMissing } from '../shared/errors';
import { publicUrl } from '../shared/public-url';
import { readReason } from '../shared/rules/text-fields';
import { createSignedLink, type SignedLink } from '../shared/signed-link';
import type { SigningKeyInput } from '../shared/signing-key';
import type { StaffMember } from '../shared/staff-member';
import type { SettingsStore } from '../staff/settings/settings-store';
import type { StaffStore } from '../staff/store/staff-store';
import { approvalSeconds, changeContract, requireContract } from './contracts';
import {
  approvalEscalationKey,
  approvalRequestKey,
  renderApprovalEscalation,
  renderApprovalRequest,
} from './mail/contract-staff-notices';
import type { ApprovalLevel, Contract, StaffRef } from './rules/contract';
import { type ContractStore, contractRecordPk, contractStepKey } from './store/contracts';

/**
 * The two approvals of a contract, each a task-token step: the supervisor of the contract's team,
 * then the managers. The approver gets signed approve / reject links; the same decision can be
 * taken on the back-office contract page.
 *
 * Escalation: AWS cannot extend a task token. When the step times out (3 business days), the
 * managers are told once and the workflow enters the same approval step again: it asks for a new
 * token, which replaces the old one on the step record. The emailed links name the step, not the
 * token, so they keep working; the approver is not emailed again. Each further window that passes
 * unanswered re-enters the step the same way, with no new email. The mechanism (one answer wins,
 * a late one changes nothing) is the decision step (`shared/decisions/decision-step.ts`).
 */

export const approvalLinkPurpose = 'contract-approval';
/** Approval links outlive the first deadline: the step keeps waiting after an escalation. */
const approvalLinkDays = 30;

export const isApprovalLevel = (value: unknown): value is ApprovalLevel =>
  value === 'supervisor' || value === 'manager';

export interface ApprovalDeps {
  contracts: ContractStore;
  steps: DecisionSteps;
  staff: StaffStore;
  settings: SettingsStore;
  outbox: Outbox;
  sender: string;
  zone: string;
}

export const officeContractUrl = (contractId: string) =>
  publicUrl(`/office/contracts/${contractId}`);

/** The link subject of an approval: contract, round, level and the approver it was sent to. */
export function approvalSubject(contract: Contract, level: ApprovalLevel, approverId: string) {
  return `${contract.contractId}#${contract.round}#${level}#${approverId}`;
}

export function parseApprovalSubject(subject: string) {
  const [contractId = '', round = '', level = '', approverId = ''] = subject.split('#');
  if (!isApprovalLevel(level) || !/^\d+$/.test(round)) return undefined;
  return { contractId, round: Number(round), level, approverId };
}

/** Who decides a level: the team's supervisor, or every active manager. */
export async function approversOf(
  staff: StaffStore,
  contract: Contract,
  level: ApprovalLevel,
): Promise<StaffMember[]> {
  if (level === 'manager') {
    const managers = (await staff.listMembers()).filter((m) => m.role === 'manager' && m.active);
    if (managers.length === 0) throw new RecordMissing('The desk has no active manager');
    return managers;
  }
  const team = await staff.getTeam(contract.team);
  const supervisor = team ? await staff.getMember(team.supervisorId) : undefined;
  if (!supervisor?.active) {
    throw new RecordMissing(`Team ${contract.team} has no active supervisor`);
  }
  return [supervisor];
}

/** The approval step: keeps the token, marks the contract awaiting approval, emails approvers. */
export async function requestApproval(
  deps: ApprovalDeps & { signingKey: SigningKeyInput },
  payload: {
    contractId?: unknown;
    level?: unknown;
    taskToken?: unknown;
    approvalSeconds?: unknown;
  },
  now: Date,
): Promise<{ approvers: number; deadline: string }> {
  const { level, taskToken, approvalSeconds: seconds } = payload;
  if (!isApprovalLevel(level)) throw new InvalidPayload('"level" must be supervisor or manager');
  if (typeof taskToken !== 'string' || !taskToken) {
    throw new InvalidPayload('The payload must carry "taskToken"');
  }
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    throw new InvalidPayload('"approvalSeconds" must be a whole number of seconds');
  }
  const contract = await requireContract(deps.contracts, payload.contractId);
  const key = contractStepKey(contract.contractId, contract.round, level);
  const earlier = await deps.steps.get(key);
  // Entered again after an escalation: the first deadline stays the one people were told.
  const deadline = earlier?.deadline ?? new Date(now.getTime() + seconds * 1000).toISOString();
  const nextWindow = await approvalSeconds(deps.settings, now, deps.zone);
  const kept = await deps.steps.wait<string>(key, {
    taskToken,
    requestedAt: now.toISOString(),
    deadline,
    fields: { contractId: contract.contractId, round: contract.round, step: level },
    // Decided while no token waited (a retry): the decision goes to this token, with the next
    // level's window counted from now.
    output: (step) => {
      const decided = contract.approvals[level];
      return {
        decision: decided?.decision ?? step.decision,
        by: decided?.by ?? step.by,
        ...(decided?.reason ? { reason: decided.reason } : {}),
        approvalSeconds: nextWindow,
      };
    },
  });
  if (kept.status === 'decided-already') return { approvers: 0, deadline };
  await changeContract(deps.contracts, contract.contractId, (current) =>
    current.status === 'awaiting-approval' && earlier
      ? undefined
      : {
          next: { ...current, status: 'awaiting-approval' },
          entry: {
            at: now.toISOString(),
            step: 'contract-approval-requested',
            summary: `Waiting for the ${level}'s approval (by ${deadline.slice(0, 10)})`,
            by: { kind: 'system' },
            via: 'contract workflow',
          },
          stepKey: `approval-requested#${current.round}#${level}`,
        },
  );
  const approvers = await approversOf(deps.staff, contract, level);
  for (const approver of approvers) {
    const { token } = createSignedLink(
      {
        purpose: approvalLinkPurpose,
        subject: approvalSubject(contract, level, approver.staffId),
        expiresAt: new Date(now.getTime() + approvalLinkDays * 86_400_000),
        locale: 'en',
      },
      deps.signingKey,
    );
    await deps.outbox.deliver(
      approvalRequestKey(contract, approver.email, level),
      deps.sender,
      renderApprovalRequest(contract, approver.name, level, new Date(deadline), {
        approve: publicUrl(`/contracts/approval/${token}?decision=approve`),
        reject: publicUrl(`/contracts/approval/${token}?decision=reject`),
        office: officeContractUrl(contract.contractId),
      }),
      now,
      { timelineOf: contractRecordPk(contract.contractId) },
    );
  }
  return { approvers: approvers.length, deadline };
}

/** The approval timed out: the managers are told once; the step is entered again. */
export async function escalateApproval(
  deps: ApprovalDeps,
  payload: { contractId?: unknown; level?: unknown },
  now: Date,
): Promise<{ managersTold: number; approvalSeconds: number }> {
  const { level } = payload;
  if (!isApprovalLevel(level)) throw new InvalidPayload('"level" must be supervisor or manager');
  const contract = await requireContract(deps.contracts, payload.contractId);
  const first = await deps.steps.noteEscalation(
    contractStepKey(contract.contractId, contract.round, level),
    now,
  );
  if (first) {
    await changeContract(deps.contracts, contract.contractId, (current) => ({
      next: current,
      entry: {
        at: now.toISOString(),
        step: 'contract-approval-escalated',
        summary: `The ${level}'s approval is overdue: the managers were told`,
        by: { kind: 'system' },
        via: 'contract workflow (approval timeout)',
      },
      stepKey: `approval-escalated#${current.round}#${level}`,
    }));
  }
  const managers = (await deps.staff.listMembers()).filter((m) => m.role === 'manager' && m.active);
  for (const manager of managers) {
    await deps.outbox.deliver(
      approvalEscalationKey(contract, manager.email, level),
      deps.sender,
      renderApprovalEscalation(
        contract,
        manager.name,
        level,
        officeContractUrl(contract.contractId),
      ),
      now,
      { timelineOf: contractRecordPk(contract.contractId) },
    );
  }
  return {
    managersTold: managers.length,
    approvalSeconds: await approvalSeconds(deps.settings, now, deps.zone),
  };
}

export interface ApprovalInput {
  contractId: string;
  round: number;
  level: ApprovalLevel;
  decision: 'approve' | 'reject';
  by: StaffRef;
  reason?: string;
  via: string;
}

/**
 * A decision, from a link or the back office. The step is decided once (a second decision is
 * told so); the contract records it with its timeline entry; the workflow is resumed with
 * `{decision, by, reason?, approvalSeconds}` (the window of the next level, counted from now).
 */
export async function decideApproval(
  deps: Pick<ApprovalDeps, 'contracts' | 'steps' | 'settings' | 'zone'>,
  input: ApprovalInput,
  now: Date,
  link?: SignedLink,
): Promise<DecisionOutcome> {
  const reason = readReason(input.reason, {
    max: 1000,
    ...(input.decision === 'reject'
      ? { requiredMessage: 'Give the reason for the rejection' }
      : {}),
  });
  const contract = await requireContract(deps.contracts, input.contractId);
  if (contract.round !== input.round || contract.status !== 'awaiting-approval') {
    return contract.approvals[input.level] ? 'already-decided' : 'not-waiting';
  }
  const output = {
    decision: input.decision,
    by: input.by,
    ...(reason ? { reason } : {}),
    approvalSeconds: await approvalSeconds(deps.settings, now, deps.zone),
  };
  const at = now.toISOString();
  const decision = { decision: input.decision, by: input.by, at, ...(reason ? { reason } : {}) };
  const apply = () =>
    changeContract(deps.contracts, contract.contractId, (current) => {
      if (current.approvals[input.level]) return undefined;
      return {
        next: { ...current, approvals: { ...current.approvals, [input.level]: decision } },
        entry: {
          at: now.toISOString(),
          step: input.decision === 'approve' ? 'contract-approved' : 'contract-returned',
          summary:
            input.decision === 'approve'
              ? `Approved by the ${input.level}`
              : `Rejected by the ${input.level}: ${reason}`,
          by: { kind: 'staff', ...input.by },
          via: input.via,
        },
        stepKey: `approval-decided#${current.round}#${input.level}`,
      };
    });
  // Too late for the workflow: the approval is taken off the contract again.
  const revert = () =>
    changeContract(deps.contracts, contract.contractId, (current) => {
      if (current.approvals[input.level]?.at !== at) return undefined;
      const { [input.level]: _late, ...approvals } = current.approvals;
      return {
        next: { ...current, approvals },
        entry: {
          at,
          step: 'contract-approval-requested',
          summary: `The ${input.level}'s decision came too late for the workflow: nothing changed`,
          by: { kind: 'staff', ...input.by },
          via: input.via,
        },
        stepKey: `approval-too-late#${current.round}#${input.level}#${at}`,
      };
    });
  return deps.steps.decide(
    contractStepKey(contract.contractId, contract.round, input.level),
    { decision: input.decision, by: input.by, output },
    now,
    { ...(link ? { link } : {}), effects: () => ({ apply, revert }) },
  );
}
