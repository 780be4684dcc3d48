import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { localArn } from './names';

interface StoredSecret {
  value: string;
  versionId: string;
  createdEpochSeconds: number;
  changedEpochSeconds?: number;
}

export interface SecretsEndpoint {
  url: string;
  stop(): Promise<void>;
}

/**
 * A small Secrets Manager endpoint (JSON protocol: `GetSecretValue`, `DescribeSecret`,
 * `PutSecretValue`). Each declared secret is a random key created on first start and kept in the
 * data folder, so signed links stay valid across restarts; a new value (a key rotation) is kept
 * there too.
 */
export async function startSecretsEndpoint(
  host: string,
  port: number,
  dataDir: string,
  secretNames: string[],
  now: () => Date,
): Promise<SecretsEndpoint> {
  const secrets = loadOrCreateSecrets(dataDir, secretNames, now);
  const save = (name: string, secret: StoredSecret) => {
    secrets.set(name, secret);
    const file = join(dataDir, 'secrets.json');
    const stored = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    writeFileSync(file, JSON.stringify({ ...stored, [name]: secret }, null, 2), { mode: 0o600 });
  };
  const server = createServer((request, response) => {
    handle(request, response, secrets, save, now).catch((error) => {
      answer(response, 500, { __type: 'InternalServiceError', message: (error as Error).message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    url: `http://${host}:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function loadOrCreateSecrets(
  dataDir: string,
  names: string[],
  now: () => Date,
): Map<string, StoredSecret> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'secrets.json');
  const stored: Record<string, StoredSecret> = existsSync(file)
    ? JSON.parse(readFileSync(file, 'utf8'))
    : {};
  let changed = false;
  for (const name of names) {
    if (stored[name]) continue;
    stored[name] = {
      value: randomBytes(32).toString('base64url'),
      versionId: randomUUID(),
      createdEpochSeconds: Math.floor(now().getTime() / 1000),
    };
    changed = true;
  }
  if (changed) writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return new Map(Object.entries(stored).filter(([name]) => names.includes(name)));
}

/** AWS accepts a secret's name, its ARN, or its ARN without the random suffix. */
function findSecret(secrets: Map<string, StoredSecret>, secretId: unknown) {
  if (typeof secretId !== 'string') return undefined;
  for (const [name, secret] of secrets) {
    const arn = localArn.secret(name);
    if (
      secretId === name ||
      secretId === arn ||
      new RegExp(`^${escapeRegExp(arn)}-[A-Za-z0-9]{6}$`).test(secretId)
    ) {
      return { name, arn, secret };
    }
  }
  return undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  secrets: Map<string, StoredSecret>,
  save: (name: string, secret: StoredSecret) => void,
  now: () => Date,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const target = String(request.headers['x-amz-target'] ?? '');
  if (request.method !== 'POST' || !target.startsWith('secretsmanager.')) {
    return answer(response, 400, {
      __type: 'UnknownOperationException',
      message: 'Unknown operation',
    });
  }
  let body: { SecretId?: unknown; SecretString?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return answer(response, 400, {
      __type: 'SerializationException',
      message: 'The request body is not JSON',
    });
  }
  const operation = target.slice('secretsmanager.'.length);
  if (!['GetSecretValue', 'DescribeSecret', 'PutSecretValue'].includes(operation)) {
    return answer(response, 400, {
      __type: 'UnknownOperationException',
      message: `The local Secrets Manager does not implement ${operation}`,
    });
  }
  const found = findSecret(secrets, body.SecretId);
  if (!found) {
    return answer(response, 400, {
      __type: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
    });
  }
  const { name, arn, secret } = found;
  if (operation === 'PutSecretValue') {
    if (typeof body.SecretString !== 'string' || body.SecretString === '') {
      return answer(response, 400, {
        __type: 'InvalidParameterException',
        message: 'You must provide either SecretString or SecretBinary.',
      });
    }
    const versionId = randomUUID();
    save(name, {
      ...secret,
      value: body.SecretString,
      versionId,
      changedEpochSeconds: Math.floor(now().getTime() / 1000),
    });
    return answer(response, 200, {
      ARN: arn,
      Name: name,
      VersionId: versionId,
      VersionStages: ['AWSCURRENT'],
    });
  }
  if (operation === 'GetSecretValue') {
    return answer(response, 200, {
      ARN: arn,
      Name: name,
      VersionId: secret.versionId,
      SecretString: secret.value,
      VersionStages: ['AWSCURRENT'],
      CreatedDate: secret.createdEpochSeconds,
    });
  }
  return answer(response, 200, {
    ARN: arn,
    Name: name,
    CreatedDate: secret.createdEpochSeconds,
    LastChangedDate: secret.changedEpochSeconds ?? secret.createdEpochSeconds,
    VersionIdsToStages: { [secret.versionId]: ['AWSCURRENT'] },
  });
}

function answer(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (typeof body.__type === 'string') headers['x-amzn-errortype'] = body.__type;
  response.writeHead(status, headers).end(JSON.stringify(body));
}
