import { billingPlans } from '../../invoicing/rules/invoice';
import type { Lead } from '../../leads/rules/lead';
import type { FieldProblem } from '../../shared/errors';
import { html } from '../../shared/http/html';
import { locales } from '../../shared/locales';
import { errorSummary, fieldId, selectField, textField } from '../../shared/office/components';
import { csrfInput, type Frame, officePage } from '../../shared/office/layout';
import { countryCodes } from '../../shared/rules/countries';
import { lineBillingField, lineFields, quoteFormLines } from '../quote-form';

/**
 * The back office's "New quote" form for a lead: up to five lines, the terms and the customer,
 * prefilled from the lead. `entryKey` is made with the page and becomes the quote's id, so
 * posting the page twice makes one quote.
 */

export interface QuoteFormView {
  frame: Frame;
  lead: Pick<Lead, 'leadId' | 'name' | 'company'>;
  entryKey: string;
  values: Record<string, string>;
  problems: readonly FieldProblem[];
}

const lineLabels: Record<(typeof lineFields)[number] | typeof lineBillingField, string> = {
  service: 'Service',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  discount: 'Discount %',
  taxRate: 'Tax rate %',
  billing: 'Billed',
};

const labels: Record<string, string> = {
  currency: 'Currency',
  overallDiscount: 'Overall discount %',
  validityDays: 'Valid for (days)',
  paymentTerms: 'Payment',
  paymentTermsDays: 'Payment terms (days net)',
  billingPlan: 'Billing plan',
  startDate: 'Start date',
  termMonths: 'Term (months)',
  renewal: 'Renewal',
  serviceKind: 'Kind of service (sets the renewal reminders)',
  serviceName: 'Service (for the contract)',
  needsOperatingPermit: 'Service needs an operating permit',
  legalName: 'Customer legal name',
  contactName: 'Contact name',
  email: 'Email',
  phone: 'Phone',
  address: 'Address (one line each)',
  taxId: 'Tax id',
  country: 'Country',
  language: 'Language',
};

export function labelOf(field: string): string {
  const line = /^([a-zA-Z]+)(\d+)$/.exec(field);
  if (line?.[1] && line[1] in lineLabels) {
    return `Line ${line[2]}: ${lineLabels[line[1] as keyof typeof lineLabels]}`;
  }
  return labels[field] ?? field;
}

/** The values a new form starts with: the lead's details and the desk's defaults. */
export function quoteFormDefaults(
  lead: Lead,
  defaults: { validityDays: number; paymentTermsDays: number; today: string },
): Record<string, string> {
  return {
    currency: 'EUR',
    validityDays: String(defaults.validityDays),
    paymentTerms: 'net',
    paymentTermsDays: String(defaults.paymentTermsDays),
    billingPlan: 'monthly',
    startDate: defaults.today,
    termMonths: '12',
    renewal: 'manual',
    serviceKind: 'membership',
    serviceName: lead.interest,
    service1: lead.interest,
    quantity1: '1',
    discount1: '0',
    needsOperatingPermit: 'no',
    legalName: lead.company ?? lead.name,
    contactName: lead.name,
    email: lead.email,
    phone: lead.phone ?? '',
    country: lead.country,
    language: lead.language,
  };
}

export function quoteFormPage(view: QuoteFormView): string {
  const { frame, values, problems, lead } = view;
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const text = (name: string, required = false, hint?: string) =>
    textField({
      name,
      label: labelOf(name),
      value: values[name] ?? '',
      error: errorOf(name),
      required,
      ...(hint ? { hint } : {}),
    });
  const select = (name: string, options: { value: string; label: string }[]) =>
    selectField(
      { name, label: labelOf(name), value: values[name] ?? '', error: errorOf(name) },
      options,
    );
  const lines = Array.from({ length: quoteFormLines }, (_, i) => i + 1).map(
    (n) => html`<fieldset class="card">
<legend>Line ${n}${n > 1 ? ' (optional)' : ''}</legend>
${lineFields.map((f) => text(`${f}${n}`, n === 1))}
${selectField(
  {
    name: `${lineBillingField}${n}`,
    label: labelOf(`${lineBillingField}${n}`),
    value: values[`${lineBillingField}${n}`] ?? 'recurring',
    error: errorOf(`${lineBillingField}${n}`),
    hint: 'A one-off line (a setup fee) is billed once, with the first invoice',
  },
  [
    { value: 'recurring', label: 'Every billing period' },
    { value: 'one-off', label: 'Once (one-off)' },
  ],
)}
</fieldset>
`,
  );
  const addressId = fieldId('address');
  const addressError = errorOf('address');
  const address = html`<div class="field">
<label for="${addressId}">${labelOf('address')}</label>
<textarea id="${addressId}" name="address" rows="3" required${
    addressError ? html` aria-invalid="true" aria-describedby="${addressId}-error"` : ''
  }>${values.address ?? ''}</textarea>
${addressError ? html`<p class="error" id="${addressId}-error">${addressError}</p>` : ''}
</div>`;
  return officePage(frame, {
    title: 'New quote',
    section: 'leads',
    main: html`<p><a href="${frame.base}/office/leads/${lead.leadId}">← Lead: ${lead.name}</a></p>
<h1>New quote${lead.company ? html` <span class="meta">${lead.company}</span>` : ''}</h1>
${errorSummary(problems, labelOf)}
<form method="post" action="${frame.base}/office/leads/${lead.leadId}/quotes/new" novalidate>
${csrfInput(frame)}
<input type="hidden" name="entryKey" value="${view.entryKey}">
<h2>Lines</h2>
${lines}
<h2>Terms</h2>
<div class="card">
${text('currency', true, 'ISO code, e.g. EUR')}
${text('overallDiscount', false, 'Compounded with each line’s discount')}
${text('validityDays', true)}
${select('paymentTerms', [
  { value: 'net', label: 'Net days after the invoice' },
  { value: 'prepaid', label: 'Prepaid' },
])}
${text('paymentTermsDays', false, 'Ignored when prepaid; over 30 days needs a supervisor')}
${select(
  'billingPlan',
  billingPlans.map((p) => ({ value: p, label: p })),
)}
${text('startDate', true, 'YYYY-MM-DD')}
${text('termMonths', true)}
${select('renewal', [
  { value: 'manual', label: 'Manual' },
  { value: 'auto', label: 'Automatic' },
])}
${select('serviceKind', [
  { value: 'membership', label: 'Membership' },
  { value: 'network-service', label: 'Network service' },
  { value: 'advertising', label: 'Advertising' },
  { value: 'placement', label: 'Placement' },
])}
${text('serviceName', true)}
${select('needsOperatingPermit', [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
])}
</div>
<h2>Customer</h2>
<div class="card">
${text('legalName', true, 'As on the business licence')}
${text('contactName', true)}
${text('email', true)}
${text('phone')}
${address}
${text('taxId')}
${select('country', [
  { value: '', label: 'Choose a country' },
  ...countryCodes.map((c) => ({ value: c, label: c })),
])}
${select(
  'language',
  locales.map((l) => ({ value: l, label: l })),
)}
</div>
<button type="submit">Save and send the quote</button>
</form>`,
  });
}
