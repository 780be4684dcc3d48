import { hkdfSync } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';

/**
 * The keys that sign what the desk hands out: emailed links, the public form's tokens and the
 * back office's CSRF tokens. Each purpose has its own keys, so a key of one can never make a
 * token of another, and each is rotated on its own.
 *
 * The secret (Secrets Manager; `npm run signing-keys` rotates it) holds, per purpose, a list of
 * keys with an id and the time from which each signs:
 * `{"links": [{"id": "k1", "key": "…", "from": "2026-05-01T10:00:00Z"}, …], "forms": […], "csrf": […]}`.
 * The newest key whose `from` has come signs; every key in the list verifies, so a token signed
 * with the previous key works until it expires. A new key's `from` lies a few minutes ahead, so
 * that every running function has read it before anything is signed with it.
 *
 * A secret that is one plain string (as first deployed) gives each purpose a key derived from it
 * (id `0`), and keeps the string itself under the id `legacy`: it checks the tokens signed before
 * key ids existed, until they expire.
 */

export const keyPurposes = ['links', 'forms', 'csrf'] as const;
export type KeyPurpose = (typeof keyPurposes)[number];

/** The id under which a token without one (signed before key ids existed) is checked. */
export const legacyKeyId = 'legacy';

export interface PurposeKey {
  id: string;
  key: Buffer;
}

/** One purpose's keys as of a moment: the one that signs, and every one that verifies. */
export interface PurposeKeys {
  signing: PurposeKey;
  find(id: string): PurposeKey | undefined;
}

export type SigningKeys = Readonly<Record<KeyPurpose, PurposeKeys>>;

/** What the code accepts where keys are needed: the key ring, or a plain secret string. */
export type SigningKeyInput = SigningKeys | string;

export const keyIdPattern = /^[A-Za-z0-9_-]{1,16}$/;

const storedKey = z.object({
  id: z.string().regex(keyIdPattern),
  key: z.string().min(16),
  from: z.iso.datetime({ offset: true }).optional(),
});
export type StoredKey = z.infer<typeof storedKey>;

const storedSecret = z.object({
  links: z.array(storedKey).min(1),
  forms: z.array(storedKey).min(1),
  csrf: z.array(storedKey).min(1),
});
export type StoredSigningKeys = z.infer<typeof storedSecret>;

/** The secret's text as stored keys: the JSON form, or the keys a plain string stands for. */
export function storedSigningKeys(secret: string): StoredSigningKeys {
  const text = secret.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error('The signing key secret is not valid JSON');
    }
    const result = storedSecret.safeParse(parsed);
    if (!result.success) {
      throw new Error(`The signing key secret is not a key ring: ${result.error.message}`);
    }
    return result.data;
  }
  if (text.length < 16) {
    throw new Error('The signing key secret holds no key (a string of 16 or more characters)');
  }
  const derived = (purpose: KeyPurpose): StoredKey[] => [
    { id: '0', key: derivedKey(text, purpose) },
    { id: legacyKeyId, key: text },
  ];
  return { links: derived('links'), forms: derived('forms'), csrf: derived('csrf') };
}

/** A key of its own for each purpose, from the one string the secret first held. */
function derivedKey(secret: string, purpose: KeyPurpose): string {
  return Buffer.from(
    hkdfSync('sha256', secret, 'customer-desk signing keys', purpose, 32),
  ).toString('base64url');
}

/** The key ring as of `now`: per purpose, the newest key already signing, and all others. */
export function signingKeysAt(stored: StoredSigningKeys, now: Date): SigningKeys {
  const ring = (keys: readonly StoredKey[]): PurposeKeys => {
    const all = keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'utf8'), from: fromOf(k) }));
    const ready = all.filter((k) => k.id !== legacyKeyId && k.from <= now.getTime());
    const newest = ready.reduce<(typeof all)[number] | undefined>(
      (best, k) => (!best || k.from >= best.from ? k : best),
      undefined,
    );
    if (!newest) throw new Error('The signing key secret has no key that signs yet');
    const byId = new Map(all.map((k) => [k.id, { id: k.id, key: k.key }]));
    return { signing: { id: newest.id, key: newest.key }, find: (id) => byId.get(id) };
  };
  return { links: ring(stored.links), forms: ring(stored.forms), csrf: ring(stored.csrf) };
}

/** A key without `from` has signed from the start. */
const fromOf = (key: StoredKey) => (key.from ? Date.parse(key.from) : 0);

/** The keys of `purpose`; a plain string stands for the ring it would be as a secret. */
export function keysFor(input: SigningKeyInput, purpose: KeyPurpose): PurposeKeys {
  const keys =
    typeof input === 'string' ? signingKeysAt(storedSigningKeys(input), new Date(0)) : input;
  return keys[purpose];
}

/** How long a read secret is trusted: a rotation reaches every function within this. */
export const signingKeyCacheMs = 5 * 60 * 1000;

/**
 * Reads the key ring from Secrets Manager and keeps it for a few minutes, so a rotation is
 * picked up without a deploy. No endpoint here: the SDK reads AWS_ENDPOINT_URL_SECRETS_MANAGER.
 * Each call gives the ring as of the moment it is called. A read that fails keeps the keys read
 * before, if any; with none, the caller gets the error and the next call tries again.
 */
export function signingKeyReader(
  secretId: string,
  client = new SecretsManagerClient({}),
  clock: () => Date = () => new Date(),
): () => Promise<SigningKeys> {
  let last: StoredSigningKeys | undefined;
  let reading: Promise<StoredSigningKeys> | undefined;
  let readAt = Number.NEGATIVE_INFINITY;
  async function load(): Promise<StoredSigningKeys> {
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!answer.SecretString) throw new Error(`Secret ${secretId} holds no signing key`);
    try {
      return storedSigningKeys(answer.SecretString);
    } catch (error) {
      throw new Error(`Secret ${secretId}: ${(error as Error).message}`);
    }
  }
  return async () => {
    const now = clock();
    if (!reading && now.getTime() - readAt >= signingKeyCacheMs) {
      reading = load().finally(() => {
        reading = undefined;
      });
    }
    if (reading) {
      try {
        last = await reading;
        readAt = now.getTime();
      } catch (error) {
        if (!last) throw error;
        // Try again in half a minute; meanwhile the keys read before serve.
        readAt = now.getTime() - signingKeyCacheMs + 30_000;
      }
    }
    if (!last) throw new Error(`Secret ${secretId} was not read`);
    return signingKeysAt(last, now);
  };
}
