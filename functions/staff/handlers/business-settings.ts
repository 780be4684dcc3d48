import { Logger } from '@aws-lambda-powertools/logger';
import { requireEnv } from '../../shared/env';
import { NotFound, ValidationError } from '../../shared/errors';
import { httpHandler } from '../../shared/http/middleware';
import { jsonAnswer } from '../../shared/http/responses';
import { readJsonWrite, staffPrincipal } from '../../shared/http/staff-request';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules, saveBusinessRules } from '../settings/settings';
import { settingsStore } from '../settings/settings-store';

/**
 * GET /settings: the business rules and calendar with their version.
 * PUT /settings (manager): `{version, rules}`; a stale version is 409, a bad rule 400 naming it.
 */

const logger = new Logger();
const settings = settingsStore(openTable(requireEnv('TABLE_NAME')));

export const handler = httpHandler(logger, async (event) => {
  const principal = staffPrincipal(event);
  switch (event.routeKey) {
    case 'GET /settings':
      return jsonAnswer(200, await loadBusinessRules(settings));
    case 'PUT /settings': {
      const body = readJsonWrite(event);
      const version = body.version;
      if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
        throw new ValidationError([
          {
            field: 'version',
            message: 'the version you read is required, to detect concurrent edits',
          },
        ]);
      }
      // Seeds the defaults on a new desk, so version 1 exists to be replaced.
      await loadBusinessRules(settings);
      const saved = await saveBusinessRules(settings, body.rules, version, new Date());
      logger.info('Business rules changed', { version: saved.version, by: principal.staffId });
      return jsonAnswer(200, saved);
    }
    default:
      throw new NotFound(`No such route: ${event.routeKey}`);
  }
});
