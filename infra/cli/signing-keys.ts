/**
 * `npm run signing-keys -- status | rotate <links|forms|csrf|all> [--drop-previous]`: shows or
 * rotates the keys that sign the desk's links, form tokens and CSRF tokens (see
 * `infra/cli/key-rotation.ts`). Against a running local cloud when `DESK_LOCAL_READY` holds the
 * JSON that `npm start` printed; otherwise against the secret named by SIGNING_KEY_SECRET_ID
 * (the stack's `SigningKeySecretArn` output) with the usual AWS credentials.
 *
 * Exit codes: 0 done, 2 bad arguments or environment, 1 anything else.
 */
import { parseArgs } from 'node:util';
import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  type KeyPurpose,
  keyPurposes,
  storedSigningKeys,
} from '../../functions/shared/signing-key';
import type { LocalCloudEndpoints } from '../../test/support/local-cloud-context';
import { localCredentials } from '../local/aws-clients';
import { localArn, localNames } from '../local/names';
import { hideNodeVersionWarning } from '../local/quiet-warnings';
import { describeKeys, keepAfterReplaced, rotatePurpose } from './key-rotation';

class UsageError extends Error {
  override name = 'UsageError';
}

const usage = `Usage: npm run signing-keys -- status
       npm run signing-keys -- rotate <${keyPurposes.join('|')}|all> [--drop-previous]`;

interface Command {
  action: 'status' | 'rotate';
  purposes: KeyPurpose[];
  dropPrevious: boolean;
}

function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<typeof parse>;
  const parse = (args: string[]) =>
    parseArgs({ args, allowPositionals: true, options: { 'drop-previous': { type: 'boolean' } } });
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [action, which, ...extra] = parsed.positionals;
  const dropPrevious = parsed.values['drop-previous'] ?? false;
  if (extra.length > 0) throw new UsageError(`unexpected: ${extra.join(' ')}`);
  if (action === 'status' && !which && !dropPrevious) {
    return { action, purposes: [], dropPrevious };
  }
  if (action !== 'rotate') throw new UsageError('command: status or rotate');
  if (which === 'all') return { action, purposes: [...keyPurposes], dropPrevious };
  if (!keyPurposes.includes(which as KeyPurpose)) {
    throw new UsageError(`purpose: one of ${keyPurposes.join(', ')} or all`);
  }
  return { action, purposes: [which as KeyPurpose], dropPrevious };
}

interface Target {
  secretId: string;
  client: SecretsManagerClient;
  /** The time the desk's functions read: the local cloud runs its own clock. */
  now(): Promise<Date>;
}

/** The secret and a client for it: the local cloud's, or the deployed stack's. */
function secretOf(): Target {
  const ready = process.env.DESK_LOCAL_READY;
  if (ready) {
    let endpoints: LocalCloudEndpoints;
    try {
      endpoints = JSON.parse(ready) as LocalCloudEndpoints;
    } catch {
      throw new UsageError('DESK_LOCAL_READY: must be the JSON that npm start printed after it');
    }
    return {
      secretId: localArn.secret(localNames.signingKeySecret),
      client: new SecretsManagerClient({
        region: endpoints.region,
        endpoint: endpoints.secretsManagerEndpoint,
        credentials: localCredentials,
      }),
      async now() {
        const clock = await fetch(`${endpoints.consoleUrl}/clock`);
        return new Date(((await clock.json()) as { now: string }).now);
      },
    };
  }
  const secretId = process.env.SIGNING_KEY_SECRET_ID;
  if (!secretId) {
    throw new UsageError(
      "SIGNING_KEY_SECRET_ID: not set. Give the stack's SigningKeySecretArn output, or run " +
        "against the local cloud with DESK_LOCAL_READY='<JSON from npm start>'",
    );
  }
  return { secretId, client: new SecretsManagerClient({}), now: async () => new Date() };
}

async function main(): Promise<number> {
  hideNodeVersionWarning();
  let command: Command;
  let secret: Target;
  try {
    command = parseCommand(process.argv.slice(2));
    secret = secretOf();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${usage}\n`);
    return 2;
  }
  const { secretId, client } = secret;
  const now = await secret.now();
  const answer = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let keys = storedSigningKeys(answer.SecretString ?? '');
  for (const purpose of command.purposes) {
    const rotation = rotatePurpose(keys, purpose, { now, dropPrevious: command.dropPrevious });
    keys = rotation.keys;
    const kept = keepAfterReplaced[purpose];
    process.stdout.write(
      `${purpose}: new key ${rotation.added.id} signs from ${rotation.added.from}; ` +
        (command.dropPrevious
          ? `every older key dropped (${rotation.dropped.join(', ') || 'none'})\n`
          : `the key it replaces verifies for ${kept.days} more days (${kept.why})` +
            `${rotation.dropped.length ? `; dropped ${rotation.dropped.join(', ')}` : ''}\n`),
    );
  }
  if (command.purposes.length > 0) {
    await client.send(
      new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify(keys) }),
    );
  }
  for (const line of describeKeys(keys, now)) process.stdout.write(`${line}\n`);
  client.destroy();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(
      `signing-keys failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`,
    );
    process.exit(1);
  },
);
