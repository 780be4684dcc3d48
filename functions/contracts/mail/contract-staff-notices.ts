import Handlebars from 'handlebars';
import { subjectLine } from '../../messages/ses';
import type { EmailContent, OutboxKey } from '../../messages/store/outbox-store';
import { formatMoney } from '../../shared/rules/money';
import type { ApprovalLevel, Contract, DocumentType } from '../rules/contract';
import { changesSinceReturned } from '../rules/contract-corrections';

/** Staff notices about contracts, in English (the desk's working language). */

const escapeHtml = (value: string) => Handlebars.escapeExpression(value);

type ContractView = Pick<Contract, 'contractId' | 'customer' | 'round' | 'service'>;

function content(subject: string, lines: string[], links: { label: string; href: string }[] = []) {
  const linkLines = links.map((l) => `${l.label}: ${l.href}`);
  return {
    subjectLine: subjectLine(subject),
    text: `${[...lines, ...linkLines].join('\n\n')}\n`,
    html:
      '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Contract</title>' +
      `</head>\n<body>\n${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}\n` +
      links
        .map((l) => `<p><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></p>`)
        .join('\n') +
      '\n</body>\n</html>\n',
  } satisfies EmailContent;
}

const documentLabel: Record<DocumentType, string> = {
  'business-licence': 'business licence',
  'operating-permit': 'operating permit',
};
const levelLabel: Record<ApprovalLevel, string> = {
  supervisor: 'supervisor',
  manager: 'manager',
};

export function renderDocumentsMissing(
  contract: ContractView,
  agentName: string,
  missing: readonly DocumentType[],
  officeLink: string,
): EmailContent {
  return content(
    `Documents missing: ${contract.customer.legalName}`,
    [
      `Dear ${agentName},`,
      `Contract ${contract.contractId} (${contract.customer.legalName}) cannot go to approval yet. Missing: ${missing.map((m) => documentLabel[m]).join(', ')}.`,
      `The customer was emailed an upload link at ${contract.customer.email}; you can also upload the documents on the contract page.`,
    ],
    [{ label: 'Open the contract', href: officeLink }],
  );
}

export function renderApprovalRequest(
  contract: ContractView & Pick<Contract, 'totals' | 'corrections'>,
  approverName: string,
  level: ApprovalLevel,
  deadline: Date,
  links: { approve: string; reject: string; office: string },
): EmailContent {
  const total = formatMoney(contract.totals.total, 'en');
  const changes = changesSinceReturned(contract);
  return content(
    `Contract to approve (${levelLabel[level]}): ${contract.customer.legalName}`,
    [
      `Dear ${approverName},`,
      `Contract ${contract.contractId} for ${contract.customer.legalName} (${contract.service.name}, ${total}) waits for your approval as ${levelLabel[level]}.`,
      `Please approve or reject it by ${deadline.toISOString().slice(0, 10)}. A rejection needs a reason.`,
      ...(changes.length > 0
        ? [
            'What changed since it was returned:',
            ...changes.map((c) => `${c.field}: ${c.before || '(none)'} → ${c.after || '(none)'}`),
          ]
        : []),
    ],
    [
      { label: 'Approve', href: links.approve },
      { label: 'Reject', href: links.reject },
      { label: 'Open the contract', href: links.office },
    ],
  );
}

export function renderApprovalEscalation(
  contract: ContractView,
  managerName: string,
  level: ApprovalLevel,
  officeLink: string,
): EmailContent {
  return content(
    `Contract approval overdue: ${contract.customer.legalName}`,
    [
      `Dear ${managerName},`,
      `The ${levelLabel[level]} approval of contract ${contract.contractId} (${contract.customer.legalName}) was not given in 3 business days.`,
      'It still waits: the approver can use the emailed link, or anyone allowed can decide on the contract page.',
    ],
    [{ label: 'Open the contract', href: officeLink }],
  );
}

export function renderContractReturned(
  contract: ContractView,
  agentName: string,
  level: ApprovalLevel,
  by: string,
  reason: string,
  officeLink: string,
): EmailContent {
  return content(
    `Contract returned: ${contract.customer.legalName}`,
    [
      `Dear ${agentName},`,
      `${by} (${levelLabel[level]}) rejected contract ${contract.contractId} for ${contract.customer.legalName}.`,
      `Reason: ${reason}`,
      'Fix what is needed and resubmit it from the contract page.',
    ],
    [{ label: 'Open the contract', href: officeLink }],
  );
}

const key = (kind: string, contract: ContractView, to: string, period: string): OutboxKey => ({
  kind,
  subject: `contract#${contract.contractId}`,
  recipient: to,
  period,
});

/** Once per round and missing set. */
export const documentsMissingKey = (
  contract: ContractView,
  to: string,
  missing: readonly DocumentType[],
) =>
  key(
    'contract-documents-missing',
    contract,
    to,
    `round-${contract.round}:${[...missing].sort().join('+')}`,
  );

export const approvalRequestKey = (contract: ContractView, to: string, level: ApprovalLevel) =>
  key('contract-approval-request', contract, to, `round-${contract.round}:${level}`);

export const approvalEscalationKey = (contract: ContractView, to: string, level: ApprovalLevel) =>
  key('contract-approval-escalation', contract, to, `round-${contract.round}:${level}`);

export const contractReturnedKey = (contract: ContractView, to: string) =>
  key('contract-returned', contract, to, `round-${contract.round}`);
