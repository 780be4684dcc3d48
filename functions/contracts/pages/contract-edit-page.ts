import { billingPlans } from '../../invoicing/rules/invoice';
import type { FieldProblem } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/http/html';
import { errorSummary, selectField, textField } from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import type { Contract, FieldChange } from '../rules/contract';

/** The correction of a returned contract, and the changes its next approvers read. */

const labels: Record<string, string> = {
  legalName: 'Legal name',
  contactName: 'Contact name',
  email: 'Email',
  phone: 'Phone',
  addressLines: 'Address',
  taxId: 'Tax ID',
  country: 'Country',
  startDate: 'Start date',
  termMonths: 'Term (months)',
  billingPlan: 'Billing',
  paymentTerms: 'Payment terms',
  paymentDays: 'Payment days',
  renewal: 'Renewal',
  version: 'Version',
};

/** The form's values from the contract, before anything was posted. */
export function correctionValues(c: Contract): Record<string, string> {
  return {
    legalName: c.customer.legalName,
    contactName: c.customer.contactName,
    email: c.customer.email,
    phone: c.customer.phone ?? '',
    addressLines: c.customer.addressLines.join('\n'),
    taxId: c.customer.taxId ?? '',
    country: c.customer.country,
    startDate: c.startDate,
    termMonths: String(c.termMonths),
    billingPlan: c.billingPlan,
    paymentTerms: c.paymentTerms.kind,
    paymentDays: c.paymentTerms.kind === 'net' ? String(c.paymentTerms.days) : '',
    renewal: c.renewal,
    version: String(c.version),
  };
}

export function contractEditPage(view: {
  frame: Frame;
  contract: Contract;
  values: Record<string, string>;
  problems?: readonly FieldProblem[];
  flash?: Flash;
}): string {
  const { frame, contract: c, values } = view;
  const problems = view.problems ?? [];
  const field = (name: string, extra: { type?: 'email' | 'number'; hint?: string } = {}) => {
    const error = problems.find((p) => p.field === name)?.message;
    return textField({
      name,
      label: labels[name] ?? name,
      value: values[name] ?? '',
      ...extra,
      ...(error ? { error } : {}),
    });
  };
  const choice = (name: string, options: readonly { value: string; label: string }[]) => {
    const error = problems.find((p) => p.field === name)?.message;
    return selectField(
      { name, label: labels[name] ?? name, value: values[name] ?? '', ...(error ? { error } : {}) },
      options,
    );
  };
  const addressError = problems.find((p) => p.field === 'addressLines')?.message;
  const main = html`<h1>Correct contract: ${c.customer.legalName}</h1>
${c.returned ? html`<p class="card" role="status">Returned by ${c.returned.by.name} (${c.returned.level}): ${c.returned.reason}</p>` : ''}
${errorSummary(problems, (f) => labels[f] ?? f)}
<form method="post" action="${frame.base}/office/contracts/${c.contractId}/edit">
${csrfInput(frame)}
<input type="hidden" name="version" value="${values.version ?? String(c.version)}">
${field('legalName', { hint: 'A new legal name needs the business licence uploaded again under that name.' })}
${field('contactName')}
${field('email', { type: 'email' })}
${field('phone')}
<div class="field">
<label for="f-addressLines">Address (one line per line)</label>
<textarea id="f-addressLines" name="addressLines"${addressError ? html` aria-invalid="true" aria-describedby="f-addressLines-error"` : ''}>${values.addressLines ?? ''}</textarea>
${addressError ? html`<p class="error" id="f-addressLines-error">${addressError}</p>` : ''}
</div>
${field('taxId')}
${field('country', { hint: 'ISO code, like GR' })}
${field('startDate', { hint: 'YYYY-MM-DD' })}
${field('termMonths', { type: 'number' })}
${choice(
  'billingPlan',
  billingPlans.map((p) => ({ value: p, label: p })),
)}
${choice('paymentTerms', [
  { value: 'prepaid', label: 'Prepaid' },
  { value: 'net', label: 'Net (days below)' },
])}
${field('paymentDays', { type: 'number' })}
${choice('renewal', [
  { value: 'manual', label: 'Manual' },
  { value: 'auto', label: 'Automatic' },
])}
<p>The lines and prices come from the accepted quote and are not corrected here.</p>
<button type="submit">Save corrections</button>
</form>
<p><a href="${frame.base}/office/contracts/${c.contractId}">Back to the contract</a></p>`;
  return officePage(frame, {
    title: `Correct contract ${c.customer.legalName}`,
    section: 'contracts',
    main,
    ...(view.flash ? { flash: view.flash } : {}),
  });
}

/** "What changed since it was returned": field, before → after; nothing when nothing changed. */
export function changesSection(changes: readonly FieldChange[]): SafeHtml {
  if (changes.length === 0) return html``;
  return html`<section aria-labelledby="changes-title">
<h2 id="changes-title">What changed since it was returned</h2>
<ul class="changes">${changes.map(
    (c) => html`<li>${c.field}: ${c.before || '(none)'} → ${c.after || '(none)'}</li>`,
  )}</ul>
</section>`;
}
