import type { FieldProblem } from '../../shared/errors';
import { html } from '../../shared/http/html';
import { locales } from '../../shared/locales';
import { errorSummary, selectField, textField } from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import { countryCodes } from '../../shared/rules/countries';
import { type LeadField, staffEntrySources } from '../rules/lead';
import { sourceNames } from './lead-pages';

/**
 * The back office's "New lead" form: staff enter a lead from a call, an exhibition, a referral or
 * a web enquiry. `entryKey` is made with the page: posting the same page twice makes one lead.
 */

export interface LeadEntryView {
  frame: Frame;
  entryKey: string;
  values: Record<string, string>;
  problems: readonly FieldProblem[];
  flash?: Flash;
}

const labels: Record<LeadField | 'source', string> = {
  source: 'Source',
  name: 'Name',
  company: 'Company',
  email: 'Email',
  phone: 'Phone',
  country: 'Country (ISO code, e.g. GR)',
  language: 'Language',
  interest: 'Interest',
  message: 'Notes',
};

export function leadEntryPage(view: LeadEntryView): string {
  const { frame, values, problems } = view;
  const errorOf = (field: string) => problems.find((p) => p.field === field)?.message;
  const text = (name: LeadField, required = false) =>
    textField({
      name,
      label: labels[name],
      value: values[name] ?? '',
      error: errorOf(name),
      required,
    });
  return officePage(frame, {
    title: 'New lead',
    section: 'leads',
    ...(view.flash ? { flash: view.flash } : {}),
    main: html`<p><a href="${frame.base}/office/leads">← All leads</a></p>
<h1>New lead</h1>
${errorSummary(problems, (f) => labels[f as LeadField | 'source'] ?? f)}
<form method="post" action="${frame.base}/office/leads/new" class="card" novalidate>
${csrfInput(frame)}
<input type="hidden" name="entryKey" value="${view.entryKey}">
${selectField(
  {
    name: 'source',
    label: labels.source,
    value: values.source ?? '',
    error: errorOf('source'),
    required: true,
  },
  [
    { value: '', label: 'Choose a source' },
    ...staffEntrySources.map((s) => ({ value: s, label: sourceNames[s] })),
  ],
)}
${text('name', true)}
${text('company')}
${text('email', true)}
${text('phone')}
${selectField(
  {
    name: 'country',
    label: labels.country,
    value: values.country ?? '',
    error: errorOf('country'),
    required: true,
  },
  [{ value: '', label: 'Choose a country' }, ...countryCodes.map((c) => ({ value: c, label: c }))],
)}
${selectField(
  {
    name: 'language',
    label: labels.language,
    value: values.language ?? 'en',
    error: errorOf('language'),
  },
  locales.map((l) => ({ value: l, label: l })),
)}
${text('interest', true)}
${text('message')}
<button type="submit">Enter lead</button>
</form>`,
  });
}
