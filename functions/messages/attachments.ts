import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { EmailAttachment } from './store/outbox-store';

/** Reads the bytes of a document (an object in the documents bucket) by its key. */
export interface DocumentReader {
  read(documentKey: string): Promise<Uint8Array>;
}

/** An attachment with its bytes, ready to be put in an email. */
export interface AttachmentFile {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * A message has attachments but the sending function was not given the documents bucket: its
 * declaration lacks the `documents read` use. Retrying cannot help until it is deployed with it.
 */
export class DocumentsBucketMissing extends Error {
  override name = 'DocumentsBucketMissing';
}

/** An attachment's document could not be read (missing object, S3 unreachable). */
export class AttachmentUnreadable extends Error {
  override name = 'AttachmentUnreadable';
}

// Built once per container; no endpoint here: the SDK reads AWS_ENDPOINT_URL_S3.
const sharedClient = new S3Client({});

/**
 * The documents bucket named by DOCUMENTS_BUCKET (the `documents read` use). The variable is read
 * when a message with attachments is sent, not at load: most senders never attach anything and
 * are not given the bucket.
 */
export function documentsBucket(client: S3Client = sharedClient): DocumentReader {
  return {
    async read(documentKey) {
      const bucket = process.env.DOCUMENTS_BUCKET;
      if (!bucket) {
        throw new DocumentsBucketMissing(
          'Missing environment variable DOCUMENTS_BUCKET: a function sending attachments needs ' +
            "the 'documents read' use in its declaration",
        );
      }
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: documentKey }));
      if (!object.Body) throw new Error(`Document ${documentKey} has no content`);
      return object.Body.transformToByteArray();
    },
  };
}

/** Reads every attachment's document; a failure names the document and keeps the cause. */
export async function readAttachments(
  documents: DocumentReader,
  attachments: readonly EmailAttachment[] | undefined,
): Promise<AttachmentFile[]> {
  const files: AttachmentFile[] = [];
  for (const attachment of attachments ?? []) {
    try {
      files.push({
        filename: attachment.filename,
        contentType: attachment.contentType,
        content: await documents.read(attachment.documentKey),
      });
    } catch (error) {
      if (error instanceof DocumentsBucketMissing) throw error;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new AttachmentUnreadable(
        `Attachment ${attachment.filename} (document ${attachment.documentKey}) could not be read (${reason})`,
        { cause: error },
      );
    }
  }
  return files;
}
