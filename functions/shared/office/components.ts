import type { FieldProblem } from '../errors';
import { html, type SafeHtml } from '../http/html';
import type { TimelineActor, TimelineEntry } from '../store/timeline';

/**
 * The pieces back-office pages are made of: tables that fold into cards on a phone, paging by
 * cursor, form fields with their label, hint and error tied together, detail lists, timelines.
 */

export interface Column {
  label: string;
}

/** A table; under 48rem each row shows as a card whose cells repeat their column's label. */
export function dataTable(
  caption: string,
  columns: readonly Column[],
  rows: readonly (readonly (SafeHtml | string)[])[],
  empty: string,
): SafeHtml {
  if (rows.length === 0) return html`<p class="card">${empty}</p>`;
  return html`<div class="table-wrap">
<table class="responsive-table">
<caption>${caption}</caption>
<thead><tr>${columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
<tbody>
${rows.map(
  (cells) =>
    html`<tr>${cells.map((cell, i) => html`<td data-label="${columns[i]?.label ?? ''}">${cell}</td>`)}</tr>
`,
)}</tbody>
</table>
</div>`;
}

/** Links to the first and the next page; the query keeps the search and filters. */
export function pager(path: string, query: Record<string, string>, next?: string, isFirst = true) {
  const link = (cursor?: string) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''));
    if (cursor) params.set('after', cursor);
    const text = params.toString();
    return text ? `${path}?${text}` : path;
  };
  if (isFirst && !next) return html``;
  return html`<nav class="paging" aria-label="Pages">
${isFirst ? html`<span></span>` : html`<a href="${link()}">First page</a>`}
${next ? html`<a href="${link(next)}" rel="next">Next page</a>` : html`<span>Last page</span>`}
</nav>`;
}

export interface FieldView {
  name: string;
  label: string;
  value?: string;
  hint?: string;
  error?: string;
  type?: 'text' | 'email' | 'number' | 'search' | 'time';
  required?: boolean;
  autocomplete?: string;
  attributes?: SafeHtml;
}

/** Label, hint and error around a control; the control names both in `aria-describedby`. */
function around(field: FieldView, control: (attrs: SafeHtml) => SafeHtml): SafeHtml {
  const id = fieldId(field.name);
  const describedBy = [field.hint && `${id}-hint`, field.error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  const attrs = html`id="${id}" name="${field.name}"${field.required ? html` required` : ''}${
    describedBy ? html` aria-describedby="${describedBy}"` : ''
  }${field.error ? html` aria-invalid="true"` : ''}${
    field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ''
  }${field.attributes ? html` ${field.attributes}` : ''}`;
  return html`<div class="field">
<label for="${id}">${field.label}</label>
${field.hint ? html`<p class="hint" id="${id}-hint">${field.hint}</p>` : ''}
${control(attrs)}
${field.error ? html`<p class="error" id="${id}-error">${field.error}</p>` : ''}
</div>`;
}

/** Field names may hold dots (`leads.firstContactReminderDay`); ids keep to safe characters. */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export function textField(field: FieldView): SafeHtml {
  return around(
    field,
    (attrs) => html`<input ${attrs} type="${field.type ?? 'text'}" value="${field.value ?? ''}">`,
  );
}

export function selectField(
  field: FieldView,
  options: readonly { value: string; label: string }[],
): SafeHtml {
  return around(
    field,
    (attrs) => html`<select ${attrs}>
${options.map(
  (o) =>
    html`<option value="${o.value}"${o.value === (field.value ?? '') ? html` selected` : ''}>${o.label}</option>`,
)}
</select>`,
  );
}

export function checkboxField(field: FieldView & { checked: boolean }): SafeHtml {
  const id = fieldId(field.name);
  return html`<div class="field checkbox">
<input type="checkbox" id="${id}" name="${field.name}" value="true"${field.checked ? html` checked` : ''}${
    field.error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''
  }>
<label for="${id}">${field.label}</label>
${field.error ? html`<p class="error" id="${id}-error">${field.error}</p>` : ''}
</div>`;
}

/** The problems of a refused form, at its top, each linking to its field. */
export function errorSummary(
  problems: readonly FieldProblem[],
  labelOf: (field: string) => string,
): SafeHtml {
  if (problems.length === 0) return html``;
  return html`<div class="summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">Please correct ${problems.length === 1 ? 'this' : 'these'}</h2>
<ul>${problems.map(
    (p) => html`<li><a href="#${fieldId(p.field)}">${labelOf(p.field)}: ${p.message}</a></li>`,
  )}</ul>
</div>`;
}

export function detailList(pairs: readonly [string, SafeHtml | string | undefined][]): SafeHtml {
  return html`<dl class="details">
${pairs.map(([term, value]) => html`<dt>${term}</dt><dd>${value ?? '—'}</dd>`)}
</dl>`;
}

/** Dates and times as the desk's staff read them: in the company's time zone. */
export function formatTime(iso: string, zone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export const timeElement = (iso: string, zone: string) =>
  html`<time datetime="${iso}">${formatTime(iso, zone)}</time>`;

function actorName(actor: TimelineActor): string {
  switch (actor.kind) {
    case 'prospect':
      return `${actor.name} (prospect)`;
    case 'customer':
      return `${actor.name} (customer)`;
    case 'staff':
      return actor.name;
    case 'system':
      return 'the desk';
  }
}

/** Every step of a record, oldest first: when, what, who and through which channel. */
export function timeline(entries: readonly TimelineEntry[], zone: string): SafeHtml {
  if (entries.length === 0) return html`<p>Nothing has happened yet.</p>`;
  return html`<ol class="timeline">
${entries.map(
  (e) => html`<li>
${timeElement(e.at, zone)}
<strong>${e.summary}</strong>
<p class="meta">By ${actorName(e.by)}, through ${e.via}</p>
</li>
`,
)}</ol>`;
}
