import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from './core/env';
import { BadRequest, Conflict, NotFound, ValidationError } from './core/errors';
import { readBody } from './core/http/body';
import { checkCsrf } from './core/http/csrf';
import { type OfficeRequest, officeHandler, pageAnswer } from './core/http/office/handler';
import { leadDetailPage, leadListPage, readLeadListParams } from './core/http/office/lead-pages';
import { seeOther } from './core/http/responses';
import { assignableAgents, assignLead, leadScopeFor, mayAssign, openLead } from './core/lead-desk';
import { isLeadId } from './core/lead-intake';
import { signingKeyReader } from './core/signing-key';
import { leadStore } from './core/store/lead-store';
import { staffStore } from './core/store/staff-store';
import { openTable } from './core/store/table';

/**
 * The back office's leads: `GET /office/leads` (search, filters, paging),
 * `GET /office/leads/{leadId}` (details and timeline) and `POST /office/leads/{leadId}/assign`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const leads = leadStore(table);
const staff = staffStore(table);
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const pageSize = 25;

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/leads':
      return listLeads(request);
    case 'GET /office/leads/{leadId}':
      return showLead(request);
    case 'POST /office/leads/{leadId}/assign':
      return assign(request);
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
  const done = event.queryStringParameters?.done === 'assigned';
  return pageAnswer(
    200,
    leadDetailPage({
      frame,
      zone,
      lead,
      timeline: await leads.timeline(lead.leadId),
      ...(agents ? { agents } : {}),
      ...(done && lead.ownerName
        ? { flash: { kind: 'done', message: `Lead assigned to ${lead.ownerName}.` } }
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
