import { ValidationError } from '../shared/errors';
import { readText, textField } from '../shared/rules/text-fields';
import { bearerToken, issueApiKey, readApiKey, secretMatches } from './rules/api-key';
import type { ApiKeyRecord, ApiKeyStore } from './store/api-keys';

/**
 * Who may post leads as JSON: a client holding an API key a manager created (the public form has
 * its one-time form token instead). Keys are created and revoked on the back office's settings.
 */

/** The client a request was made by: the key's id and the name the manager gave it. */
export interface LeadClient {
  keyId: string;
  name: string;
}

/** The key of an `Authorization: Bearer <key>` header, if it is shaped like one of ours. */
export function presentedApiKey(authorization: string | undefined) {
  return readApiKey(bearerToken(authorization) ?? '');
}

/** The client holding `presented`; undefined for an unknown, wrong or revoked key. */
export async function authenticateLeadClient(
  keys: ApiKeyStore,
  presented: { keyId: string; secret: string },
  now: Date,
): Promise<LeadClient | undefined> {
  const stored = await keys.get(presented.keyId);
  if (!stored || stored.revokedAt || !secretMatches(presented.secret, stored.secretHash)) {
    return undefined;
  }
  await keys.noteUse(stored.keyId, now);
  return { keyId: stored.keyId, name: stored.name };
}

const keyName = textField({ max: 100 });

/** A new key named `name`; the answer's `token` is the only time the whole key is seen. */
export async function createLeadApiKey(
  keys: ApiKeyStore,
  name: unknown,
  by: { staffId: string; name: string },
  now: Date,
): Promise<{ key: ApiKeyRecord; token: string }> {
  const read = readText(keyName, name);
  if (!read.ok) {
    const message =
      read.problem === 'too-long'
        ? 'Use at most 100 characters'
        : read.problem === 'control-characters'
          ? 'Remove the control characters'
          : 'Name the client that will use the key, for example "Website"';
    throw new ValidationError([{ field: 'name', message }]);
  }
  for (;;) {
    const issued = issueApiKey(now);
    const key: ApiKeyRecord = {
      keyId: issued.keyId,
      name: read.value,
      secretHash: issued.secretHash,
      createdAt: now.toISOString(),
      createdBy: by,
    };
    // Two keys issued in the same millisecond may share an id: the second draws again.
    if (await keys.create(key)) return { key, token: issued.token };
  }
}
