import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type SignJWT } from 'jose';

type SigningKey = Parameters<SignJWT['sign']>[0];

/** The local issuer's signing key: made on first start, kept in the data folder. */
export interface IssuerKey {
  kid: string;
  privateKey: SigningKey;
  publicJwk: JWK;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export async function loadOrCreateIssuerKey(dataDir: string): Promise<IssuerKey> {
  const file = join(dataDir, 'sign-in-key.json');
  let stored: StoredKey;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredKey;
  } else {
    const pair = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const kid = randomUUID();
    stored = {
      kid,
      privateJwk: await exportJWK(pair.privateKey),
      publicJwk: { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' },
    };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const privateKey = await importJWK(stored.privateJwk, 'RS256');
  return { kid: stored.kid, privateKey, publicJwk: stored.publicJwk };
}
