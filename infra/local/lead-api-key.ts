import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { issueApiKey } from '../../functions/leads/rules/api-key';
import { apiKeyStore } from '../../functions/leads/store/api-keys';

/**
 * The local desk's API key for `POST /leads` as JSON, made on first start and kept in the data
 * folder (printed at start, like the staff passwords: this machine guards nothing real). On AWS a
 * manager creates keys on Settings → API keys; here one exists so the API can be tried at once.
 */
export async function seedLeadApiKey(
  client: DynamoDBClient,
  tableName: string,
  dataDir: string,
  now: Date,
): Promise<string> {
  const file = join(dataDir, 'lead-api-key.json');
  const stored: { keyId: string; token: string; secretHash: string } = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : issueApiKey(now);
  if (!existsSync(file)) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  const keys = apiKeyStore({ client: DynamoDBDocumentClient.from(client), name: tableName });
  // Already there (a restart), or revoked by a manager meanwhile: left as it is.
  await keys.create({
    keyId: stored.keyId,
    name: 'Local desk (seeded)',
    secretHash: stored.secretHash,
    createdAt: now.toISOString(),
    createdBy: { staffId: 'local', name: 'npm start' },
  });
  return stored.token;
}
