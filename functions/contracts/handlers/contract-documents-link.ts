import { Logger } from '@aws-lambda-powertools/logger';
import { decisionSteps } from '../../shared/decisions/decision-step';
import { requireEnv, requireLocale } from '../../shared/env';
import { httpHandler } from '../../shared/http/middleware';
import { readMultipart } from '../../shared/http/multipart';
import { basePath, htmlAnswer } from '../../shared/http/responses';
import { signedLinkProblemPage } from '../../shared/http/signed-link-pages';
import { verifySignedLink } from '../../shared/signed-link';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { documentFiles, maxDocumentBytes, storeContractDocument } from '../contract-documents';
import { documentsLinkPurpose } from '../contract-requests';
import { documentsPage } from '../pages/contract-customer-pages';
import { missingDocuments } from '../rules/contract';
import { contractStore } from '../store/contracts';

/**
 * The customer's upload page for a contract's documents, through the emailed signed link:
 * `GET /contracts/documents/{token}` shows what is still needed and the form; `POST` (multipart)
 * checks the file (type by content, size, the legal name on a business licence) and stores it.
 * The link serves several uploads (one per document) until it expires. Pages in the link's
 * language.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const defaultLocale = requireLocale('DEFAULT_LOCALE');
const deps = {
  contracts: contractStore(table),
  steps: decisionSteps(table),
  files: documentFiles(requireEnv('DOCUMENTS_BUCKET')),
};
/** The file and the form around it. */
const maxBodyBytes = maxDocumentBytes + 64 * 1024;

export const handler = httpHandler(logger, async (event) => {
  const now = new Date();
  const token = event.pathParameters?.token ?? '';
  const check = verifySignedLink(token, await signingKey(), now, documentsLinkPurpose);
  if (check.status !== 'valid') {
    return signedLinkProblemPage(
      check.status,
      check.status === 'tampered' ? (check.locale ?? defaultLocale) : check.link.locale,
    );
  }
  const locale = check.link.locale;
  const contract = await deps.contracts.get(check.link.subject);
  if (!contract) return signedLinkProblemPage('tampered', locale);
  const action = `${basePath(event)}/contracts/documents/${token}`;
  if (event.requestContext.http.method !== 'POST') {
    const missing = missingDocuments(contract);
    return htmlAnswer(200, documentsPage({ locale, action, contract, missing }), locale);
  }
  const { fields, files } = readMultipart(event, maxBodyBytes);
  const file = files.file;
  const result = await storeContractDocument(
    deps,
    contract,
    {
      documentType: fields.documentType,
      ...(file ? { file: { fileName: file.fileName, bytes: file.bytes } } : {}),
      ...(fields.legalName !== undefined ? { legalName: fields.legalName } : {}),
    },
    { kind: 'customer' },
    now,
  );
  if (result.status === 'refused') {
    logger.info('Contract document refused', {
      contractId: contract.contractId,
      issues: result.issues,
    });
    const page = documentsPage({
      locale,
      action,
      contract,
      missing: missingDocuments(contract),
      issues: result.issues,
      values: {
        ...(fields.documentType ? { documentType: fields.documentType } : {}),
        ...(fields.legalName ? { legalName: fields.legalName } : {}),
      },
    });
    return htmlAnswer(400, page, locale);
  }
  logger.info('Contract document stored', {
    contractId: contract.contractId,
    documentKey: result.document.documentKey,
    workflow: result.workflow,
  });
  const page = documentsPage({
    locale,
    action,
    contract,
    missing: result.missing,
    received: true,
  });
  return htmlAnswer(201, page, locale);
});
