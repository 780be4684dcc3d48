import { html, type SafeHtml } from '../../shared/http/html';
import { page } from '../../shared/http/pages';
import { type Locale, locales } from '../../shared/locales';
import { countryCodes } from '../../shared/rules/countries';
import { type LeadField, type LeadProblem, leadFieldLimits } from '../rules/lead';
import { languageNames, leadFormText, problemMessage } from './lead-form-text';

/**
 * The public lead form and its thank-you page. Plain HTML that works without JavaScript: every
 * input has a label, an error sits next to its field (linked by `aria-describedby`) and in a
 * summary at the top that links to the field.
 */

export type FormProblem = 'form-expired' | 'form-invalid';

export interface LeadFormView {
  locale: Locale;
  /** Path prefix of the API stage, `''` on the default stage. */
  basePath: string;
  formToken: string;
  /** What the prospect typed, shown again after a refusal. */
  values?: Partial<Record<string, string>>;
  problems?: readonly LeadProblem[];
  formProblem?: FormProblem;
}

/** The hidden field carrying the page language, so a refused form comes back in it. */
export const formLanguageField = 'formLang';
export const formTokenField = 'formToken';
/**
 * A field people never see (moved off screen by the stylesheet, hidden from screen readers, not
 * reachable by Tab, never autofilled) and bots fill in: a post with it filled is ignored.
 */
export const honeypotField = 'website';

interface FieldSpec {
  field: LeadField;
  optional?: boolean;
  type?: 'text' | 'email' | 'tel';
  autocomplete?: string;
  hint?: 'phoneHint' | 'interestHint';
}

const inputs: FieldSpec[] = [
  { field: 'name', autocomplete: 'name' },
  { field: 'company', optional: true, autocomplete: 'organization' },
  { field: 'email', type: 'email', autocomplete: 'email' },
  { field: 'phone', optional: true, type: 'tel', autocomplete: 'tel', hint: 'phoneHint' },
];

export function leadFormPage(view: LeadFormView): string {
  const t = leadFormText[view.locale];
  const values = view.values ?? {};
  const problems = view.problems ?? [];
  const problemOf = (field: LeadField) => problems.find((p) => p.field === field);
  const messageOf = (field: LeadField) => {
    const p = problemOf(field);
    return p ? problemMessage(view.locale, p.problem, p.limit) : undefined;
  };

  /** The label, hint and error of a field, and the attributes that tie them to the control. */
  function around(spec: FieldSpec, control: (attrs: SafeHtml) => SafeHtml): SafeHtml {
    const { field } = spec;
    const message = messageOf(field);
    const describedBy = [spec.hint && `${field}-hint`, message && `${field}-error`]
      .filter(Boolean)
      .join(' ');
    const attrs = html`id="${field}" name="${field}"${spec.optional ? '' : html` required`}${
      describedBy ? html` aria-describedby="${describedBy}"` : ''
    }${message ? html` aria-invalid="true"` : ''}${
      spec.autocomplete ? html` autocomplete="${spec.autocomplete}"` : ''
    }`;
    return html`<div>
<label for="${field}">${t.labels[field]}${spec.optional ? html` <span>${t.optional}</span>` : ''}</label>
${spec.hint ? html`<p class="hint" id="${field}-hint">${t[spec.hint]}</p>` : ''}
${message ? html`<p class="error" id="${field}-error">${message}</p>` : ''}
${control(attrs)}
</div>
`;
  }

  const textInput = (spec: FieldSpec) =>
    around(
      spec,
      (attrs) =>
        html`<input ${attrs} type="${spec.type ?? 'text'}" maxlength="${leadFieldLimits[spec.field]}" value="${values[spec.field] ?? ''}">`,
    );

  const chosenCountry = (values.country ?? '').trim().toUpperCase();
  const country = around(
    { field: 'country', autocomplete: 'country' },
    (attrs) => html`<select ${attrs}>
<option value="">${t.chooseCountry}</option>
${countryOptions(view.locale).map(
  ([code, name]) =>
    html`<option value="${code}"${code === chosenCountry ? html` selected` : ''}>${name}</option>`,
)}
</select>`,
  );

  const chosenLanguage = (values.language ?? view.locale).trim().toLowerCase();
  const language = around(
    { field: 'language', autocomplete: 'language' },
    (attrs) => html`<select ${attrs}>
${locales.map(
  (l) =>
    html`<option value="${l}" lang="${l}"${l === chosenLanguage ? html` selected` : ''}>${languageNames[l]}</option>`,
)}
</select>`,
  );

  const interest = textInput({ field: 'interest', hint: 'interestHint' });
  const message = around(
    { field: 'message', optional: true },
    (attrs) =>
      html`<textarea ${attrs} maxlength="${leadFieldLimits.message}" rows="6">${values.message ?? ''}</textarea>`,
  );

  const summaryItems = [
    ...(view.formProblem ? [html`<li>${problemMessage(view.locale, view.formProblem)}</li>`] : []),
    ...problems.map(
      (p) =>
        html`<li><a href="#${p.field}">${t.labels[p.field]}: ${problemMessage(view.locale, p.problem, p.limit)}</a></li>`,
    ),
  ];
  const summary = summaryItems.length
    ? html`<div class="summary" role="alert" aria-labelledby="error-summary-title">
<h2 id="error-summary-title">${t.errorSummaryTitle}</h2>
<ul>${summaryItems}</ul>
</div>
`
    : '';

  const main = html`<h1>${t.pageTitle}</h1>
${summary}<p>${t.intro}</p>
<p>${t.requiredNote}</p>
<form method="post" action="${view.basePath}/leads" accept-charset="UTF-8">
<input type="hidden" name="${formTokenField}" value="${view.formToken}">
<input type="hidden" name="${formLanguageField}" value="${view.locale}">
${inputs.map(textInput)}${country}${language}${interest}${message}
<div class="hp" aria-hidden="true">
<label for="${honeypotField}">Website</label>
<input id="${honeypotField}" name="${honeypotField}" type="text" tabindex="-1" autocomplete="off" value="">
</div>
<button type="submit">${t.submit}</button>
</form>`;
  return page(view.locale, t.pageTitle, main, languageNav(view.locale, view.basePath));
}

export function thanksPage(locale: Locale, basePath: string): string {
  const t = leadFormText[locale];
  const main = html`<h1>${t.thanksTitle}</h1>
<p>${t.thanksBody}</p>
<p><a href="${basePath}/forms/lead?lang=${locale}">${t.anotherEnquiry}</a></p>`;
  return page(locale, t.thanksTitle, main, languageNav(locale, basePath, '&received=1'));
}

function languageNav(current: Locale, basePath: string, extra = ''): SafeHtml {
  return html`<nav aria-label="${leadFormText[current].languageNav}"><ul>
${locales.map(
  (l) =>
    html`<li><a href="${basePath}/forms/lead?lang=${l}${extra}" hreflang="${l}" lang="${l}"${
      l === current ? html` aria-current="page"` : ''
    }>${languageNames[l]}</a></li>`,
)}
</ul></nav>`;
}

const countryOptionCache = new Map<Locale, [string, string][]>();

/** Countries named in the page's language, in that language's order. */
export function countryOptions(locale: Locale): [string, string][] {
  let options = countryOptionCache.get(locale);
  if (!options) {
    const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    const collator = new Intl.Collator(locale);
    options = countryCodes
      .map((code): [string, string] => [code, names.of(code) ?? code])
      .sort((a, b) => collator.compare(a[1], b[1]));
    countryOptionCache.set(locale, options);
  }
  return options;
}
