import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from '../../shared/env';
import { NotFound } from '../../shared/errors';
import { httpHandler } from '../../shared/http/middleware';
import { jsonAnswer } from '../../shared/http/responses';
import { staffPrincipal } from '../../shared/http/staff-request';
import { openTable } from '../../shared/store/table';
import { openLead } from '../lead-desk';
import { isLeadId } from '../lead-intake';
import { leadStore } from '../store/lead-store';

/**
 * GET /leads/{leadId}: one lead, for signed-in staff who may see it (an agent their own, a
 * supervisor their team's and unassigned ones, a manager all). Any other is answered 404.
 */

const logger = new Logger();
const leads = leadStore(openTable(requireEnv('TABLE_NAME')));

export const handler = httpHandler(logger, async (event) => {
  const principal = staffPrincipal(event);
  const leadId = event.pathParameters?.leadId;
  // An id that cannot be a lead's is answered like an unknown one: nothing to tell apart.
  if (!isLeadId(leadId)) throw new NotFound('There is no lead with this id');
  return jsonAnswer(200, await openLead(leads, principal, leadId));
});
