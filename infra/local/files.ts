import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import S3rver from 's3rver';
import * as s3rverAccount from 's3rver/lib/models/account.js';
import { localCredentials } from './aws-clients';

export interface FileStore {
  url: string;
  stop(): Promise<void>;
}

/** The S3 endpoint (`s3rver`), on disk under the data folder, with the product's buckets. */
export async function startFileStore(
  host: string,
  port: number,
  dataDir: string,
  buckets: string[],
): Promise<FileStore> {
  const directory = join(dataDir, 's3');
  mkdirSync(directory, { recursive: true });
  // s3rver only knows its own dummy key; teach it the local cloud's dummy key too.
  const account =
    (s3rverAccount as { DUMMY_ACCOUNT?: typeof s3rverAccount.DUMMY_ACCOUNT }).DUMMY_ACCOUNT ??
    (s3rverAccount as unknown as { default: typeof s3rverAccount }).default.DUMMY_ACCOUNT;
  account.createKeyPair(localCredentials.accessKeyId, localCredentials.secretAccessKey);
  const server = new S3rver({
    address: host,
    port,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  await server.run();
  return { url: `http://${host}:${port}`, stop: () => server.close() };
}
