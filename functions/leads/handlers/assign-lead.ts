import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { staffStore } from '../../staff/store/staff-store';
import { type AssignResult, assignNewLead } from '../lead-routing';
import { leadStore } from '../store/lead-store';

/**
 * Step `Assign` of `lead-intake` (payload `{leadId}`): gives the lead to the least-loaded agent
 * of its team with its first-contact due date. Throws `NoAgentAvailable` when the team has no
 * active agent (the workflow then leaves the lead to a supervisor), `RecordMissing`, `InvalidPayload`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const leads = leadStore(table);
const staff = staffStore(table);
const settings = settingsStore(table);

export const handler = middy<{ leadId?: unknown }, AssignResult>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await assignNewLead({ leads, staff, settings, zone }, event?.leadId, new Date());
    logger.info('Lead assignment', { ...result });
    return result;
  });
