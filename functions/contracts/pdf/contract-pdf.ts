import PDFDocument from 'pdfkit';
import { type CompanyDetails, formatDate } from '../../invoicing/pdf/invoice-pdf';
import { type FontFace, fontData, textRuns } from '../../shared/pdf/fonts';
import type { Contract } from '../rules/contract';
import { companyTimeText, contractFigures, termText } from './contract-figures';
import { contractPdfText } from './contract-pdf-text';

/**
 * The signed contract as a PDF, in the customer's language: the parties (the supplier, from the
 * company's details, and the customer), service, lines and totals as quoted, the term, dates,
 * billing, payment terms, renewal, and who signed when (by the company's clock, the zone named)
 * and from where. The same signed contract and company give the same bytes (the document's dates
 * are the signature's).
 */

export interface ContractPdfContext {
  /** The company that supplies the service: its details as the settings give them. */
  supplier: Pick<CompanyDetails, 'legalName' | 'addressLines' | 'taxId' | 'email'>;
  /** The company's time zone: the signing time is given by its clock. */
  zone: string;
}

type Doc = PDFKit.PDFDocument;

/** One paragraph, each script in its embedded font, flowing from the current position. */
function paragraph(doc: Doc, text: string, options: { size?: number; bold?: boolean } = {}) {
  const runs = textRuns(text, options.bold ? 'latin-bold' : 'latin');
  const faces = new Set<FontFace>();
  runs.forEach((run, i) => {
    if (!faces.has(run.face)) {
      doc.registerFont(run.face, fontData(run.face));
      faces.add(run.face);
    }
    doc
      .font(run.face)
      .fontSize(options.size ?? 10)
      .text(run.text, { continued: i < runs.length - 1 });
  });
  if (runs.length === 0) doc.moveDown();
}

export function renderContractPdf(
  contract: Contract,
  { supplier, zone }: ContractPdfContext,
): Promise<Buffer> {
  const locale = contract.customer.language;
  const t = contractPdfText[locale];
  const signedAt = new Date(contract.signature?.signedAt ?? contract.draftedAt);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    font: fontData('latin') as unknown as string,
    lang: locale,
    displayTitle: true,
    info: {
      Title: `${t.title} ${contract.contractId}`,
      Author: supplier.legalName,
      Subject: contract.customer.legalName,
      CreationDate: signedAt,
      ModDate: signedAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { customer } = contract;

  paragraph(doc, t.title, { size: 18, bold: true });
  paragraph(doc, `${t.contractNumber}: ${contract.contractId}`);
  doc.moveDown();
  paragraph(doc, t.supplier, { size: 12, bold: true });
  paragraph(doc, supplier.legalName);
  for (const line of supplier.addressLines) paragraph(doc, line);
  paragraph(doc, `${t.taxId}: ${supplier.taxId}`);
  paragraph(doc, supplier.email);
  doc.moveDown();
  paragraph(doc, t.customer, { size: 12, bold: true });
  paragraph(doc, customer.legalName);
  for (const line of customer.addressLines) paragraph(doc, line);
  if (customer.taxId) paragraph(doc, `${t.taxId}: ${customer.taxId}`);
  paragraph(doc, `${t.contact}: ${customer.contactName}, ${customer.email}`);
  doc.moveDown();
  paragraph(doc, `${t.service}: ${contract.service.name}`, { size: 12, bold: true });
  paragraph(doc, t.lines, { bold: true });
  const figures = contractFigures(contract, locale);
  const c = t.columns;
  for (const r of figures.rows) {
    paragraph(
      doc,
      `${r.service}: ${r.quantity} × ${r.unitPrice} = ${r.amount}; ${c.discount} ${r.discount}; ` +
        `${c.tax} ${r.tax}; ${c.lineTotal} ${r.lineTotal}`,
    );
  }
  figures.totals.forEach(([label, value], i) => {
    paragraph(doc, `${label}: ${value}`, { bold: i === figures.totals.length - 1 });
  });
  if (figures.later) paragraph(doc, figures.later);
  doc.moveDown();
  paragraph(doc, `${t.term}: ${termText(contract.termMonths, locale)}`);
  paragraph(doc, `${t.startDate}: ${formatDate(contract.startDate, locale)}`);
  paragraph(doc, `${t.endDate}: ${formatDate(contract.endDate, locale)}`);
  paragraph(doc, `${t.billingPlan}: ${t.plans[contract.billingPlan]}`);
  const terms =
    contract.paymentTerms.kind === 'prepaid'
      ? t.prepaid
      : t.net.replace('{days}', String(contract.paymentTerms.days));
  paragraph(doc, `${t.paymentTerms}: ${terms}`);
  paragraph(doc, `${t.renewal}: ${t.renewals[contract.renewal]}`);
  if (contract.signature) {
    doc.moveDown();
    paragraph(doc, `${t.signedBy}: ${contract.signature.signerName}`, { bold: true });
    paragraph(doc, `${t.signedAt}: ${companyTimeText(contract.signature.signedAt, zone, locale)}`);
    paragraph(doc, `${t.signedFrom}: ${contract.signature.sourceIp}`);
  }
  doc.end();
  return done;
}
