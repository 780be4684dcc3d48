import { Logger } from '@aws-lambda-powertools/logger';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { BadRequest, Forbidden, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { assignableAgents, mayAssign, openLead } from '../lead-desk';
import { isLeadId } from '../lead-intake';
import { decideLeadReview, readDecisionForm, reviewForPage } from '../lead-review-decision';
import { leadDetailPage } from '../pages/lead-pages';
import { reviewSection } from '../pages/lead-review-pages';
import { leadStore } from '../store/lead-store';

/**
 * `POST /office/leads/{leadId}/review`: the supervisor of a flagged lead's team (or a manager)
 * approves or rejects it on the lead's page, as the emailed link does. CSRF-checked; a second
 * decision is told "already decided" and changes nothing.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const leads = leadStore(table);
const staff = staffStore(table);
const settings = settingsStore(table);
const deps = {
  steps: decisionSteps(table),
};

export const handler = officeHandler(logger, signingKey, async (request) => {
  const { event, principal, frame, now } = request;
  const leadId = event.pathParameters?.leadId;
  if (!isLeadId(leadId))
    throw new NotFound('There is no lead with this id, or it is not yours to see.');
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the decision from the lead page');
  checkCsrf(event, body.fields, await signingKey());
  const lead = await openLead(leads, principal, leadId);
  const page = await reviewForPage({ steps: deps.steps, settings }, principal, lead);
  if (page.open && !page.mayDecide) {
    throw new Forbidden("Only the supervisor of the lead's team or a manager decides its review.");
  }
  let answer: ReturnType<typeof readDecisionForm>;
  try {
    answer = readDecisionForm(body.fields);
  } catch (error) {
    if (!(error instanceof ValidationError) || !page.open) throw error;
    return refused(request, lead, page, body.fields.reason ?? '', error);
  }
  const outcome = await decideLeadReview(
    deps,
    {
      leadId,
      verdict: answer.verdict,
      reason: answer.reason,
      decider: { staffId: principal.staffId, name: principal.name },
      via: 'office',
    },
    now,
  );
  logger.info('Lead review decision in the back office', {
    leadId,
    by: principal.staffId,
    outcome: outcome.kind,
  });
  return seeOther(`${frame.base}/office/leads/${leadId}?done=review-${outcome.kind}`);
});

/** The lead's page again with the problem next to the reason. */
async function refused(
  { principal, frame }: OfficeRequest,
  lead: Awaited<ReturnType<typeof openLead>>,
  page: Awaited<ReturnType<typeof reviewForPage>>,
  reason: string,
  error: ValidationError,
) {
  const agents = mayAssign(principal, lead)
    ? assignableAgents(principal, await staff.listMembers())
    : undefined;
  return pageAnswer(
    400,
    leadDetailPage({
      frame,
      zone,
      lead,
      timeline: await leads.timeline(lead.leadId),
      ...(agents ? { agents } : {}),
      review: reviewSection({ frame, lead, zone, ...page, reason, problems: error.problems }),
    }),
  );
}
