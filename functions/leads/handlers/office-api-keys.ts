import { Logger } from '@aws-lambda-powertools/logger';
import { isValid } from 'ulidx';
import { requireEnv } from '../../shared/env';
import { BadRequest, NotFound, ValidationError } from '../../shared/errors';
import { readBody } from '../../shared/http/body';
import { checkCsrf } from '../../shared/http/csrf';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { createLeadApiKey } from '../lead-api-keys';
import { apiKeysPage } from '../pages/api-key-pages';
import { apiKeyStore } from '../store/api-keys';

/**
 * Settings → API keys (managers): `GET /office/settings/api-keys` lists them,
 * `POST /office/settings/api-keys` creates one (shown once, on the answer),
 * `POST /office/settings/api-keys/{keyId}/revoke` revokes one.
 */

const logger = new Logger();
const keys = apiKeyStore(openTable(requireEnv('TABLE_NAME')));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/settings/api-keys':
      return list(request);
    case 'POST /office/settings/api-keys':
      return create(request);
    case 'POST /office/settings/api-keys/{keyId}/revoke':
      return revoke(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function list({ event, frame }: OfficeRequest) {
  const revoked = event.queryStringParameters?.revoked;
  return pageAnswer(
    200,
    apiKeysPage({
      frame,
      zone,
      keys: await keys.list(),
      ...(revoked ? { flash: { kind: 'done', message: `Key "${revoked}" revoked.` } } : {}),
    }),
  );
}

async function formOf(request: OfficeRequest, action: string) {
  const body = readBody(request.event);
  if (body.kind !== 'form') throw new BadRequest(`${action} from the API keys page`);
  checkCsrf(request.event, body.fields, await signingKey());
  return body.fields;
}

/** The new key is answered on this page (200, not a redirect): it must not travel in a URL. */
async function create(request: OfficeRequest) {
  const { frame, principal, now } = request;
  const fields = await formOf(request, 'Create a key');
  try {
    const created = await createLeadApiKey(
      keys,
      fields.name,
      { staffId: principal.staffId, name: principal.name },
      now,
    );
    logger.info('API key created', { keyId: created.key.keyId, by: principal.staffId });
    return pageAnswer(200, apiKeysPage({ frame, zone, keys: await keys.list(), created }));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return pageAnswer(
      400,
      apiKeysPage({
        frame,
        zone,
        keys: await keys.list(),
        values: { name: fields.name ?? '' },
        problems: error.problems,
      }),
    );
  }
}

async function revoke(request: OfficeRequest) {
  const { frame, principal, now, event } = request;
  await formOf(request, 'Revoke a key');
  const keyId = event.pathParameters?.keyId ?? '';
  const key = isValid(keyId) ? await keys.get(keyId) : undefined;
  if (!key) throw new NotFound('There is no API key with this id.');
  // Revoked before (a double click): the list says so already.
  await keys.revoke(keyId, { staffId: principal.staffId, name: principal.name }, now);
  logger.info('API key revoked', { keyId, by: principal.staffId });
  return seeOther(`${frame.base}/office/settings/api-keys?revoked=${encodeURIComponent(key.name)}`);
}
