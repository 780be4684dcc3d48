import { Logger } from '@aws-lambda-powertools/logger';
import { decisionLinkRefusedPage } from '../../shared/decisions/decision-link-pages';
import { linkDecider } from '../../shared/decisions/decision-links';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { httpHandler } from '../../shared/http/middleware';
import { basePath, htmlAnswer } from '../../shared/http/responses';
import { signedLinkProblemPage } from '../../shared/http/signed-link-pages';
import { verifySignedLink } from '../../shared/signed-link';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { approvalLinkPurpose, decideApproval, parseApprovalSubject } from '../contract-approvals';
import { mayDecide } from '../contract-desk';
import { approvalOutcomePage, approvalPage } from '../pages/contract-approval-page';
import { contractStore } from '../store/contracts';

/**
 * An approver's decision through the emailed link: `GET /contracts/approval/{token}?decision=…`
 * shows the contract and a confirm form (a reason, required to reject) and changes nothing;
 * `POST` records the decision once and resumes the workflow. The link names the approver it was
 * sent to and decides as them, while their role still decides the level (`decision-links.ts`);
 * a second decision (link or back office) is told the contract was decided already.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const staff = staffStore(table);
const deps = {
  contracts: contractStore(table),
  steps: decisionSteps(table),
  settings: settingsStore(table),
  zone: requireEnv('COMPANY_TIME_ZONE'),
};

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const token = event.pathParameters?.token ?? '';
  const check = verifySignedLink(token, await signingKey(), now, approvalLinkPurpose);
  if (check.status !== 'valid') return signedLinkProblemPage(check.status, 'en');
  const { link } = check;
  const subject = parseApprovalSubject(link.subject);
  const contract = subject ? await deps.contracts.get(subject.contractId) : undefined;
  if (!subject || !contract) return signedLinkProblemPage('tampered', 'en');
  const decider = await linkDecider(staff, subject.approverId, (principal) =>
    mayDecide(principal, contract, subject.level),
  );
  if (decider.kind === 'refused') {
    logger.info('Contract approval link refused', {
      contractId: contract.contractId,
      reason: decider.reason,
    });
    return decisionLinkRefusedPage(
      decider,
      `${basePath(event)}/office/contracts/${contract.contractId}`,
    );
  }
  const approver = decider.principal;
  const action = `${basePath(event)}/contracts/approval/${token}`;
  const isPost = event.requestContext.http.method === 'POST';
  const fields = isPost
    ? ((body) => (body.kind === 'form' ? body.fields : {}))(readBody(event))
    : {};
  const given = isPost ? fields.decision : event.queryStringParameters?.decision;
  const decision = given === 'reject' ? 'reject' : 'approve';
  const waiting =
    contract.round === subject.round &&
    contract.status === 'awaiting-approval' &&
    !contract.approvals[subject.level];
  if (!waiting) {
    return htmlAnswer(
      409,
      approvalOutcomePage('Already decided', 'This approval was decided already.'),
      'en',
    );
  }
  if (!isPost) {
    return htmlAnswer(
      200,
      approvalPage({ action, contract, level: subject.level, decision }),
      'en',
    );
  }
  try {
    const result = await decideApproval(
      deps,
      {
        contractId: contract.contractId,
        round: subject.round,
        level: subject.level,
        decision,
        by: { staffId: approver.staffId, name: approver.name },
        ...(fields.reason ? { reason: fields.reason } : {}),
        via: 'emailed approval link',
      },
      now,
      link,
    );
    logger.info('Contract approval decided', { contractId: contract.contractId, result });
    if (result === 'link-used') return signedLinkProblemPage('already-used', 'en');
    if (result === 'too-late') {
      return htmlAnswer(
        409,
        approvalOutcomePage(
          'Too late',
          'This approval no longer waits for an answer (its time ran out, or the contract moved on). Nothing was changed; decide it in the back office if it still waits there.',
        ),
        'en',
      );
    }
    if (result === 'decided') {
      const done = decision === 'approve' ? 'Approved' : 'Rejected';
      return htmlAnswer(
        200,
        approvalOutcomePage(
          done,
          `Contract ${contract.contractId}: ${done.toLowerCase()}. Thank you.`,
        ),
        'en',
      );
    }
    return htmlAnswer(
      409,
      approvalOutcomePage('Already decided', 'This approval was decided already.'),
      'en',
    );
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const problem = error.problems[0]?.message ?? 'Check the form';
    return htmlAnswer(
      400,
      approvalPage({ action, contract, level: subject.level, decision, problem }),
      'en',
    );
  }
});
