import { Logger } from '@aws-lambda-powertools/logger';
import { isValid, ulid } from 'ulidx';
import { leadQuotes } from '../../quotes/pages/lead-quotes';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv } from '../../shared/env';
import { BadRequest, Conflict, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { readReason } from '../../shared/rules/text-fields';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { leadAcceptance } from '../lead-acceptance';
import { assignableAgents, assignLead, leadScopeFor, mayAssign, openLead } from '../lead-desk';
import { acceptLead, isLeadId } from '../lead-intake';
import { reviewForPage } from '../lead-review-decision';
import { leadEntryPage } from '../pages/lead-entry-page';
import { problemMessage } from '../pages/lead-form-text';
import { leadDetailPage, leadListPage, readLeadListParams } from '../pages/lead-pages';
import { reviewFlash, reviewSection } from '../pages/lead-review-pages';
import { isLeadSource, staffEntrySources, validateLead } from '../rules/lead';
import { logFirstContact } from '../store/first-contacts';
import { markLeadLost, openLeadStatuses } from '../store/lead-outcomes';
import { leadStore } from '../store/lead-store';

/**
 * The back office's leads: `GET /office/leads` (search, filters, paging),
 * `GET /office/leads/{leadId}` (details and timeline), `POST /office/leads/{leadId}/assign`,
 * `POST /office/leads/{leadId}/first-contact` (ends the first-contact clock),
 * `POST /office/leads/{leadId}/lost` (the lead ends, with a reason), and
 * staff entry of a lead: `GET`/`POST /office/leads/new` (the same store path and intake as the
 * public form, with the source staff choose).
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const leads = leadStore(table);
const staff = staffStore(table);
const steps = decisionSteps(table);
const settings = settingsStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const acceptance = leadAcceptance(table);
const pageSize = 25;

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/leads':
      return listLeads(request);
    case 'GET /office/leads/new':
      return pageAnswer(200, entryPage(request, {}, []));
    case 'POST /office/leads/new':
      return enterLead(request);
    case 'GET /office/leads/{leadId}':
      return showLead(request);
    case 'POST /office/leads/{leadId}/assign':
      return assign(request);
    case 'POST /office/leads/{leadId}/first-contact':
      return firstContact(request);
    case 'POST /office/leads/{leadId}/lost':
      return markLost(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function listLeads({ event, principal, frame }: OfficeRequest) {
  const { params, filters, problems } = readLeadListParams(event.queryStringParameters ?? {});
  const directory = principal.role === 'agent' ? [] : await staff.listMembers();
  const owners = assignableAgents(principal, directory);
  const scope = leadScopeFor(principal, params.owner);
  if (problems.length || !scope) {
    const all = scope ? problems : [...problems, { field: 'owner', message: 'Choose an owner' }];
    return pageAnswer(400, leadListPage({ frame, zone, params, problems: all, owners, leads: [] }));
  }
  const page = await leads.list({ scope, filters, pageSize, after: params.after });
  return pageAnswer(
    200,
    leadListPage({ frame, zone, params, problems: [], owners, leads: page.leads, next: page.next }),
  );
}

function leadIdOf(request: OfficeRequest): string {
  const leadId = request.event.pathParameters?.leadId;
  // An id that cannot be a lead's is answered like an unknown one: nothing to tell apart.
  if (!isLeadId(leadId))
    throw new NotFound('There is no lead with this id, or it is not yours to see.');
  return leadId;
}

async function showLead(request: OfficeRequest) {
  const { principal, frame, event } = request;
  const lead = await openLead(leads, principal, leadIdOf(request));
  const agents = mayAssign(principal, lead)
    ? assignableAgents(principal, await staff.listMembers())
    : undefined;
  const done = event.queryStringParameters?.done;
  const review = await reviewForPage({ steps, settings }, principal, lead);
  return pageAnswer(
    200,
    leadDetailPage({
      frame,
      zone,
      lead,
      timeline: await leads.timeline(lead.leadId),
      ...(agents ? { agents } : {}),
      review: reviewSection({ frame, lead, zone, ...review }),
      quotes: await leadQuotes(table, { frame, zone, lead }),
      mayMarkLost: openLeadStatuses.includes(lead.status),
      ...reviewFlash(done, review.review, zone),
      ...(done === 'assigned' && lead.ownerName
        ? { flash: { kind: 'done', message: `Lead assigned to ${lead.ownerName}.` } }
        : {}),
      ...(done === 'contacted' && lead.status === 'contacted'
        ? { flash: { kind: 'done', message: 'First contact logged.' } }
        : {}),
      ...(done === 'lost' && lead.status === 'lost'
        ? { flash: { kind: 'done', message: 'Lead marked as lost; nothing chases it any more.' } }
        : {}),
    }),
  );
}

async function assign(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const leadId = leadIdOf(request);
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the assignment from the lead page');
  checkCsrf(event, body.fields, await signingKey());
  const version = Number(body.fields.version);
  if (!Number.isInteger(version) || version < 1) {
    throw new BadRequest('The form is missing the version of the lead; reload the page');
  }
  const agentId = (body.fields.agentId ?? '').trim();
  try {
    await assignLead({ leads, staff }, principal, leadId, agentId, version, now);
  } catch (error) {
    if (!(error instanceof ValidationError) && !(error instanceof Conflict)) throw error;
    // Refused: the lead's page again, as it is now, with the problem next to the choice.
    const lead = await openLead(leads, principal, leadId);
    const page = leadDetailPage({
      frame,
      zone,
      lead,
      timeline: await leads.timeline(leadId),
      agents: assignableAgents(principal, await staff.listMembers()),
      ...(error instanceof ValidationError
        ? { problems: error.problems, chosenAgent: agentId }
        : { flash: { kind: 'problem', message: error.message } }),
    });
    return pageAnswer(error instanceof Conflict ? 409 : 400, page);
  }
  logger.info('Lead assigned', { leadId, agentId, by: principal.staffId });
  return seeOther(`${frame.base}/office/leads/${leadId}?done=assigned`);
}

function entryPage(
  { frame, event }: OfficeRequest,
  values: Record<string, string>,
  problems: { field: string; message: string }[],
  entryKey = ulid(),
) {
  const entered = event.queryStringParameters?.entered;
  return leadEntryPage({
    frame,
    entryKey,
    values,
    problems,
    ...(isLeadId(entered) && problems.length === 0
      ? { flash: { kind: 'done', message: `Lead ${entered} entered; its intake has started.` } }
      : {}),
  });
}

async function enterLead(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Send the lead from the New lead page');
  checkCsrf(event, body.fields, await signingKey());
  const fields = body.fields;
  const entryKey = fields.entryKey ?? '';
  if (!isValid(entryKey))
    throw new BadRequest('The form is missing its entry key; reload the page');
  const problems: { field: string; message: string }[] = [];
  const source = fields.source ?? '';
  if (!isLeadSource(source) || !staffEntrySources.includes(source)) {
    problems.push({ field: 'source', message: 'Choose where the lead came from' });
  }
  const validation = validateLead(fields, 'en');
  if (!validation.ok) {
    for (const p of validation.problems) {
      problems.push({ field: p.field, message: problemMessage('en', p.problem, p.limit) });
    }
  }
  if (!validation.ok || problems.length > 0 || !isLeadSource(source)) {
    // The same entry key again: the corrected form still makes one lead.
    return pageAnswer(400, entryPage(request, fields, problems, entryKey));
  }
  const { lead, created } = await acceptLead(
    acceptance,
    validation.lead,
    {
      kind: 'staff-entry',
      key: entryKey,
      source,
      enteredBy: { staffId: principal.staffId, name: principal.name },
    },
    now,
  );
  logger.info(created ? 'Lead entered' : 'Lead entered again', {
    leadId: lead.leadId,
    by: principal.staffId,
  });
  return seeOther(`${frame.base}/office/leads/new?entered=${lead.leadId}`);
}

/** Logs the first contact: the lead leaves the reminder index; its timeline says who and when. */
async function firstContact(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const leadId = leadIdOf(request);
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Log the first contact from the lead page');
  checkCsrf(event, body.fields, await signingKey());
  const lead = await openLead(leads, principal, leadId);
  const version = Number(body.fields.version);
  if (!Number.isInteger(version) || version < 1) {
    throw new BadRequest('The form is missing the version of the lead; reload the page');
  }
  const by = { kind: 'staff' as const, staffId: principal.staffId, name: principal.name };
  const result = await logFirstContact(table, lead.leadId, by, version, now);
  if (result === 'stale') {
    throw new Conflict('Someone changed this lead while you were looking at it; reload the page.');
  }
  if (result === 'not-awaited' && lead.status !== 'contacted') {
    throw new Conflict('This lead does not await a first contact (it has no owner yet).');
  }
  logger.info('First contact logged', { leadId, by: principal.staffId, result });
  return seeOther(`${frame.base}/office/leads/${leadId}?done=contacted`);
}

/**
 * Marks the lead lost with its reason (its agent, their supervisor, a manager): it leaves the
 * first-contact reminders and escalations; its timeline says who and why.
 */
async function markLost(request: OfficeRequest) {
  const { event, principal, frame, now } = request;
  const leadId = leadIdOf(request);
  const body = readBody(event);
  if (body.kind !== 'form') throw new BadRequest('Mark the lead lost from its page');
  checkCsrf(event, body.fields, await signingKey());
  const lead = await openLead(leads, principal, leadId);
  const version = Number(body.fields.version);
  if (!Number.isInteger(version) || version < 1) {
    throw new BadRequest('The form is missing the version of the lead; reload the page');
  }
  let reason: string;
  try {
    reason = readReason(body.fields.reason, {
      max: 500,
      requiredMessage: 'Say why the lead was lost: the team reads it',
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const page = leadDetailPage({
      frame,
      zone,
      lead,
      timeline: await leads.timeline(leadId),
      mayMarkLost: openLeadStatuses.includes(lead.status),
      lostReason: body.fields.reason ?? '',
      problems: error.problems,
    });
    return pageAnswer(400, page);
  }
  const by = { kind: 'staff' as const, staffId: principal.staffId, name: principal.name };
  const result = await markLeadLost(table, lead.leadId, by, reason, version, now);
  if (result === 'stale') {
    throw new Conflict('Someone changed this lead while you were looking at it; reload the page.');
  }
  if (result === 'not-open' && lead.status !== 'lost') {
    throw new Conflict(`This lead is ${lead.status}: only a lead still being worked can be lost.`);
  }
  logger.info('Lead lost', { leadId, by: principal.staffId, result });
  return seeOther(`${frame.base}/office/leads/${leadId}?done=lost`);
}
