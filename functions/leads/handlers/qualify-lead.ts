import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { contactStore } from '../../accounts/store/contacts';
import { requireEnv } from '../../shared/env';
import { openTable } from '../../shared/store/table';
import { settingsStore } from '../../staff/settings/settings-store';
import { type QualifyResult, qualifyStoredLead } from '../lead-routing';
import { leadStore } from '../store/lead-store';

/**
 * Step `Qualify` of `lead-intake` (payload `{leadId}`): scores the lead, flags an unreliable
 * prospect, keeps both on the lead. Throws `InvalidPayload` or `RecordMissing`.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const leads = leadStore(table);
const settings = settingsStore(table);
const contacts = contactStore(table);
const zone = requireEnv('COMPANY_TIME_ZONE');

export const handler = middy<{ leadId?: unknown }, QualifyResult>()
  .use(injectLambdaContext(logger))
  .handler(async (event) => {
    const result = await qualifyStoredLead(
      { leads, settings, contacts, zone },
      event?.leadId,
      new Date(),
    );
    logger.info('Lead qualified', { ...result });
    return result;
  });
