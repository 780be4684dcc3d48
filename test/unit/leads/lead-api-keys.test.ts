import { describe, expect, it } from 'vitest';
import {
  authenticateLeadClient,
  createLeadApiKey,
  presentedApiKey,
} from '../../../functions/leads/lead-api-keys';
import { bearerToken, issueApiKey, readApiKey } from '../../../functions/leads/rules/api-key';
import type { ApiKeyRecord, ApiKeyStore } from '../../../functions/leads/store/api-keys';
import { ValidationError } from '../../../functions/shared/errors';

const now = new Date('2026-05-04T09:00:00Z');
const manager = { staffId: 'M1', name: 'Maria Manager' };

function memoryKeys(): ApiKeyStore & { items: Map<string, ApiKeyRecord> } {
  const items = new Map<string, ApiKeyRecord>();
  return {
    items,
    async create(key) {
      if (items.has(key.keyId)) return false;
      items.set(key.keyId, structuredClone(key));
      return true;
    },
    async get(keyId) {
      return items.get(keyId);
    },
    async list() {
      return [...items.values()];
    },
    async revoke(keyId, by, at) {
      const key = items.get(keyId);
      if (!key || key.revokedAt) return false;
      Object.assign(key, { revokedAt: at.toISOString(), revokedBy: by });
      return true;
    },
    async noteUse(keyId, at) {
      const key = items.get(keyId);
      if (key) key.lastUsedAt = at.toISOString();
    },
  };
}

const authenticate = (keys: ApiKeyStore, header: string | undefined) => {
  const presented = presentedApiKey(header);
  return presented ? authenticateLeadClient(keys, presented, now) : Promise.resolve(undefined);
};

describe('API keys for posting leads', () => {
  it('are stored only as a hash of their secret, shown whole once', async () => {
    const keys = memoryKeys();
    const { key, token } = await createLeadApiKey(keys, '  Website\u200B ', manager, now);
    expect(key).toMatchObject({
      name: 'Website',
      createdBy: manager,
      createdAt: now.toISOString(),
    });
    const stored = JSON.stringify([...keys.items.values()]);
    const secret = readApiKey(token)?.secret ?? '';
    expect(secret).toHaveLength(43);
    expect(stored).not.toContain(secret);
  });

  it('let the holder in, note the use, and keep out a wrong, unknown or revoked key', async () => {
    const keys = memoryKeys();
    const { key, token } = await createLeadApiKey(keys, 'Website', manager, now);
    expect(await authenticate(keys, `Bearer ${token}`)).toEqual({
      keyId: key.keyId,
      name: 'Website',
    });
    expect(keys.items.get(key.keyId)?.lastUsedAt).toBe(now.toISOString());
    const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await authenticate(keys, `Bearer ${forged}`)).toBeUndefined();
    expect(await authenticate(keys, `Bearer ${issueApiKey(now).token}`)).toBeUndefined();
    expect(await authenticate(keys, undefined)).toBeUndefined();
    expect(await authenticate(keys, token)).toBeUndefined();
    await keys.revoke(key.keyId, manager, now);
    expect(await authenticate(keys, `Bearer ${token}`)).toBeUndefined();
  });

  it('read a key only from a Bearer header shaped like ours', () => {
    const { token, keyId } = issueApiKey(now);
    expect(bearerToken(`bearer  ${token} `)).toBe(token);
    expect(readApiKey(token)?.keyId).toBe(keyId);
    expect(readApiKey(`${token}x`)).toBeUndefined();
    expect(readApiKey('desk_short_secret')).toBeUndefined();
    expect(bearerToken(`Basic ${token}`)).toBeUndefined();
  });

  it('need a name, refused with the field named', async () => {
    const refused = await createLeadApiKey(memoryKeys(), ' \u202E ', manager, now).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems[0]?.field).toBe('name');
  });
});
