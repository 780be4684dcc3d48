import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ulid } from 'ulidx';
import type { DecisionOutcome, DecisionSteps } from '../shared/decisions/decision-step';
import { cleanText, fileNameField, readText } from '../shared/rules/text-fields';
import { changeContract } from './contracts';
import {
  type Contract,
  type ContractDocument,
  type DocumentType,
  isDocumentType,
  legalNamesMatch,
  missingDocuments,
} from './rules/contract';
import { type ContractStore, contractStepKey } from './store/contracts';

/**
 * The documents a contract needs (business licence, operating permit), uploaded by the customer
 * through the emailed link or by staff on the contract page. The type is judged by the file's
 * first bytes, never by its name or the browser's word; each upload is a new object (a ULID key,
 * written only if absent), so nothing is ever overwritten.
 *
 * The size limit is 4 MB: on AWS the file reaches the function base64-encoded inside a request
 * that Lambda caps at 6 MB, and 4 MB is what fits with the form around it.
 */

export const maxDocumentBytes = 4 * 1024 * 1024;

export type UploadProblem =
  | 'type-missing'
  | 'type-not-needed'
  | 'file-missing'
  | 'file-too-large'
  | 'file-type'
  | 'file-name'
  | 'legal-name-missing'
  | 'legal-name-mismatch'
  | 'contract-closed';

export interface UploadIssue {
  field: 'documentType' | 'file' | 'legalName';
  problem: UploadProblem;
}

/** An uploaded file's name may be blank (the document type names it then), never disguised. */
const uploadedFileName = fileNameField({ max: 200, required: false });

/** What the file is, by its magic bytes: PDF, JPEG or PNG; undefined for anything else. */
export function sniffDocument(bytes: Uint8Array): { contentType: string; ext: string } | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return { contentType: 'application/pdf', ext: 'pdf' };
  if (starts(0xff, 0xd8, 0xff)) return { contentType: 'image/jpeg', ext: 'jpg' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) {
    return { contentType: 'image/png', ext: 'png' };
  }
  return undefined;
}

export interface DocumentUpload {
  documentType: string | undefined;
  file?: { fileName: string; bytes: Uint8Array };
  /** The legal name as written on the business licence. */
  legalName?: string;
}

/** Every problem of an upload (empty when it may be stored). */
export function checkUpload(contract: Contract, upload: DocumentUpload): UploadIssue[] {
  const issues: UploadIssue[] = [];
  if (contract.status === 'signed' || contract.status === 'active') {
    return [{ field: 'documentType', problem: 'contract-closed' }];
  }
  const type = upload.documentType;
  if (!type) issues.push({ field: 'documentType', problem: 'type-missing' });
  else if (!isDocumentType(type) || !contract.requiredDocuments.includes(type)) {
    issues.push({ field: 'documentType', problem: 'type-not-needed' });
  }
  const file = upload.file;
  if (!file || file.bytes.byteLength === 0) issues.push({ field: 'file', problem: 'file-missing' });
  else if (file.bytes.byteLength > maxDocumentBytes) {
    issues.push({ field: 'file', problem: 'file-too-large' });
  } else if (!sniffDocument(file.bytes)) issues.push({ field: 'file', problem: 'file-type' });
  else if (!readText(uploadedFileName, file.fileName).ok) {
    // `invoice\u202Efdp.exe` reads as a PDF: a name made to disguise the file is refused.
    issues.push({ field: 'file', problem: 'file-name' });
  }
  if (type === 'business-licence') {
    const name = cleanText(upload.legalName ?? '');
    if (!name) issues.push({ field: 'legalName', problem: 'legal-name-missing' });
    else if (!legalNamesMatch(name, contract.customer.legalName)) {
      issues.push({ field: 'legalName', problem: 'legal-name-mismatch' });
    }
  }
  return issues;
}

/** The documents bucket, named by DOCUMENTS_BUCKET (the `documents` use). */
export interface DocumentFiles {
  /** Writes a new object; `exists` if one is there already (it is never overwritten). */
  putNew(key: string, bytes: Uint8Array, contentType: string): Promise<'written' | 'exists'>;
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string }>;
}

/** No endpoint here: the SDK reads AWS_ENDPOINT_URL_S3. */
export function documentFiles(bucket: string, client = new S3Client({})): DocumentFiles {
  return {
    async putNew(key, bytes, contentType) {
      try {
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: bytes,
            ContentType: contentType,
            IfNoneMatch: '*',
          }),
        );
        return 'written';
      } catch (error) {
        if (error instanceof Error && error.name === 'PreconditionFailed') return 'exists';
        throw error;
      }
    },
    async get(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!object.Body) throw new Error(`Document ${key} has no content`);
      return {
        bytes: await object.Body.transformToByteArray(),
        contentType: object.ContentType ?? 'application/octet-stream',
      };
    },
  };
}

export interface DocumentDeps {
  contracts: ContractStore;
  steps: DecisionSteps;
  files: DocumentFiles;
}

export type StoreResult =
  | { status: 'refused'; issues: UploadIssue[] }
  | {
      status: 'stored';
      document: ContractDocument;
      missing: DocumentType[];
      workflow: DecisionOutcome | 'waiting';
    };

/**
 * Checks and stores one upload: the file first (under a new key), then the record on the
 * contract with its timeline entry. The upload that completes the set resumes the workflow.
 */
export async function storeContractDocument(
  deps: DocumentDeps,
  contract: Contract,
  upload: DocumentUpload,
  by: ContractDocument['uploadedBy'],
  now: Date,
): Promise<StoreResult> {
  const issues = checkUpload(contract, upload);
  const kind = upload.file ? sniffDocument(upload.file.bytes) : undefined;
  if (issues.length > 0 || !kind || !upload.file || !isDocumentType(upload.documentType)) {
    return { status: 'refused', issues };
  }
  const documentType = upload.documentType;
  const documentKey = `contracts/${contract.contractId}/${documentType}/${ulid(now.getTime())}.${kind.ext}`;
  await deps.files.putNew(documentKey, upload.file.bytes, kind.contentType);
  const document: ContractDocument = {
    documentType,
    documentKey,
    fileName: upload.file.fileName.slice(0, 200) || `${documentType}.${kind.ext}`,
    contentType: kind.contentType,
    sizeBytes: upload.file.bytes.byteLength,
    uploadedAt: now.toISOString(),
    uploadedBy: by,
    ...(documentType === 'business-licence' && upload.legalName
      ? { legalNameOnDocument: cleanText(upload.legalName) }
      : {}),
  };
  const saved = await changeContract(deps.contracts, contract.contractId, (current) => ({
    next: { ...current, documents: [...current.documents, document] },
    entry: {
      at: now.toISOString(),
      step: 'contract-document-uploaded',
      summary: `Document uploaded: ${documentType} (${document.fileName})`,
      by:
        by.kind === 'staff' ? { ...by } : { kind: 'customer', name: current.customer.contactName },
      via: by.kind === 'staff' ? 'back office' : 'emailed upload link',
    },
    stepKey: `document#${documentKey}`,
  }));
  const missing = missingDocuments(saved);
  if (missing.length > 0 || saved.status !== 'awaiting-documents') {
    return { status: 'stored', document, missing, workflow: 'waiting' };
  }
  const workflow = await deps.steps.decide(
    contractStepKey(saved.contractId, saved.round, 'documents'),
    { decision: 'complete', output: { complete: true } },
    now,
  );
  return { status: 'stored', document, missing, workflow };
}
