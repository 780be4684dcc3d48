import PDFDocument from 'pdfkit';
import type { Locale } from '../../shared/locales';
import { type FontFace, fontData, textRuns } from '../../shared/pdf/fonts';
import { formatMoney, type Money } from '../../shared/rules/money';
import type { Invoice } from '../rules/invoice';
import { invoicePdfText } from './invoice-pdf-text';

/**
 * The PDF copy of an invoice or credit note, in the customer's language: the company and the
 * customer, number and dates, one row per line (net, tax rate, tax and total each as computed and
 * rounded per line), the tax per rate, the total and the payment terms (an invoice) or the invoice
 * credited and why (a credit note, which asks for no payment). Pure apart from reading
 * the font files: the same invoice gives the same document.
 */

/** The issuing company as it appears on its documents. */
export interface CompanyDetails {
  legalName: string;
  addressLines: string[];
  taxId: string;
  email: string;
  phone?: string;
  /** Where to pay: `IBAN GR16 0110 1250 0000 0001 2300 695`. */
  paymentDetails?: string;
}

type Doc = PDFKit.PDFDocument;

const pageMargin = 50;
const ink = '#1a1a1a';
const muted = '#555555';
const rule = '#bbbbbb';

interface WriteOptions {
  width?: number;
  align?: 'left' | 'right' | 'center';
  size?: number;
  bold?: boolean;
  color?: string;
}

const registered = new WeakMap<Doc, Set<FontFace>>();

/** Puts text at (x, y), each script in its own embedded font; returns the height it took. */
function write(doc: Doc, text: string, x: number, y: number, options: WriteOptions = {}): number {
  const { width, align = 'left', size = 9, bold = false, color = ink } = options;
  const runs = textRuns(text, bold ? 'latin-bold' : 'latin');
  const use = (face: FontFace) => {
    // Registered by name: pdfkit caches a font by its source, and a buffer makes a poor key.
    let faces = registered.get(doc);
    if (!faces) {
      faces = new Set();
      registered.set(doc, faces);
    }
    if (!faces.has(face)) {
      doc.registerFont(face, fontData(face));
      faces.add(face);
    }
    doc.font(face).fontSize(size);
  };
  doc.fillColor(color);
  const first = runs[0];
  if (!first) return 0;
  use(first.face);
  if (runs.length === 1) {
    const height = doc.heightOfString(text, { width });
    doc.text(text, x, y, { width, align, lineBreak: width !== undefined });
    return height;
  }
  // Several scripts: pdfkit cannot align a line of mixed fonts, so a line that fits is placed run
  // by run; a longer one flows left-aligned, one font after another.
  const widths = runs.map((run) => {
    use(run.face);
    return doc.widthOfString(run.text);
  });
  const lineWidth = widths.reduce((a, b) => a + b, 0);
  use(first.face);
  const height = doc.heightOfString(text, { width });
  if (width === undefined || lineWidth <= width) {
    const room = (width ?? lineWidth) - lineWidth;
    let at = x + (align === 'right' ? room : align === 'center' ? room / 2 : 0);
    runs.forEach((run, i) => {
      use(run.face);
      doc.text(run.text, at, y, { lineBreak: false });
      at += widths[i] ?? 0;
    });
    return doc.currentLineHeight(true);
  }
  runs.forEach((run, i) => {
    use(run.face);
    const continued = i < runs.length - 1;
    if (i === 0) doc.text(run.text, x, y, { width, continued });
    else doc.text(run.text, { continued });
  });
  return height;
}

const fill = (template: string, days: number) => template.replace('{days}', String(days));

/** A business date as the customer reads it: `12. März 2026`, `2026년 3월 12일`. */
export function formatDate(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

interface Column {
  key: 'service' | 'quantity' | 'unitPrice' | 'discount' | 'net' | 'taxRate' | 'tax' | 'lineTotal';
  width: number;
  align: 'left' | 'right';
}

const columns: Column[] = [
  { key: 'service', width: 119, align: 'left' },
  { key: 'quantity', width: 50, align: 'right' },
  { key: 'unitPrice', width: 62, align: 'right' },
  { key: 'discount', width: 52, align: 'right' },
  { key: 'net', width: 58, align: 'right' },
  { key: 'taxRate', width: 36, align: 'right' },
  { key: 'tax', width: 52, align: 'right' },
  { key: 'lineTotal', width: 66, align: 'right' },
];
const gap = 0;

export function renderInvoicePdf(
  /** With the account's credit that paid it at issue, if any (a stored invoice). */
  invoice: Invoice & { creditAppliedMinor?: number },
  company: CompanyDetails,
  locale: Locale,
): Promise<Buffer> {
  const text = invoicePdfText[locale];
  const title = invoice.series === 'CN' ? text.creditNoteTitle : text.invoiceTitle;
  const doc = new PDFDocument({
    size: 'A4',
    margin: pageMargin,
    // A font of our own from the start: pdfkit's default (Helvetica) would be read from disk.
    font: fontData('latin') as unknown as string,
    lang: locale,
    displayTitle: true,
    info: {
      Title: `${title} ${invoice.number}`,
      Author: company.legalName,
      Subject: invoice.customer.name,
      // The document's own date, not the rendering moment: the same invoice, the same PDF.
      CreationDate: new Date(invoice.issuedAt),
      ModDate: new Date(invoice.issuedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const money = (m: Money) => formatMoney(m, locale);
  const left = pageMargin;
  const right = doc.page.width - pageMargin;
  const contentWidth = right - left;

  // The company, left; the document's title, number and dates, right.
  let y = pageMargin;
  y += write(doc, company.legalName, left, y, { size: 13, bold: true, width: 260 });
  for (const line of company.addressLines)
    y += write(doc, line, left, y, { width: 260, color: muted });
  y += write(doc, `${text.taxId}: ${company.taxId}`, left, y, { width: 260, color: muted });
  y += write(doc, company.email, left, y, { width: 260, color: muted });
  if (company.phone) y += write(doc, company.phone, left, y, { width: 260, color: muted });

  // A credit note asks for no payment: no due date, terms or bank details, only what it credits.
  const creditNote = invoice.series === 'CN';
  const facts: [string, string][] = [
    [text.number, invoice.number],
    [text.issueDate, formatDate(invoice.issueDate, locale)],
  ];
  if (!creditNote) facts.push([text.dueDate, formatDate(invoice.dueDate, locale)]);
  if (invoice.credits) facts.push([text.credits, invoice.credits.invoiceNumber]);
  if (invoice.period) {
    facts.push([
      text.period,
      `${formatDate(invoice.period.start, locale)} – ${formatDate(invoice.period.end, locale)}`,
    ]);
  }
  let ry = pageMargin;
  ry +=
    write(doc, title, right - 220, ry, { size: 20, bold: true, width: 220, align: 'right' }) + 4;
  for (const [label, value] of facts) {
    write(doc, label, right - 250, ry, { width: 95, color: muted });
    ry += write(doc, value, right - 160, ry, { width: 160, align: 'right' });
  }

  // The customer.
  y = Math.max(y, ry) + 18;
  y +=
    write(doc, creditNote ? text.creditTo : text.billTo, left, y, { bold: true, color: muted }) + 2;
  y += write(doc, invoice.customer.name, left, y, { size: 11, bold: true, width: 300 });
  for (const line of invoice.customer.addressLines) y += write(doc, line, left, y, { width: 300 });
  if (invoice.customer.taxId) {
    y += write(doc, `${text.taxId}: ${invoice.customer.taxId}`, left, y, { width: 300 });
  }

  // The lines.
  y += 18;
  const header = () => {
    let x = left;
    let height = 0;
    for (const c of columns) {
      height = Math.max(
        height,
        write(doc, text[c.key], x, y, { width: c.width - 4, align: c.align, bold: true, size: 8 }),
      );
      x += c.width + gap;
    }
    y += height + 4;
    doc.moveTo(left, y).lineTo(right, y).strokeColor(rule).lineWidth(0.5).stroke();
    y += 5;
  };
  header();
  for (const line of invoice.lines) {
    const cells: Record<Column['key'], string> = {
      service: line.service,
      quantity: line.quantity,
      unitPrice: money(line.unitPrice),
      discount: line.discount.amountMinor === 0 ? '' : `−${money(line.discount)}`,
      net: money(line.net),
      taxRate: line.taxRatePercent,
      tax: money(line.tax),
      lineTotal: money(line.total),
    };
    if (y > doc.page.height - pageMargin - 140) {
      doc.addPage();
      y = pageMargin;
      header();
    }
    let x = left;
    let height = 0;
    for (const c of columns) {
      height = Math.max(
        height,
        write(doc, cells[c.key], x, y, { width: c.width - 4, align: c.align }),
      );
      x += c.width + gap;
    }
    y += height + 6;
  }
  doc.moveTo(left, y).lineTo(right, y).strokeColor(rule).lineWidth(0.5).stroke();
  y += 8;

  // Totals: net, discounts, tax per rate, total.
  const labelX = right - 260;
  const totalRow = (label: string, value: string, bold = false) => {
    write(doc, label, labelX, y, { width: 160, bold, size: bold ? 11 : 9 });
    y +=
      write(doc, value, right - 100, y, { width: 100, align: 'right', bold, size: bold ? 11 : 9 }) +
      3;
  };
  totalRow(text.subtotal, money(invoice.totals.net));
  if (invoice.totals.discount.amountMinor !== 0) {
    totalRow(text.totalDiscount, money(invoice.totals.discount));
  }
  for (const rate of invoice.taxByRate) {
    totalRow(`${text.taxAt} ${rate.taxRatePercent} % (${money(rate.net)})`, money(rate.tax));
  }
  totalRow(text.total, money(invoice.totals.total), true);
  const credit = invoice.creditAppliedMinor ?? 0;
  if (credit > 0) {
    totalRow(text.creditApplied, `−${money({ amountMinor: credit, currency: invoice.currency })}`);
  }
  if (invoice.series === 'INV') {
    const due = { ...invoice.totals.total, amountMinor: invoice.totals.total.amountMinor - credit };
    totalRow(text.amountDue, money(due), true);
  }

  y += 16;
  if (creditNote) {
    if (invoice.credits) {
      write(doc, `${text.reason}: ${invoice.credits.reason}`, left, y, { width: contentWidth });
    }
    doc.end();
    return done;
  }
  // Terms and where to pay.
  const terms =
    invoice.paymentTerms.kind === 'prepaid'
      ? text.prepaid
      : fill(text.netDays, invoice.paymentTerms.days);
  y += write(doc, `${text.paymentTerms}: ${terms}`, left, y, { width: contentWidth });
  if (company.paymentDetails)
    y += write(doc, company.paymentDetails, left, y, { width: contentWidth });
  y += 10;
  write(doc, text.thanks, left, y, { width: contentWidth, color: muted });

  doc.end();
  return done;
}
