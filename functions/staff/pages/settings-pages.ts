import type { FieldProblem } from '../../shared/errors';
import { html, type SafeHtml } from '../../shared/http/html';
import { companyDetailsNotice } from '../../shared/office/company-notice';
import { errorSummary, fieldId } from '../../shared/office/components';
import { csrfInput, type Flash, type Frame, officePage } from '../../shared/office/layout';
import type { SettingField } from './settings-form';

/** The business rules page: every setting in groups, the version it shows, one save button. */

export interface SettingsView {
  frame: Frame;
  version: number;
  fields: readonly SettingField[];
  /** What the manager typed, shown again after a refusal. */
  values?: Record<string, string>;
  problems?: readonly FieldProblem[];
  flash?: Flash;
  /** The company's details still missing: invoices wait until there are none. */
  missingCompanyDetails?: readonly string[];
}

const labelOf = (field: SettingField) => field.labels.slice(1).join(' — ');

export function settingsPage(view: SettingsView): string {
  const problems = view.problems ?? [];
  const groups = new Map<string, SettingField[]>();
  for (const field of view.fields) {
    const group = field.labels[0] ?? 'Other';
    groups.set(group, [...(groups.get(group) ?? []), field]);
  }
  const byName = new Map(view.fields.map((f) => [f.name, f]));
  const control = (field: SettingField): SafeHtml => {
    const id = fieldId(field.name);
    const error = problems.find((p) => p.field === field.name)?.message;
    const value = view.values?.[field.name] ?? field.value;
    const hint = hints[field.kind];
    const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
    const attrs = html`id="${id}" name="${field.name}"${describedBy ? html` aria-describedby="${describedBy}"` : ''}${
      error ? html` aria-invalid="true"` : ''
    }`;
    const input =
      field.kind === 'date-lines'
        ? html`<textarea ${attrs} rows="5">${value}</textarea>`
        : field.kind === 'number'
          ? html`<input ${attrs} type="number" step="any" required value="${value}">`
          : html`<input ${attrs} type="text" value="${value}">`;
    return html`<div class="field">
<label for="${id}">${labelOf(field)}</label>
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
${input}
${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
</div>`;
  };
  const main = html`<h1>Settings</h1>
<p>The business rules of the desk. You are editing <strong>version ${view.version}</strong>; saving
makes version ${view.version + 1}. If someone else saves first, your change is refused, nothing
of theirs is overwritten, and the page shows their version to edit again.</p>
${companyDetailsNotice(view.frame, view.missingCompanyDetails ?? [])}
<p><a href="${view.frame.base}/office/settings/api-keys">API keys</a>: the keys that let a program
send leads to the desk as JSON.</p>
${errorSummary(problems, (name) => {
  const field = byName.get(name);
  return field ? field.labels.join(' — ') : name;
})}
<form method="post" action="${view.frame.base}/office/settings">
${csrfInput(view.frame)}
<input type="hidden" name="version" value="${view.version}">
${[...groups].map(
  ([group, fields]) => html`<fieldset>
<legend>${group}</legend>
<div class="form-grid">
${fields.map(control)}
</div>
</fieldset>
`,
)}
<button type="submit">Save settings</button>
</form>`;
  return officePage(view.frame, {
    title: 'Settings',
    section: 'settings',
    ...(view.flash ? { flash: view.flash } : {}),
    main,
  });
}

const hints: Partial<Record<SettingField['kind'], string>> = {
  'number-list': 'Whole numbers separated by commas',
  'text-list': 'Separated by commas',
  'date-lines': 'One date per line, as YYYY-MM-DD',
};
