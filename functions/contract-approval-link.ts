import { Logger } from '@aws-lambda-powertools/logger';
import {
  approvalLinkPurpose,
  decideApproval,
  parseApprovalSubject,
} from './core/contract-approvals';
import { mayDecide } from './core/contract-desk';
import { taskCallback } from './core/contract-resume';
import { linkDecider } from './core/decision-links';
import { requireEnv } from './core/env';
import { ValidationError } from './core/errors';
import { readBody } from './core/http/body';
import { approvalOutcomePage, approvalPage } from './core/http/contract-approval-page';
import { decisionLinkRefusedPage } from './core/http/decision-link-pages';
import { httpHandler } from './core/http/middleware';
import { basePath, htmlAnswer } from './core/http/responses';
import { signedLinkProblemPage } from './core/http/signed-link-pages';
import { verifySignedLink } from './core/signed-link';
import { signingKeyReader } from './core/signing-key';
import { contractStepStore } from './core/store/contract-steps';
import { contractStore } from './core/store/contracts';
import { settingsStore } from './core/store/settings-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';
import { usedLinkStore } from './core/store/used-links';

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
  steps: contractStepStore(table),
  settings: settingsStore(table),
  zone: requireEnv('COMPANY_TIME_ZONE'),
  callback: taskCallback(),
};
const usedLinks = usedLinkStore(table);

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
    );
    logger.info('Contract approval decided', { contractId: contract.contractId, result });
    if (result === 'resumed' || result === 'too-late') {
      await usedLinks.markLinkUsed(link.linkId, {
        purpose: link.purpose,
        subject: link.subject,
        usedAt: now,
        linkExpiresAt: link.expiresAt,
      });
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
