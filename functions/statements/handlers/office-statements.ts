import { Logger } from '@aws-lambda-powertools/logger';
import { readableAccount } from '../../accounts/account-access';
import { accountStore } from '../../accounts/store/accounts';
import { invoiceDocuments } from '../../invoicing/invoice-documents';
import { deliveryOf } from '../../messages/email-delivery';
import { outboxStore } from '../../messages/store/outbox-store';
import { requireEnv } from '../../shared/env';
import { NotFound } from '../../shared/errors';
import type { HttpAnswer } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { statementDocumentKey, statementEmailKey } from '../mail/statement-email';
import { statementsPage } from '../pages/statement-pages';
import { statementRecordStore } from '../store/statement-records';

/**
 * The back office's statements of an account: `GET /office/accounts/{accountId}/statements` (the
 * months, with their balances) and `GET /office/accounts/{accountId}/statements/{month}/pdf` (the
 * PDF the customer received). Read like the account: agents their own, supervisors their team's,
 * managers and finance all.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const accounts = accountStore(table);
const records = statementRecordStore(table);
const outbox = outboxStore(table);
const documents = invoiceDocuments(requireEnv('DOCUMENTS_BUCKET'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/accounts/{accountId}/statements':
      return listStatements(request);
    case 'GET /office/accounts/{accountId}/statements/{month}/pdf':
      return downloadPdf(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

/** The account if the caller may see it; an unknown one and a forbidden one look the same. */
const accountOf = (request: OfficeRequest) =>
  readableAccount(accounts, request.principal, request.event.pathParameters?.accountId);

async function listStatements(request: OfficeRequest): Promise<HttpAnswer> {
  const account = await accountOf(request);
  const statements = await records.list(account.accountId);
  // Each month's statement went to the account's address: sent, or not sent and why.
  const deliveries = new Map(
    await Promise.all(
      statements.map(
        async (s) =>
          [
            s.month,
            await deliveryOf(outbox, statementEmailKey(account.accountId, s.month, account.email)),
          ] as const,
      ),
    ),
  );
  return pageAnswer(
    200,
    statementsPage({ frame: request.frame, zone, account, statements, deliveries }),
  );
}

async function downloadPdf(request: OfficeRequest): Promise<HttpAnswer> {
  const account = await accountOf(request);
  const month = request.event.pathParameters?.month ?? '';
  const missing = 'There is no statement of this account for that month.';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new NotFound(missing);
  const pdf = await documents.read(statementDocumentKey(account.accountId, month));
  if (!pdf) throw new NotFound(missing);
  return {
    statusCode: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="statement-${month}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
    body: Buffer.from(pdf).toString('base64'),
    isBase64Encoded: true,
  };
}
