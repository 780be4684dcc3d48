import { Logger } from '@aws-lambda-powertools/logger';
import { accountStore } from '../../accounts/store/accounts';
import {
  type AccountInArrears,
  type ArrearsRow,
  arrearsPage,
} from '../../collections/pages/arrears-page';
import { arrearsStore } from '../../collections/store/arrears';
import { deliveryOf } from '../../messages/email-delivery';
import { outboxStore } from '../../messages/store/outbox-store';
import { creditNoteEmailKey } from '../../payments/mail/credit-note-email';
import { requireEnv } from '../../shared/env';
import { NotFound } from '../../shared/errors';
import { type HttpAnswer, seeOther } from '../../shared/http/responses';
import { type OfficeRequest, officeHandler, pageAnswer } from '../../shared/office/handler';
import { addDays, businessDateOf } from '../../shared/rules/job-dates';
import { signingKeyReader } from '../../shared/signing-key';
import { openTable } from '../../shared/store/table';
import { loadBusinessRules } from '../../staff/settings/settings';
import { settingsStore } from '../../staff/settings/settings-store';
import { mayReadInvoice } from '../invoice-access';
import { invoiceDocuments } from '../invoice-documents';
import { invoiceDocumentKey, invoiceEmailKey } from '../mail/invoice-email';
import { invoiceLookupPage, invoicePage } from '../pages/invoice-pages';
import type { StoredInvoice } from '../store/invoice-numbers';
import { invoiceStore } from '../store/invoices';

/**
 * The back office's invoices: `GET /office/invoices?number=` (find one by its number),
 * `GET /office/invoices/{number}` (the invoice),
 * `GET /office/invoices/{number}/pdf` (the PDF the customer received) and `GET /office/arrears`
 * (unpaid invoices past due, with their ladder steps). Finance and managers see every invoice;
 * an agent their accounts' and a supervisor their team's.
 */

const logger = new Logger();
const table = openTable(requireEnv('TABLE_NAME'));
const invoices = invoiceStore(table);
const accounts = accountStore(table);
const outbox = outboxStore(table);
const documents = invoiceDocuments(requireEnv('DOCUMENTS_BUCKET'));
const signingKey = signingKeyReader(requireEnv('SIGNING_KEY_SECRET_ID'));
const zone = requireEnv('COMPANY_TIME_ZONE');

const arrears = arrearsStore(table);
const settings = settingsStore(table);
/** The arrears list reads this far back, and shows at most this many invoices. */
const arrearsLookbackDays = 400;
const arrearsPageSize = 500;

const numberPattern = /^(INV|CN)-\d{4}-\d{6}$/;
const hidden = 'There is no invoice with this number, or it is not yours to see.';

export const handler = officeHandler(logger, signingKey, async (request) => {
  switch (request.event.routeKey) {
    case 'GET /office/invoices/{number}':
      return showInvoice(request);
    case 'GET /office/invoices/{number}/pdf':
      return downloadPdf(request);
    case 'GET /office/arrears':
      return listArrears(request);
    case 'GET /office/invoices':
      return findInvoice(request);
    default:
      throw new NotFound('There is no such page.');
  }
});

/**
 * The lookup form's answer: to the invoice's page (which says whether there is one the caller may
 * see), or the form again naming what is wrong with the number.
 */
function findInvoice({ event, frame }: OfficeRequest): HttpAnswer {
  const typed = event.queryStringParameters?.number ?? '';
  const number = typed.trim().toUpperCase();
  if (number === '') return pageAnswer(200, invoiceLookupPage(frame));
  if (!numberPattern.test(number)) {
    return pageAnswer(
      400,
      invoiceLookupPage(
        frame,
        typed,
        'an invoice number is INV-, the year, a dash and six digits (credit notes CN-)',
      ),
    );
  }
  return seeOther(`${frame.base}/office/invoices/${encodeURIComponent(number)}`);
}

/** The invoice if the caller may read it; an unknown one and a forbidden one look the same. */
async function readableInvoice(request: OfficeRequest) {
  const number = request.event.pathParameters?.number ?? '';
  if (!numberPattern.test(number)) throw new NotFound(hidden);
  const invoice = await invoices.get(number);
  if (!invoice) throw new NotFound(hidden);
  const account = await accounts.get(invoice.accountId);
  if (!mayReadInvoice(request.principal, account)) throw new NotFound(hidden);
  return { invoice, account };
}

async function showInvoice(request: OfficeRequest): Promise<HttpAnswer> {
  const { invoice, account } = await readableInvoice(request);
  return pageAnswer(
    200,
    invoicePage({
      frame: request.frame,
      invoice,
      zone,
      ...(account ? { accountName: account.legalName } : {}),
      // Invoices and credit notes are emailed to the account's address.
      ...(account
        ? {
            delivery: await deliveryOf(
              outbox,
              invoice.series === 'CN'
                ? creditNoteEmailKey(invoice, account.email)
                : invoiceEmailKey(invoice, account.email),
            ),
          }
        : {}),
    }),
  );
}

async function downloadPdf(request: OfficeRequest): Promise<HttpAnswer> {
  const { invoice } = await readableInvoice(request);
  const pdf = await documents.read(invoiceDocumentKey(invoice));
  if (!pdf) throw new NotFound(`The PDF of ${invoice.number} has not been made yet.`);
  return pdfAnswer(invoice, pdf);
}

function pdfAnswer(invoice: StoredInvoice, pdf: Uint8Array): HttpAnswer {
  return {
    statusCode: 200,
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${invoice.number}.pdf"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
    body: Buffer.from(pdf).toString('base64'),
    isBase64Encoded: true,
  };
}

async function listArrears(request: OfficeRequest): Promise<HttpAnswer> {
  const today = businessDateOf(request.now, zone);
  const { ladder } = (await loadBusinessRules(settings)).rules.dunning;
  const accountsRead = new Map<string, Promise<AccountInArrears | undefined>>();
  const accountOf = (accountId: string) => {
    let read = accountsRead.get(accountId);
    if (!read) {
      read = accounts.get(accountId) as Promise<AccountInArrears | undefined>;
      accountsRead.set(accountId, read);
    }
    return read;
  };
  const rows: ArrearsRow[] = [];
  let truncated = false;
  // Oldest due first: the most overdue fill the page before the recent ones.
  for await (const page of arrears.overdueInvoices(
    addDays(today, -arrearsLookbackDays),
    addDays(today, -1),
  )) {
    for (const invoice of page) {
      const account = await accountOf(invoice.accountId);
      if (!mayReadInvoice(request.principal, account)) continue;
      if (rows.length === arrearsPageSize) truncated = true;
      else rows.push({ invoice, ...(account ? { account } : {}) });
    }
    if (truncated) break;
  }
  return pageAnswer(200, arrearsPage({ frame: request.frame, today, ladder, rows, truncated }));
}
