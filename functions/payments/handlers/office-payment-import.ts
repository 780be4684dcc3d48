import { Logger } from '@aws-lambda-powertools/logger';
import { documentFiles } from '../../contracts/contract-documents';
import { requireEnv } from '../../shared/env';
import { NotFound } from '../../shared/errors';
import { checkCsrf } from '../../shared/http/csrf';
import { readMultipart } from '../../shared/http/multipart';
import { seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { workflowArnVariable, workflowStarter } from '../../shared/workflow';
import { acceptBankStatement } from '../import';
import { importFormPage, importPage, importPath } from '../pages/import-pages';
import { BankStatementInvalid, type RowProblem } from '../rules/bank-statement';
import { bankImportStore } from '../store/bank-imports';

/**
 * GET  /office/payments/import              the upload form and the past imports (finance, managers)
 * POST /office/payments/import              a CSV bank statement (multipart): kept, its import
 *                                           started in the background, then its page (303)
 * GET  /office/payments/imports/{importId}  an import's progress and rows (`?rows=<chunk>`)
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');
const imports = bankImportStore(table);
const deps = {
  imports,
  files: documentFiles(requireEnv('DOCUMENTS_BUCKET')),
  workflow: workflowStarter(requireEnv(workflowArnVariable('bank-statement-import'))),
};

/** 5,000 rows of a bank's export are well under 1 MB; this leaves room for long references. */
const maxFileBytes = 3 * 1024 * 1024;
const pageSize = 25;
const importIdPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const handler = officeHandler(logger, signingKey, async (request) => {
  const { event } = request;
  switch (event.routeKey) {
    case 'GET /office/payments/import':
      return formAnswer(request, 200, {}, []);
    case 'POST /office/payments/import':
      return upload(request);
    case 'GET /office/payments/imports/{importId}':
      return showImport(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

async function formAnswer(
  request: OfficeRequest,
  statusCode: number,
  values: Record<string, string>,
  problems: RowProblem[],
) {
  const after = request.event.queryStringParameters?.after;
  const cursor = after && importIdPattern.test(after) ? after : undefined;
  const page = await imports.list(pageSize, cursor);
  return pageAnswer(
    statusCode,
    importFormPage({
      frame: request.frame,
      values,
      problems,
      imports: page.imports,
      ...(page.next ? { next: page.next } : {}),
      isFirst: !cursor,
      zone,
    }),
  );
}

async function upload(request: OfficeRequest) {
  const { event, frame, principal, now } = request;
  const { fields, files } = readMultipart(event, maxFileBytes + 64 * 1024);
  checkCsrf(event, fields, await signingKey());
  const values = {
    currency: (fields.currency ?? '').trim().toUpperCase(),
    decimalSeparator: fields.decimalSeparator === ',' ? ',' : '.',
    delimiter: fields.delimiter === ';' ? ';' : ',',
  };
  const file = files.file;
  if (!file || file.bytes.byteLength === 0) {
    return formAnswer(request, 400, values, [
      { row: 0, field: 'file', message: 'choose the CSV file to import' },
    ]);
  }
  if (file.bytes.byteLength > maxFileBytes) {
    return formAnswer(request, 400, values, [
      { row: 0, field: 'file', message: `is larger than ${maxFileBytes / 1024 / 1024} MB` },
    ]);
  }
  try {
    const accepted = await acceptBankStatement(
      deps,
      {
        fileName: file.fileName,
        bytes: file.bytes,
        options: {
          ...(values.currency ? { currency: values.currency } : {}),
          decimalSeparator: values.decimalSeparator as '.' | ',',
          delimiter: values.delimiter as ',' | ';',
        },
      },
      { staffId: principal.staffId, name: principal.name },
      now,
    );
    logger.info('Bank statement accepted', { ...accepted, by: principal.staffId });
    return seeOther(importPath(frame, accepted.importId));
  } catch (error) {
    if (error instanceof BankStatementInvalid) {
      return formAnswer(request, 400, values, error.problems);
    }
    throw error;
  }
}

async function showImport(request: OfficeRequest) {
  const { event, frame } = request;
  const importId = event.pathParameters?.importId ?? '';
  const record = importIdPattern.test(importId) ? await imports.get(importId) : undefined;
  if (!record) throw new NotFound('There is no such import.');
  const asked = Number(event.queryStringParameters?.rows ?? '0');
  const shownChunk = Number.isInteger(asked) && asked >= 0 && asked < record.chunkCount ? asked : 0;
  const [chunks, shown] = await Promise.all([
    imports.chunkAttention(importId),
    imports.chunk(importId, shownChunk),
  ]);
  return pageAnswer(
    200,
    importPage({ frame, record, chunks, ...(shown ? { shown } : {}), shownChunk, zone }),
  );
}
