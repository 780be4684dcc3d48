import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The key that signs form tokens and links, read once from Secrets Manager and kept for the life
 * of the execution environment. No endpoint here: the SDK reads AWS_ENDPOINT_URL_SECRETS_MANAGER.
 * The whole secret string is the key.
 */
export function signingKeyReader(
  secretId: string,
  client = new SecretsManagerClient({}),
): () => Promise<string> {
  let cached: Promise<string> | undefined;
  async function load(): Promise<string> {
    const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    const key = answer.SecretString;
    if (!key || key.length < 16) {
      throw new Error(
        `Secret ${secretId} holds no signing key (a string of 16 or more characters)`,
      );
    }
    return key;
  }
  return () => {
    if (!cached) {
      // A failed read is not kept: the next request tries again.
      cached = load().catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    }
    return cached;
  };
}
