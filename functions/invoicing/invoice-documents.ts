import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

/**
 * Invoice PDFs in the documents bucket. A PDF is written once and never replaced: the document
 * the customer received is the one the desk keeps (a correction is a credit note, not a new file).
 */
export interface InvoiceDocuments {
  exists(key: string): Promise<boolean>;
  /** Writes the file unless one is there already (then the first stays). */
  putOnce(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The file's bytes, or undefined when there is none. */
  read(key: string): Promise<Uint8Array | undefined>;
}

const notFound = (error: unknown) =>
  error instanceof Error &&
  (error.name === 'NotFound' ||
    error.name === 'NoSuchKey' ||
    (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404);

/** No endpoint here: the SDK reads AWS_ENDPOINT_URL_S3. */
export function invoiceDocuments(bucket: string, client = new S3Client({})): InvoiceDocuments {
  async function exists(key: string): Promise<boolean> {
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  return {
    exists,

    async putOnce(key, body, contentType) {
      if (await exists(key)) return;
      try {
        // The condition closes the gap between the check and the write where S3 supports it.
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: body,
            ContentType: contentType,
            IfNoneMatch: '*',
          }),
        );
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
          ?.httpStatusCode;
        // 412: another writer put it first; that file stays.
        if (status === 412 || (error as Error).name === 'PreconditionFailed') return;
        throw error;
      }
    },

    async read(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return object.Body ? await object.Body.transformToByteArray() : undefined;
      } catch (error) {
        if (notFound(error)) return undefined;
        throw error;
      }
    },
  };
}
