import PDFDocument from 'pdfkit';
import type { CompanyDetails } from '../../invoicing/pdf/invoice-pdf';
import { type FontFace, fontData, textRuns } from '../../shared/pdf/fonts';
import { type StatementAccount, statementView } from '../mail/statement-email';
import type { MonthlyStatement } from '../rules/statement';

/**
 * The PDF copy of a monthly statement, in the account's language, with the invoice PDF's embedded
 * fonts (`fonts.ts`): the company, the account, the period, opening balance, one row per line,
 * closing balance and the ageing. The same statement gives the same bytes: the document is dated
 * by the last day of its month, not by the moment it was rendered.
 */

type Doc = PDFKit.PDFDocument;

const margin = 50;
const ink = '#1a1a1a';
const muted = '#555555';
const rule = '#bbbbbb';

/** One line of text in a cell of `width` at (x, y), each script in its own font; never wraps. */
function cell(
  doc: Doc,
  faces: Set<FontFace>,
  text: string,
  x: number,
  y: number,
  options: { width: number; right?: boolean; bold?: boolean; size?: number; color?: string },
): number {
  const size = options.size ?? 9;
  const use = (face: FontFace) => {
    if (!faces.has(face)) {
      doc.registerFont(face, fontData(face));
      faces.add(face);
    }
    doc.font(face).fontSize(size);
  };
  const measure = (value: string) => {
    const runs = textRuns(value, options.bold ? 'latin-bold' : 'latin');
    const widths = runs.map((run) => {
      use(run.face);
      return doc.widthOfString(run.text);
    });
    return { runs, widths, total: widths.reduce((a, b) => a + b, 0) };
  };
  let { runs, widths, total } = measure(text);
  // A reference longer than its column is cut short rather than run into the next one.
  for (let keep = [...text].length - 1; total > options.width && keep > 0; keep--) {
    ({ runs, widths, total } = measure(`${[...text].slice(0, keep).join('')}…`));
  }
  let at = options.right ? x + Math.max(0, options.width - total) : x;
  doc.fillColor(options.color ?? ink);
  runs.forEach((run, i) => {
    use(run.face);
    doc.text(run.text, at, y, { lineBreak: false });
    at += widths[i] ?? 0;
  });
  return size * 1.5;
}

const columns = [
  { width: 105, right: false },
  { width: 105, right: false },
  { width: 125, right: false },
  { width: 80, right: true },
  { width: 80, right: true },
];

export function renderStatementPdf(
  statement: MonthlyStatement,
  account: StatementAccount,
  company: CompanyDetails,
): Promise<Buffer> {
  const locale = account.language;
  const view = statementView(statement, account, locale);
  const { words } = view;
  const dated = new Date(`${statement.to}T12:00:00Z`);
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    // A font of our own from the start: pdfkit's default (Helvetica) would be read from disk.
    font: fontData('latin') as unknown as string,
    lang: locale,
    displayTitle: true,
    info: {
      Title: `${words.title} ${statement.month}`,
      Author: company.legalName,
      Subject: account.legalName,
      CreationDate: dated,
      ModDate: dated,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const faces = new Set<FontFace>();
  const left = margin;
  const right = doc.page.width - margin;
  const width = right - left;
  const put = (text: string, x: number, y: number, o: Parameters<typeof cell>[5]) =>
    cell(doc, faces, text, x, y, o);

  let y = margin;
  y += put(company.legalName, left, y, { width: 260, size: 13, bold: true });
  for (const line of company.addressLines) y += put(line, left, y, { width: 260, color: muted });
  y += put(company.email, left, y, { width: 260, color: muted });
  put(words.title, right - 250, margin, { width: 250, right: true, size: 18, bold: true });

  y += 16;
  y += put(account.legalName, left, y, { width, size: 11, bold: true });
  for (const line of account.addressLines) y += put(line, left, y, { width });
  y += put(`${words.accountLabel}: ${account.accountId}`, left, y, { width, color: muted });
  y += put(`${words.periodLabel}: ${view.values.from} – ${view.values.to}`, left, y, {
    width,
    color: muted,
  });

  const row = (values: readonly string[], bold = false) => {
    if (y > doc.page.height - margin - 120) {
      doc.addPage();
      y = margin;
    }
    let x = left;
    values.forEach((value, i) => {
      const column = columns[i] ?? { width: 80, right: false };
      put(value, x, y, { width: column.width - 4, right: column.right, bold, size: 8.5 });
      x += column.width;
    });
    y += 14;
  };
  const line = () => {
    doc.moveTo(left, y).lineTo(right, y).strokeColor(rule).lineWidth(0.5).stroke();
    y += 5;
  };

  y += 18;
  const c = words.columns;
  row([c.date, c.kind, c.reference, c.amount, c.balance], true);
  line();
  row([words.opening, '', '', '', view.opening]);
  if (view.rows.length === 0) y += put(words.noLines, left, y, { width, size: 8.5, color: muted });
  for (const values of view.rows) row(values);
  line();
  row([words.closing, '', '', '', view.closing], true);
  y += 6;
  y += put(view.closingNote, left, y, { width, bold: true });

  y += 18;
  y += put(words.ageingTitle, left, y, { width, bold: true, size: 10 });
  const bucketWidth = width / Math.max(1, view.ageing.length);
  view.ageing.forEach(([label, amount], i) => {
    const x = left + i * bucketWidth;
    put(label, x, y, { width: bucketWidth - 6, right: true, color: muted });
    put(amount, x, y + 14, { width: bucketWidth - 6, right: true });
  });
  y += 40;
  put(words.questions, left, y, { width, color: muted });

  doc.end();
  return done;
}
