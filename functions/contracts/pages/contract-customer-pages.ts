import { formatDate } from '../../invoicing/pdf/invoice-pdf';
import { html, type SafeHtml } from '../../shared/http/html';
import { page } from '../../shared/http/pages';
import type { Locale } from '../../shared/locales';
import type { UploadIssue } from '../contract-documents';
import type { SignatureProblem } from '../contract-signing';
import { listDocuments } from '../mail/contract-customer-mail';
import { documentNames } from '../mail/contract-customer-text';
import { contractFigures, termText } from '../pdf/contract-figures';
import { contractPdfText } from '../pdf/contract-pdf-text';
import type { Contract, DocumentType } from '../rules/contract';
import { contractPageText } from './contract-page-text';

/**
 * The customer's contract pages, reached through signed links: uploading the documents and
 * signing. Plain HTML without JavaScript, in the link's language; each error names its field and
 * sits next to it and in a summary at the top.
 */

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');

function summary(title: string, problems: readonly { field: string; message: string }[]) {
  if (problems.length === 0) return html``;
  return html`<div class="summary" role="alert"><h2>${title}</h2><ul>${problems.map(
    (p) => html`<li><a href="#f-${p.field}">${p.message}</a></li>`,
  )}</ul></div>`;
}

const fieldError = (field: string, problems: readonly { field: string; message: string }[]) =>
  problems
    .filter((p) => p.field === field)
    .map((p) => html`<p class="error" id="e-${field}">${p.message}</p>`);

const invalid = (field: string, problems: readonly { field: string }[]) =>
  problems.some((p) => p.field === field) ? 'true' : 'false';

export interface DocumentsPageView {
  locale: Locale;
  action: string;
  contract: Pick<Contract, 'contractId' | 'customer' | 'requiredDocuments' | 'status'>;
  missing: readonly DocumentType[];
  issues?: readonly UploadIssue[];
  received?: boolean;
  values?: { documentType?: string; legalName?: string };
}

export function documentsPage(view: DocumentsPageView): string {
  const t = contractPageText[view.locale];
  const problems = (view.issues ?? []).map((i) => ({
    field: i.field,
    message: t.uploadProblems[i.problem],
  }));
  const intro = fill(t.documentsIntro, {
    contractId: view.contract.contractId,
    legalName: view.contract.customer.legalName,
  });
  const chosen = view.values?.documentType ?? view.missing[0] ?? '';
  const main = html`<h1>${t.documentsTitle}</h1>
${summary(t.problemsTitle, problems)}
${view.received ? html`<p role="status">${t.received}</p>` : html``}
<p>${intro}</p>
${
  view.missing.length > 0
    ? html`<p>${fill(t.stillNeeded, { documents: listDocuments(view.locale, view.missing) })}</p>`
    : html`<p>${t.allReceived}</p>`
}
<form method="post" action="${view.action}" enctype="multipart/form-data">
<label for="f-documentType">${t.documentLabel}</label>
<select id="f-documentType" name="documentType" aria-invalid="${invalid('documentType', problems)}">
${view.contract.requiredDocuments.map(
  (d) =>
    html`<option value="${d}"${d === chosen ? html` selected` : html``}>${documentNames[view.locale][d]}</option>`,
)}
</select>
${fieldError('documentType', problems)}
<label for="f-file">${t.fileLabel}</label>
<input id="f-file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" aria-describedby="h-file" aria-invalid="${invalid('file', problems)}">
<p class="hint" id="h-file">${t.fileHint}</p>
${fieldError('file', problems)}
<label for="f-legalName">${t.legalNameLabel}</label>
<input id="f-legalName" name="legalName" value="${view.values?.legalName ?? ''}" aria-describedby="h-legalName" aria-invalid="${invalid('legalName', problems)}">
<p class="hint" id="h-legalName">${t.legalNameHint}</p>
${fieldError('legalName', problems)}
<button type="submit">${t.upload}</button>
</form>`;
  return page(view.locale, t.documentsTitle, main);
}

export interface SignaturePageView {
  locale: Locale;
  action: string;
  contract: Contract;
  problems?: readonly { field: 'signerName' | 'agree'; problem: SignatureProblem }[];
  signerName?: string;
}

function contractSummary(contract: Contract, locale: Locale): SafeHtml {
  const p = contractPdfText[locale];
  const terms =
    contract.paymentTerms.kind === 'prepaid'
      ? p.prepaid
      : p.net.replace('{days}', String(contract.paymentTerms.days));
  const rows: [string, string][] = [
    [p.contractNumber, contract.contractId],
    [p.customer, contract.customer.legalName],
    [p.service, contract.service.name],
    [p.term, termText(contract.termMonths, locale)],
    [p.startDate, formatDate(contract.startDate, locale)],
    [p.endDate, formatDate(contract.endDate, locale)],
    [p.billingPlan, p.plans[contract.billingPlan]],
    [p.paymentTerms, terms],
    [p.renewal, p.renewals[contract.renewal]],
  ];
  const figures = contractFigures(contract, locale);
  const c = p.columns;
  const columns = [c.service, c.quantity, c.unitPrice, c.amount, c.discount, c.tax, c.lineTotal];
  return html`<dl>${rows.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<h2>${p.lines}</h2>
<table>
<thead><tr>${columns.map((label) => html`<th scope="col">${label}</th>`)}</tr></thead>
<tbody>
${figures.rows.map(
  (r) =>
    html`<tr><td>${r.service}</td><td>${r.quantity}</td><td>${r.unitPrice}</td><td>${r.amount}</td><td>${r.discount}</td><td>${r.tax}</td><td>${r.lineTotal}</td></tr>
`,
)}</tbody>
<tfoot>
${figures.totals.map(
  ([label, value], i) =>
    html`<tr><th scope="row" colspan="6">${label}</th><td>${i === figures.totals.length - 1 ? html`<strong>${value}</strong>` : value}</td></tr>
`,
)}</tfoot>
</table>
${figures.later ? html`<p>${figures.later}</p>` : html``}`;
}

export function signaturePage(view: SignaturePageView): string {
  const t = contractPageText[view.locale];
  const problems = (view.problems ?? []).map((p) => ({
    field: p.field,
    message: t.signProblems[p.problem],
  }));
  const main = html`<h1>${t.signTitle}</h1>
${summary(t.problemsTitle, problems)}
<p>${t.signIntro}</p>
${contractSummary(view.contract, view.locale)}
<form method="post" action="${view.action}">
<label for="f-signerName">${t.signerLabel}</label>
<input id="f-signerName" name="signerName" autocomplete="name" value="${view.signerName ?? ''}" aria-invalid="${invalid('signerName', problems)}">
${fieldError('signerName', problems)}
<label for="f-agree"><input id="f-agree" name="agree" type="checkbox" value="yes" aria-invalid="${invalid('agree', problems)}"> ${t.agreeLabel}</label>
${fieldError('agree', problems)}
<button type="submit">${t.sign}</button>
</form>`;
  return page(view.locale, t.signTitle, main);
}

export function messagePage(locale: Locale, kind: 'signed' | 'not-waiting'): string {
  const t = contractPageText[locale];
  const [title, body] =
    kind === 'signed' ? [t.signedTitle, t.signedBody] : [t.notWaitingTitle, t.notWaitingBody];
  return page(locale, title, html`<h1>${title}</h1><p>${body}</p>`);
}
