import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { decisionLinkRefusedPage } from '../../shared/decisions/decision-link-pages';
import { linkDecider, parseDeciderSubject } from '../../shared/decisions/decision-links';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { BadRequest, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { httpHandler } from '../../shared/http/middleware';
import { basePath, type HttpAnswer, htmlAnswer } from '../../shared/http/responses';
import { signedLinkProblemPage } from '../../shared/http/signed-link-pages';
import { type SignedLink, verifySignedLink } from '../../shared/signed-link';
import { signingKeyReader } from '../../shared/signing-key';
import type { StaffPrincipal } from '../../shared/staff-member';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import {
  type LeadReview,
  leadReviewKey,
  leadReviewPurpose,
  type ReviewDecision,
  teamOfLead,
} from '../lead-review';
import {
  currentReview,
  decideLeadReview,
  isOpen,
  mayDecideReview,
  readDecisionForm,
} from '../lead-review-decision';
import { reviewLinkPage, reviewOutcomePage } from '../pages/lead-review-pages';
import type { Lead } from '../rules/lead';
import { leadStore } from '../store/lead-store';

/**
 * The supervisor's signed link for a flagged lead: `GET /leads/review/{token}` shows the lead and
 * the form (changes nothing); `POST` records the decision once and hands it to the waiting
 * intake. A second decision, by this link or another, gets "already decided". The link decides
 * as the supervisor it was sent to, while their role still decides the lead (`decision-links.ts`).
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const leads = leadStore(table);
const deps = {
  steps: decisionSteps(table),
};
const directory = { staff: staffStore(table), settings: settingsStore(table) };

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const check = verifySignedLink(
    event.pathParameters?.token ?? '',
    await signingKey(),
    now,
    leadReviewPurpose,
  );
  if (check.status === 'tampered') return signedLinkProblemPage('tampered', check.locale ?? 'en');
  if (check.status === 'expired') return signedLinkProblemPage('expired', check.link.locale);
  const { link } = check;
  const lead = await leadOf(link);
  const decider = await linkDecider(directory.staff, await recipientOf(link, lead), async (p) =>
    mayDecideReview(p, await teamOfLead(directory.settings, lead)),
  );
  if (decider.kind === 'refused') {
    logger.info('Lead review link refused', { leadId: lead.leadId, reason: decider.reason });
    return decisionLinkRefusedPage(decider, `${basePath(event)}/office/leads/${lead.leadId}`);
  }
  return event.requestContext.http.method === 'POST'
    ? decide(event, link, lead, decider.principal, now)
    : show(event, lead, now);
});

const page = (statusCode: number, body: string) => htmlAnswer(statusCode, body, 'en');

async function leadOf(link: SignedLink) {
  const leadId = parseDeciderSubject(link.subject).record;
  const lead = await leads.getLead(leadId);
  // A genuine link names a lead that exists: leads are never deleted.
  if (!lead) throw new Error(`Lead ${leadId} of a review link does not exist`);
  return lead;
}

/** Whom the link was sent to: named in it, or (made before links named them) the review's reviewer. */
async function recipientOf(link: SignedLink, lead: Lead): Promise<string | undefined> {
  const named = parseDeciderSubject(link.subject).staffId;
  const review = await deps.steps.get<ReviewDecision>(leadReviewKey(lead.leadId));
  return named ?? (review as LeadReview | undefined)?.reviewer?.staffId;
}

async function show(event: APIGatewayProxyEventV2, lead: Lead, now: Date) {
  const review = await currentReview(deps, lead.leadId, now);
  if (review?.decision) {
    return page(
      200,
      reviewOutcomePage({ kind: 'already-decided', decision: review.decision }, zone),
    );
  }
  if (!review || !isOpen(review)) {
    return page(200, reviewOutcomePage({ kind: 'not-open', review }, zone));
  }
  const wanted = event.queryStringParameters?.decision;
  return page(
    200,
    reviewLinkPage({
      lead,
      review,
      action: actionOf(event),
      zone,
      ...(wanted === 'approve' || wanted === 'reject' ? { first: wanted } : {}),
    }),
  );
}

async function decide(
  event: APIGatewayProxyEventV2,
  link: SignedLink,
  lead: Lead,
  decider: StaffPrincipal,
  now: Date,
): Promise<HttpAnswer> {
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the decision from the review page');
  let answer: ReturnType<typeof readDecisionForm>;
  try {
    answer = readDecisionForm(body.fields);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const review = await currentReview(deps, lead.leadId, now);
    if (!review || !isOpen(review)) return show(event, lead, now);
    const form = {
      lead,
      review,
      action: actionOf(event),
      zone,
      reason: body.fields.reason ?? '',
      problems: error.problems,
    };
    return page(400, reviewLinkPage(form));
  }
  // The decision is recorded in the name of the person the link was sent to.
  const outcome = await decideLeadReview(
    deps,
    {
      leadId: lead.leadId,
      verdict: answer.verdict,
      reason: answer.reason,
      decider: { staffId: decider.staffId, name: decider.name },
      via: 'link',
      link,
    },
    now,
  );
  logger.info('Lead review decision by link', { leadId: lead.leadId, outcome: outcome.kind });
  if (outcome.kind === 'link-used') return signedLinkProblemPage('already-used', link.locale);
  return page(200, reviewOutcomePage(outcome, zone));
}

function actionOf(event: APIGatewayProxyEventV2): string {
  return `${basePath(event)}/leads/review/${event.pathParameters?.token ?? ''}`;
}
